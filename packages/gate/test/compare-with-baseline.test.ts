import { describe, expect, it } from 'vitest';
import {
  type Baseline,
  buildBaseline,
  compareWithBaseline,
  GateInputError,
  type GateVerdict,
  RowStatus,
  resolveTolerances,
} from '../src/index.js';
import { type FixtureOptions, type RecordedRequests, summaryOf, times } from './summary-fixture.js';

const savedAt = new Date('2025-01-02T08:00:00Z');

/** The reference run: three requests in two regions. */
const reference: RecordedRequests[] = [
  { name: 'login', region: 'eu', durationsMs: times(100, 50) },
  { name: 'search', region: 'eu', durationsMs: times(100, 120) },
  { name: 'items', region: 'us', durationsMs: times(100, 80) },
];

function baselineOf(requests: readonly RecordedRequests[], options: FixtureOptions = {}): Baseline {
  return buildBaseline(summaryOf(requests, options), savedAt).baseline;
}

function gate(
  requests: readonly RecordedRequests[],
  options: FixtureOptions = {},
  baseline: Baseline = baselineOf(reference),
  overrides = {},
): GateVerdict {
  const data = summaryOf(requests, options);
  return compareWithBaseline(data, baseline, resolveTolerances(data, overrides));
}

const row = (verdict: GateVerdict, name: string) =>
  [...verdict.requests, ...verdict.regions].find((r) => r.name === name)!;

