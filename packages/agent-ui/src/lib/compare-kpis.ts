import type { RunRow } from '../api/agent-types.js';
import { formatCount } from './format-count.js';
import { formatMs } from './format-latency.js';
import { formatErrorPercent, formatPercentagePoints, formatSignedPercent } from './format-percent.js';
import { formatRate } from './format-rate.js';
import { type BetterWhen, type MetricDelta, metricDelta } from './metric-delta.js';

export interface KpiRow extends MetricDelta {
  readonly label: string;
  readonly a: string;
  readonly b: string;
  /** The change in the metric's own unit (`+12.3 ms`, `+0.40 pp`), or a dash. */
  readonly deltaText: string;
  /** The relative change (`+18.2 %`), or a dash. */
  readonly deltaPctText: string;
}

interface KpiSpec {
  readonly label: string;
  readonly value: (run: RunRow) => number | null;
  readonly format: (value: number | null) => string;
  readonly formatDelta: (delta: number) => string;
  readonly betterWhen: BetterWhen;
}

const signed = (text: string, delta: number) => (delta > 0 ? `+${text}` : text);

/** A key figure whose change is written in its own unit, signed. */
function kpi(
  label: string,
  value: KpiSpec['value'],
  format: (value: number | null) => string,
  betterWhen: BetterWhen,
): KpiSpec {
  return { label, value, format, formatDelta: (d) => signed(format(d), d), betterWhen };
}

const kpiSpecs: readonly KpiSpec[] = [
  kpi('Requests', (r) => r.requests, formatCount, 'neither'),
  kpi('Throughput', (r) => r.requestRate, formatRate, 'higher'),
  {
    label: 'Error rate',
    value: (r) => r.errorRate,
    format: formatErrorPercent,
    // Error rates move in percentage points: 0.1 % → 0.2 % is "+100 %", which says little.
    formatDelta: (d) => formatPercentagePoints(d * 100),
    betterWhen: 'lower',
  },
  kpi('p50', (r) => r.p50Ms, formatMs, 'lower'),
  kpi('p95', (r) => r.p95Ms, formatMs, 'lower'),
  kpi('p99', (r) => r.p99Ms, formatMs, 'lower'),
  kpi('Max VUs', (r) => r.maxVus, formatCount, 'neither'),
  kpi('Failed checks', (r) => r.checksFailed, formatCount, 'lower'),
];

/** The compare page's KPI table: A, B, Δ and Δ % for each key figure, with what the change means. */
export function compareKpis(a: RunRow, b: RunRow, significancePct = 5): KpiRow[] {
  return kpiSpecs.map((spec) => {
    const va = spec.value(a);
    const vb = spec.value(b);
    const delta = metricDelta(va, vb, spec.betterWhen, significancePct);
    return {
      ...delta,
      label: spec.label,
      a: spec.format(va),
      b: spec.format(vb),
      deltaText: delta.delta === null ? '—' : spec.formatDelta(delta.delta),
      deltaPctText: delta.deltaPct === null ? '—' : formatSignedPercent(delta.deltaPct),
    };
  });
}

export interface CompareVerdict {
  readonly word: 'REGRESSION' | 'IMPROVEMENT' | 'NO SIGNIFICANT CHANGE';
  /** The biggest worse (or, for an improvement, better) changes, e.g. "p95 +23.0 %". */
  readonly drivers: string[];
}

/** Regression if anything got significantly worse; improvement if something got better and nothing worse. */
export function compareVerdict(rows: readonly KpiRow[]): CompareVerdict {
  const byMagnitude = (list: KpiRow[]) =>
    list
      .sort((x, y) => Math.abs(y.deltaPct ?? Infinity) - Math.abs(x.deltaPct ?? Infinity))
      .slice(0, 2)
      .map((row) => `${row.label} ${row.deltaPct === null ? row.deltaText : row.deltaPctText}`);
  const worse = rows.filter((r) => r.meaning === 'worse');
  if (worse.length > 0) return { word: 'REGRESSION', drivers: byMagnitude(worse) };
  const better = rows.filter((r) => r.meaning === 'better');
  if (better.length > 0) return { word: 'IMPROVEMENT', drivers: byMagnitude(better) };
  return { word: 'NO SIGNIFICANT CHANGE', drivers: [] };
}
