import type { GateRow, GateVerdictJson } from '@fpt/api-types';
import { formatMs } from '@fpt/readable';
import { formatErrorPercent, formatPercentagePoints } from './format-percent.js';

/** One thing that got worse than the baseline beyond its tolerance, with its figures and their change. */
export interface Regression {
  /** "all requests", "request", "region", "metric", "Web Vital". */
  readonly scope: string;
  /** The request (with its scenario when it matters), region, metric or "page · LCP". */
  readonly name: string;
  readonly baseline: string;
  readonly current: string;
  /** "+254 ms (+5,456 %)" or "+1.20 pp". */
  readonly delta: string;
  /** What the gate said failed, in its own words. */
  readonly failures: readonly string[];
}

const scopeWords: Readonly<Record<GateRow['scope'], string>> = {
  overall: 'overall',
  request: 'request',
  region: 'region',
  metric: 'metric',
};

/** "+18.2 %", and far past 100 % without decimals: "+5,448 %", as the gate writes it. */
export function signedPercent(percent: number): string {
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '±';
  const size = Math.abs(percent);
  return `${sign}${size >= 100 ? Math.round(size).toLocaleString('en-US') : size.toFixed(1)} %`;
}

export function signedMs(ms: number): string {
  return `${ms > 0 ? '+' : ms < 0 ? '−' : '±'}${formatMs(Math.abs(ms))}`;
}

function p95Change(row: GateRow): Pick<Regression, 'baseline' | 'current' | 'delta'> | undefined {
  const p95 = row.p95;
  if (p95?.change !== 'regression' || p95.changeMs === null) return undefined;
  return {
    baseline: `p95 ${formatMs(p95.baselineMs)}`,
    current: `p95 ${formatMs(p95.currentMs)}`,
    delta: `${signedMs(p95.changeMs)}${p95.changePct === null ? '' : ` (${signedPercent(p95.changePct)})`}`,
  };
}

function errorChange(row: GateRow): Pick<Regression, 'baseline' | 'current' | 'delta'> | undefined {
  const errors = row.errorRate;
  if (errors?.change !== 'regression' || errors.changePts === null) return undefined;
  return {
    baseline: `errors ${formatErrorPercent(errors.baseline)}`,
    current: `errors ${formatErrorPercent(errors.current)}`,
    delta: formatPercentagePoints(errors.changePts),
  };
}

/** The gate names a request `name (scenario)` when its name is in several scenarios: as it is. */
function rowName(row: GateRow): string {
  return row.name;
}

/**
 * What regressed, biggest p95 change first within each scope: the whole run, then requests, regions,
 * custom trends of times and Web Vitals. A row whose p95 and error rate both regressed gives two lines.
 */
export function gateRegressions(gate: GateVerdictJson): Regression[] {
  const byChange = (rows: readonly GateRow[]) =>
    [...rows]
      .filter((r) => r.status === 'regression')
      .sort((a, b) => Math.abs(b.p95?.changeMs ?? 0) - Math.abs(a.p95?.changeMs ?? 0));
  const rows = [
    ...byChange([gate.overall]),
    ...byChange(gate.requests),
    ...byChange(gate.regions),
    ...byChange(gate.customMetrics ?? []),
  ];
  const out: Regression[] = [];
  for (const row of rows) {
    const changes = [p95Change(row), errorChange(row)].filter((c) => c !== undefined);
    // A row the gate flagged without a figure this UI knows still shows, with the gate's own words.
    if (changes.length === 0) changes.push({ baseline: '—', current: '—', delta: '—' });
    for (const change of changes)
      out.push({ scope: scopeWords[row.scope], name: rowName(row), ...change, failures: row.failures });
  }
  for (const vital of gate.webVitals ?? []) {
    if (vital.status !== 'regression') continue;
    const cls = vital.vital === 'cls';
    const value = (v: number | null) => (v === null ? '—' : cls ? v.toFixed(3) : formatMs(v));
    const by = vital.judgement?.changeBy;
    out.push({
      scope: 'Web Vital',
      name: `${vital.page} · ${vital.vital.toUpperCase()} p75`,
      baseline: value(vital.baselineP75),
      current: value(vital.currentP75),
      delta:
        by === undefined
          ? '—'
          : `${cls ? `${by > 0 ? '+' : ''}${by.toFixed(3)}` : signedMs(by)}${
              vital.judgement?.changePct === null || vital.judgement?.changePct === undefined
                ? ''
                : ` (${signedPercent(vital.judgement.changePct)})`
            }`,
      failures: vital.failures,
    });
  }
  return out;
}

/** The gate's first failure in words, as the run's headline: "request items: p95 4.65 ms → 258 ms (…)". */
export function gateHeadline(gate: GateVerdictJson): string {
  const rows = [gate.overall, ...gate.requests, ...gate.regions, ...(gate.customMetrics ?? [])];
  // The most specific first: a request that regressed says more than "all requests" did.
  const specific = rows
    .filter((r) => r.status === 'regression' && r.failures.length > 0 && r.scope !== 'overall')
    .sort((a, b) => Math.abs(b.p95?.changeMs ?? 0) - Math.abs(a.p95?.changeMs ?? 0))[0];
  const row = specific ?? (gate.overall.status === 'regression' ? gate.overall : undefined);
  if (row?.failures[0])
    return `${row.scope === 'overall' ? 'all requests' : `${row.scope} ${rowName(row)}`}: ${row.failures[0]}`;
  const vital = (gate.webVitals ?? []).find((v) => v.status === 'regression');
  return vital ? `${vital.page}: ${vital.failures[0] ?? vital.reason}` : '';
}