describe('compareWithBaseline', () => {
  it('passes a run with the same figures, every row unchanged and no warning', () => {
    const verdict = gate(reference);
    expect(verdict.status).toBe('pass');
    expect(verdict.counts).toEqual({ regressions: 0, improvements: 0, added: 0, removed: 0 });
    // Busiest first, then by name: the order of the summary's requests.
    expect(verdict.requests.map((r) => [r.name, r.status])).toEqual([
      ['items', 'unchanged'],
      ['login', 'unchanged'],
      ['search', 'unchanged'],
    ]);
    expect(verdict.regions.map((r) => [r.name, r.status])).toEqual([
      ['eu', 'unchanged'],
      ['us', 'unchanged'],
    ]);
    expect(verdict.warnings).toEqual([]);
  });

  it('fails on the slowed request only, and on its region and the whole run when they moved too', () => {
    const verdict = gate([reference[0]!, { ...reference[1]!, durationsMs: times(100, 200) }, reference[2]!]);
    expect(verdict.status).toBe('regression');
    expect(row(verdict, 'search').status).toBe(RowStatus.regression);
    expect(row(verdict, 'search').failures).toEqual([
      'p95 120 ms → 200 ms (+66.7 %, +80 ms): more than the 10 % allowed',
    ]);
    expect(row(verdict, 'login').status).toBe(RowStatus.unchanged);
    expect(row(verdict, 'items').status).toBe(RowStatus.unchanged);
    expect(row(verdict, 'eu').status).toBe(RowStatus.regression);
    expect(row(verdict, 'us').status).toBe(RowStatus.unchanged);
  });

  it('reports improvements without failing', () => {
    const verdict = gate([reference[0]!, { ...reference[1]!, durationsMs: times(100, 60) }, reference[2]!]);
    expect(verdict.status).toBe('pass');
    expect(row(verdict, 'search').status).toBe(RowStatus.improvement);
    expect(verdict.counts.improvements).toBeGreaterThanOrEqual(1);
    expect(verdict.counts.regressions).toBe(0);
  });

  it('fails on the error rate, in percentage points', () => {
    const verdict = gate([reference[0]!, reference[1]!, { ...reference[2]!, failed: 3 }]);
    expect(row(verdict, 'items').status).toBe(RowStatus.regression);
    expect(row(verdict, 'items').errorRate).toMatchObject({ baseline: 0, current: 0.03, changePts: 3 });
    expect(row(verdict, 'items').failures[0]).toBe(
      'error rate 0 % → 3.00 % (+3 pp): more than the 1 pp allowed',
    );
  });

  it('reports a new request as added and does not judge it', () => {
    const verdict = gate([...reference, { name: 'checkout', region: 'eu', durationsMs: times(10, 900) }]);
    const added = row(verdict, 'checkout');
    expect(added.status).toBe(RowStatus.added);
    expect(added.baseline).toBeNull();
    expect(added.current?.p95Ms).toBeCloseTo(900, -1);
    expect(added.reasons[0]).toMatch(/^new request: the baseline has no figures for it/);
    expect(verdict.counts.added).toBe(1);
    expect(verdict.warnings).toContain(
      '1 added and 0 removed request, region, metric or Web Vital row(s) are reported but not judged',
    );
  });

  it('reports a region missing from the run as removed, with its requests', () => {
    const verdict = gate(reference.slice(0, 2));
    expect(row(verdict, 'us').status).toBe(RowStatus.removed);
    expect(row(verdict, 'us').current).toBeNull();
    expect(row(verdict, 'items').status).toBe(RowStatus.removed);
    expect(verdict.counts.removed).toBe(2);
    expect(verdict.status).toBe('pass');
  });

  it('keeps a request name run by two scenarios apart, naming the scenario', () => {
    const twice: RecordedRequests[] = [
      { name: 'home', scenario: 'browse', durationsMs: times(50, 40) },
      { name: 'home', scenario: 'buy', durationsMs: times(50, 40) },
    ];
    const verdict = gate([twice[0]!, { ...twice[1]!, durationsMs: times(50, 90) }], {}, baselineOf(twice));
    expect(verdict.requests.map((r) => [r.name, r.scenario, r.status])).toEqual([
      ['home (browse)', 'browse', 'unchanged'],
      ['home (buy)', 'buy', 'regression'],
    ]);
  });

  it('judges with the preset tolerances from the summary, each overridable by an option', () => {
    const slower = [reference[0]!, { ...reference[1]!, durationsMs: times(100, 140) }, reference[2]!];
    const tolerant = { p95IncreasePct: 25, errorRateIncreasePts: 1, minAbsoluteMs: 5 };
    expect(gate(slower, { tolerances: tolerant }).status).toBe('pass');
    const overridden = gate(slower, { tolerances: tolerant }, undefined, { p95IncreasePct: 15 });
    expect(overridden.status).toBe('regression');
    // Web Vitals follow the p95 tolerance (and its source) unless given their own.
    expect(overridden.tolerances).toEqual({ ...tolerant, p95IncreasePct: 15, webVitalIncreasePct: 15 });
    expect(overridden.toleranceSources).toEqual({
      p95IncreasePct: 'option',
      errorRateIncreasePts: 'preset',
      minAbsoluteMs: 'preset',
      webVitalIncreasePct: 'option',
    });
    const ownVitals = gate(slower, { tolerances: { ...tolerant, webVitalIncreasePct: 30 } }, undefined, {
      p95IncreasePct: 15,
    });
    expect(ownVitals.tolerances.webVitalIncreasePct).toBe(30);
    expect(ownVitals.toleranceSources.webVitalIncreasePct).toBe('preset');
    expect(gate(slower, {}, undefined, { minAbsoluteMs: 50 }).status).toBe('pass');
  });

  it('falls back to the preset schema defaults for a summary without tolerances', () => {
    const verdict = gate(reference, { tolerances: null });
    expect(verdict.tolerances).toEqual({
      p95IncreasePct: 10,
      errorRateIncreasePts: 1,
      minAbsoluteMs: 5,
      webVitalIncreasePct: 10,
    });
    expect(Object.values(verdict.toleranceSources)).toEqual(['default', 'default', 'default', 'default']);
  });

  it('warns when the load or target differ, a side has no identity, or the run stopped early', () => {
    expect(gate(reference, { identity: 'b'.repeat(64) }).warnings[0]).toMatch(
      /^the target URL or the scenarios \(load profile, requests\) differ from the baseline run/,
    );
    expect(gate(reference, { identity: null }).warnings[0]).toMatch(/^the run has no preset identity/);
    expect(gate(reference, { outcome: 'interrupted' }).warnings).toContain(
      'the run stopped early (SIGINT): its figures cover part of the load',
    );
    expect(gate(reference, { region: 'eu' }).warnings).toContain(
      'the run is from region eu, the baseline from (none): network distance alone changes latency',
    );
  });

  it('keeps the run exit code and ids for the CLI and the report', () => {
    const verdict = gate(
      reference,
      { outcome: 'thresholds-failed', runId: 'run-2' },
      baselineOf(reference, { runId: 'run-1' }),
    );
    expect(verdict.run).toMatchObject({ id: 'run-2', outcome: 'thresholds-failed', exitCode: 99 });
    expect(verdict.baseline).toMatchObject({ runId: 'run-1', createdAt: '2025-01-02T08:00:00.000Z' });
  });

  it('refuses a baseline of another preset, and a run without HTTP requests', () => {
    expect(() => gate(reference, { preset: 'other' })).toThrow(GateInputError);
    expect(() => gate(reference, { preset: 'other' })).toThrow(
      'the baseline is for preset "checkout", but the run is of preset "other"',
    );
    expect(() => gate([])).toThrow('the run made no HTTP request and measured no Web Vital');
  });
});
