import type { ApiErrorBody, GateFigures, GateRow, GateRowStatus, GateVerdictJson } from '@fpt/api-types';
import { formatCount, formatMs, formatPerSecond } from '@fpt/readable';
import { formatErrorPercent, formatPercentagePoints } from './format-percent.js';
import { gateHeadline, signedMs, signedPercent } from './gate-regressions.js';

/**
 * The compare page shows the baseline gate's comparison (GET /api/compare): these helpers only put the
 * gate's own words and numbers into the page's shape; nothing here judges a change.
 */

export type CompareWord = 'REGRESSION' | 'IMPROVEMENT' | 'NO SIGNIFICANT CHANGE';

export interface CompareHeadline {
  /** As the gate's HTML report names it: a regression, else an improvement when any row improved. */
  readonly word: CompareWord;
  readonly tone: 'bad' | 'good' | 'neutral';
  readonly icon: string;
  /** The gate's counts: "1 regression, 0 improvements, 2 added". */
  readonly counts: string;
  /** The gate's first failure, most specific first ("request items: p95 4.65 ms → 258 ms …"), or "". */
  readonly headline: string;
  /** Every failure in the gate's words, "request items: p95 …". */
  readonly reasons: readonly string[];
  /** "p95 +10 % (floor 5 ms), error rate +1 pp": what the gate allowed. */
  readonly tolerances: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The verdict word, tone and reasons of the gate's comparison. */
export function compareHeadline(gate: GateVerdictJson): CompareHeadline {
  const { regressions, improvements, added = 0, removed = 0 } = gate.counts;
  const word: CompareWord =
    gate.status === 'regression' ? 'REGRESSION' : improvements > 0 ? 'IMPROVEMENT' : 'NO SIGNIFICANT CHANGE';
  const counts = [plural(regressions, 'regression'), plural(improvements, 'improvement')];
  if (added > 0) counts.push(`${added} added`);
  if (removed > 0) counts.push(`${removed} removed`);
  const rows = [gate.overall, ...gate.requests, ...gate.regions, ...(gate.customMetrics ?? [])];
  const reasons = [
    ...rows.flatMap((r) =>
      r.failures.map((f) => `${r.scope === 'overall' ? 'all requests' : `${r.scope} ${r.name}`}: ${f}`),
    ),
    ...(gate.webVitals ?? []).flatMap((v) => v.failures.map((f) => `page ${v.page}: ${f}`)),
  ];
  const t = gate.tolerances;
  return {
    word,
    tone: word === 'REGRESSION' ? 'bad' : word === 'IMPROVEMENT' ? 'good' : 'neutral',
    icon: word === 'REGRESSION' ? '▼' : word === 'IMPROVEMENT' ? '▲' : '=',
    counts: counts.join(', '),
    headline: gateHeadline(gate),
    reasons,
    tolerances: `p95 +${t.p95IncreasePct} % (floor ${formatMs(t.minAbsoluteMs)}), error rate +${t.errorRateIncreasePts} pp`,
  };
}

/** What the page writes in a row's verdict cell for each of the gate's row statuses. */
export const rowStatusWords: Readonly<Record<GateRowStatus, string>> = {
  regression: '▼ regression',
  improvement: '▲ improvement',
  unchanged: '= within tolerance',
  'no-data': 'no data',
  added: 'added (not judged)',
  removed: 'removed (not judged)',
};

/** One row of the compare table: the gate's row, its numbers written out. */
export interface CompareRow {
  readonly scope: GateRow['scope'];
  readonly name: string;
  readonly scenario: string;
  readonly status: GateRowStatus;
  readonly statusWords: string;
  readonly baseP95: string;
  readonly runP95: string;
  /** The gate's p95 change: "+12 ms (+24.0 %)", and "(within floor)" when it was under the floor. */
  readonly p95Change: string;
  /** The gate's judgement of the p95 change: regression, improvement, unchanged or no-data. */
  readonly p95Judged: string;
  readonly baseErrors: string;
  readonly runErrors: string;
  readonly errorChange: string;
  readonly errorJudged: string;
  /** The gate's judgements in words. */
  readonly reasons: readonly string[];
}

function p95Change(row: GateRow): string {
  const p95 = row.p95;
  if (!p95 || p95.changeMs === null) return '—';
  const pct = p95.changePct === null ? '' : ` (${signedPercent(p95.changePct)})`;
  return `${signedMs(p95.changeMs)}${pct}${p95.withinFloor && p95.changeMs !== 0 ? ' within floor' : ''}`;
}

/** The gate's rows in its order: all requests, each request, each region, each custom trend of times. */
export function compareRows(gate: GateVerdictJson): CompareRow[] {
  const rows = [gate.overall, ...gate.requests, ...gate.regions, ...(gate.customMetrics ?? [])];
  return rows.map((row) => ({
    scope: row.scope,
    name: row.name,
    scenario: row.scenario ?? '',
    status: row.status,
    statusWords: rowStatusWords[row.status] ?? row.status,
    baseP95: formatMs(row.p95?.baselineMs ?? row.baseline?.p95Ms),
    runP95: formatMs(row.p95?.currentMs ?? row.current?.p95Ms),
    p95Change: p95Change(row),
    p95Judged: row.p95?.change ?? '',
    baseErrors: formatErrorPercent(row.errorRate?.baseline ?? row.baseline?.errorRate),
    runErrors: formatErrorPercent(row.errorRate?.current ?? row.current?.errorRate),
    errorChange:
      row.errorRate?.changePts === null || row.errorRate === null
        ? '—'
        : formatPercentagePoints(row.errorRate.changePts),
    errorJudged: row.errorRate?.change ?? '',
    reasons: row.reasons,
  }));
}

/** A key figure of the whole run on both sides, and whether the gate judges it. */
export interface CompareFigure {
  readonly key: string;
  readonly label: string;
  readonly base: string;
  readonly run: string;
  /** The gate's change, "+12 ms (+24.0 %)" or "+0.40 pp"; empty for figures shown only for context. */
  readonly change: string;
  /** regression, improvement, unchanged or no-data; "not judged" for context figures. */
  readonly judged: string;
}

/** The whole run's figures: p95 and the error rate as the gate judged them; the rest for context only. */
export function compareFigures(gate: GateVerdictJson): CompareFigure[] {
  const { overall } = gate;
  const [row] = compareRows({ ...gate, requests: [], regions: [], customMetrics: [] });
  const context = (key: string, label: string, format: (f: GateFigures) => string): CompareFigure => ({
    key,
    label,
    base: overall.baseline ? format(overall.baseline) : '—',
    run: overall.current ? format(overall.current) : '—',
    change: '',
    judged: 'not judged',
  });
  return [
    {
      key: 'p95',
      label: 'p95',
      base: row!.baseP95,
      run: row!.runP95,
      change: row!.p95Change,
      judged: row!.p95Judged,
    },
    {
      key: 'error-rate',
      label: 'Error rate',
      base: row!.baseErrors,
      run: row!.runErrors,
      change: row!.errorChange,
      judged: row!.errorJudged,
    },
    context('p50', 'p50', (f) => formatMs(f.p50Ms)),
    context('p99', 'p99', (f) => formatMs(f.p99Ms)),
    context('requests', 'Requests', (f) => formatCount(f.count)),
    context('throughput', 'Throughput', (f) => formatPerSecond(f.ratePerSec)),
  ];
}

/** The agent's refusal to compare (422 `comparable: false`), in words; undefined for any other error. */
export function notComparable(status: number, body: ApiErrorBody | undefined): string | undefined {
  if (status !== 422 || body?.comparable !== false) return undefined;
  return body.error ?? 'the gate cannot compare these runs';
}
