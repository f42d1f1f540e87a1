import {
  type BaselineComparison,
  type BaselineMetricDelta,
  BaselineMetricKey,
  type BaselineRequestDelta,
  BaselineVerdict,
} from '@fpt/report';
import type { Baseline } from './baseline.js';
import {
  type Change,
  type ComparedMetric,
  type ComparedRow,
  type ComparedVital,
  type GateVerdict,
  RowStatus,
} from './gate-verdict.js';
import { allRows, verdictCounts } from './verdict-table.js';

/**
 * What the HTML report draws of a verdict: the headline, the key numbers of both runs (p95 and error
 * rate judged; p50, p99 and request rate shown for context; each custom trend of times' p95 and each
 * page's Web Vitals p75 judged), every request and region row, and the baseline's timeline for the dashed
 * series on the charts.
 */
export function toBaselineComparison(verdict: GateVerdict, baseline: Baseline): BaselineComparison {
  const { overall } = verdict;
  const info = (
    key: string,
    label: string,
    unit: BaselineMetricDelta['unit'],
    pick: (f: NonNullable<ComparedRow['baseline']>) => number | null,
    better: BaselineMetricDelta['better'],
  ): BaselineMetricDelta => ({
    key,
    label,
    unit,
    baseline: overall.baseline ? pick(overall.baseline) : null,
    current: overall.current ? pick(overall.current) : null,
    better,
    verdict: 'unchanged',
  });
  const failure = allRows(verdict).find((r) => r.failures.length > 0);
  const vitalFailure = verdict.webVitals.find((v) => v.failures.length > 0);
  return {
    label: baseline.run.id
      ? `run ${baseline.run.id} (${baseline.run.startedAt})`
      : `the run of ${baseline.run.startedAt}`,
    verdict:
      verdict.status === 'regression'
        ? BaselineVerdict.regression
        : verdict.counts.improvements > 0
          ? BaselineVerdict.improvement
          : BaselineVerdict.noSignificantChange,
    summary: failure
      ? `${verdictCounts(verdict)}; ${failure.scope === 'overall' ? '' : `${failure.name}: `}${failure.failures[0]}`
      : vitalFailure
        ? `${verdictCounts(verdict)}; page ${vitalFailure.page}: ${vitalFailure.failures[0]}`
        : verdictCounts(verdict),
    warnings: verdict.warnings,
    metrics: [
      info(BaselineMetricKey.p50, 'p50 latency (not judged)', 'ms', (f) => f.p50Ms, 'lower'),
      {
        ...info(BaselineMetricKey.p95, 'p95 latency', 'ms', (f) => f.p95Ms, 'lower'),
        verdict: judged(overall.p95?.change),
      },
      info(BaselineMetricKey.p99, 'p99 latency (not judged)', 'ms', (f) => f.p99Ms, 'lower'),
      {
        ...info(BaselineMetricKey.errorRate, 'error rate', 'share', (f) => f.errorRate, 'lower'),
        verdict: judged(overall.errorRate?.change),
      },
      info(
        BaselineMetricKey.requestRate,
        'requests/s (not judged)',
        'per-second',
        (f) => f.ratePerSec,
        'higher',
      ),
      ...verdict.customMetrics.filter((m) => m.p95 !== null).map(metricDelta),
      ...verdict.webVitals.filter((v) => v.judgement !== null).map(vitalDelta),
    ],
    requests: verdict.requests.map(rowDelta),
    regions: verdict.regions.map(rowDelta),
    ...(baseline.timeline ? { timeline: baseline.timeline } : {}),
  };
}

function judged(change: Change | undefined): BaselineMetricDelta['verdict'] {
  return change === 'regression' || change === 'improvement' ? change : 'unchanged';
}

function rowDelta(row: ComparedRow): BaselineRequestDelta {
  return {
    name: row.name,
    baselineP95Ms: row.baseline?.p95Ms ?? null,
    currentP95Ms: row.current?.p95Ms ?? null,
    baselineErrorRate: row.baseline?.errorRate ?? null,
    currentErrorRate: row.current?.errorRate ?? null,
    verdict:
      row.status === RowStatus.added || row.status === RowStatus.removed
        ? row.status
        : judged(row.status as Change),
  };
}

/** A judged custom trend of times as a row of the report's comparison table: its p95, as a request's. */
function metricDelta(row: ComparedMetric): BaselineMetricDelta {
  return {
    key: `${row.name}:p(95)`,
    label: `${row.name} p95`,
    unit: 'ms',
    baseline: row.baseline?.p95Ms ?? null,
    current: row.current?.p95Ms ?? null,
    better: 'lower',
    verdict: judged(row.p95?.change),
  };
}

/** A judged Web Vital as a row of the report's comparison table (no key-number tile has its key). */
function vitalDelta(row: ComparedVital): BaselineMetricDelta {
  return {
    key: `browser_web_vital_${row.vital}:p(75){page:${row.page}}`,
    label: `${row.vital.toUpperCase()} p75 · ${row.page}`,
    unit: row.vital === 'cls' ? 'count' : 'ms',
    baseline: row.baselineP75,
    current: row.currentP75,
    better: 'lower',
    verdict: judged(row.judgement?.change),
  };
}
