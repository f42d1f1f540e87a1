import { clsFloor } from './compare-figures.js';
import {
  formatChangeMs,
  formatChangePct,
  formatChangePts,
  formatOptionalMs,
  formatOptionalShare,
  formatVital,
  formatVitalChange,
} from './describe-change.js';
import type { Figures, MetricFigures } from './figures.js';
import type { ComparedMetric, ComparedRow, ComparedVital, GateVerdict, RowStatus } from './gate-verdict.js';

export const VERDICT_TABLE_HEADER = [
  'scope',
  'name',
  'p95 baseline',
  'p95 run',
  'Δ p95',
  'errors baseline',
  'errors run',
  'Δ errors',
  'verdict',
] as const;

const STATUS_WORD: Readonly<Record<RowStatus, string>> = {
  regression: 'REGRESSION',
  improvement: 'improvement',
  unchanged: 'ok',
  'no-data': 'no data',
  added: 'added (not judged)',
  removed: 'removed (not judged)',
};

/**
 * Every compared row as table cells (overall, requests, regions, custom metrics), shared by the text and
 * Markdown tables.
 */
export function verdictTableRows(verdict: GateVerdict): string[][] {
  return allRows(verdict).map((row) => [
    row.scope,
    row.name,
    formatOptionalMs(row.baseline?.p95Ms ?? null),
    formatOptionalMs(row.current?.p95Ms ?? null),
    row.p95 ? `${formatChangePct(row.p95)} (${formatChangeMs(row.p95)})` : '–',
    formatOptionalShare(errorRateOf(row.baseline)),
    formatOptionalShare(errorRateOf(row.current)),
    row.errorRate ? formatChangePts(row.errorRate) : '–',
    statusWord(row.status, row.p95, verdict.tolerances.p95IncreasePct),
  ]);
}

/** A row's verdict; "ok (under the floor)" when only the floor kept a large relative rise from counting. */
function statusWord(
  status: RowStatus,
  rise: { readonly withinFloor: boolean; readonly changePct: number | null } | null,
  allowedPct: number,
): string {
  const pct = rise?.changePct ?? null;
  if (status === 'unchanged' && rise?.withinFloor && pct !== null && pct > allowedPct)
    return 'ok (under the floor)';
  return STATUS_WORD[status];
}

export const VITALS_TABLE_HEADER = ['page', 'vital', 'p75 baseline', 'p75 run', 'Δ p75', 'verdict'] as const;

/** Each page × Web Vital as table cells; empty without browser journeys. */
export function vitalsTableRows(verdict: GateVerdict): string[][] {
  return verdict.webVitals.map((row) => [
    row.page,
    row.vital.toUpperCase(),
    formatVital(row.vital, row.baselineP75),
    formatVital(row.vital, row.currentP75),
    row.judgement ? formatVitalChange(row.vital, row.judgement) : '–',
    statusWord(row.status, row.judgement, verdict.tolerances.webVitalIncreasePct),
  ]);
}

/** Every failure of the verdict as [what, why]: the request/region/metric rows', then the pages'. */
export function verdictFailures(verdict: GateVerdict): [string, string][] {
  return [
    ...allRows(verdict).flatMap((row) =>
      row.failures.map((failure): [string, string] => [rowTitle(row), failure]),
    ),
    ...verdict.webVitals.flatMap((row) =>
      row.failures.map((failure): [string, string] => [vitalTitle(row), failure]),
    ),
  ];
}

/** "page checkout": how a Web Vitals row is named in sentences. */
export function vitalTitle(row: ComparedVital): string {
  return `page ${row.page}`;
}

/** The rows of the main table, in its order: the whole run, requests, regions, custom metrics. */
export function allRows(verdict: GateVerdict): (ComparedRow | ComparedMetric)[] {
  return [verdict.overall, ...verdict.requests, ...verdict.regions, ...verdict.customMetrics];
}

/** A row's error rate; custom metrics record no failures, so theirs is "–". */
function errorRateOf(figures: Figures | MetricFigures | null): number | null {
  return figures !== null && 'errorRate' in figures ? figures.errorRate : null;
}

/** "all requests", "request login", "region eu-near", "metric checkout_time": a row's name in sentences. */
export function rowTitle(row: ComparedRow | ComparedMetric): string {
  return row.scope === 'overall' ? 'all requests' : `${row.scope} ${row.name}`;
}

/** "1 regression, 0 improvements, 2 added": the counts that matter. */
export function verdictCounts(verdict: GateVerdict): string {
  const { regressions, improvements, added, removed } = verdict.counts;
  const parts = [
    `${regressions} regression${regressions === 1 ? '' : 's'}`,
    `${improvements} improvement${improvements === 1 ? '' : 's'}`,
  ];
  if (added > 0) parts.push(`${added} added`);
  if (removed > 0) parts.push(`${removed} removed`);
  return parts.join(', ');
}

/** The headline: "PASS" or "REGRESSION", then the counts. */
export function verdictHeadline(verdict: GateVerdict): string {
  return `${verdict.status === 'pass' ? 'PASS' : 'REGRESSION'}: ${verdictCounts(verdict)}`;
}

/** "run pr-2025…-ab12 of 2025-01-01T10:00:00Z (saved 2025-01-02T…)": which baseline this was. */
export function describeBaseline(verdict: GateVerdict): string {
  const { baseline } = verdict;
  const run = baseline.runId ? `run ${baseline.runId}` : 'the run';
  return `${run} of ${baseline.startedAt}${baseline.region ? ` in ${baseline.region}` : ''} (saved ${baseline.createdAt})`;
}

/** "p95 +10 % (floor 3 ms), error rate +0.5 pp", with the source of each when it is not the preset. */
export function describeTolerances(verdict: GateVerdict): string {
  const { tolerances, toleranceSources } = verdict;
  const from = (key: keyof typeof toleranceSources) =>
    toleranceSources[key] === 'preset' ? '' : ` [${toleranceSources[key]}]`;
  const vitals =
    verdict.webVitals.length > 0
      ? `, Web Vitals p75 +${tolerances.webVitalIncreasePct} %${from('webVitalIncreasePct')} (floor ${tolerances.minAbsoluteMs} ms, CLS ${clsFloor})`
      : '';
  return `p95 +${tolerances.p95IncreasePct} %${from('p95IncreasePct')} (floor ${tolerances.minAbsoluteMs} ms${from('minAbsoluteMs')}), error rate +${tolerances.errorRateIncreasePts} pp${from('errorRateIncreasePts')}${vitals}`;
}
