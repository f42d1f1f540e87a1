import { describe, expect, it } from 'vitest';
import { BASELINE_FORMAT, buildBaseline, GateInputError, parseBaseline } from '../src/index.js';
import { IDENTITY, summaryOf, times } from './summary-fixture.js';

const savedAt = new Date('2025-01-02T08:00:00Z');
const data = summaryOf(
  [
    { name: 'login', region: 'eu', durationsMs: [...times(95, 40), ...times(5, 400)], failed: 2 },
    { name: 'search', region: 'us', durationsMs: times(50, 120) },
  ],
  { runId: 'checkout-20250101T100000Z-ab12', region: 'eu' },
);

function problemsOf(text: string): GateInputError {
  try {
    parseBaseline(text);
  } catch (error) {
    if (error instanceof GateInputError) return error;
    throw error;
  }
  throw new Error('parseBaseline accepted the text');
}

describe('buildBaseline', () => {
  const { baseline, warnings } = buildBaseline(data, savedAt);

  it('records the preset, its identity, the run and when it was saved', () => {
    expect(baseline).toMatchObject({
      format: BASELINE_FORMAT,
      version: 1,
      createdAt: '2025-01-02T08:00:00.000Z',
      preset: { name: 'checkout', identity: IDENTITY },
      run: {
        id: 'checkout-20250101T100000Z-ab12',
        startedAt: '2025-01-01T10:00:00.000Z',
        region: 'eu',
        tags: { region: 'eu' },
        outcome: 'passed',
        exitCode: 0,
        durationMs: 10_000,
      },
    });
    expect(warnings).toEqual([]);
  });

  it('keeps p50, p95, p99, error rate and request rate overall, per request and per region', () => {
    expect(baseline.overall.count).toBe(150);
    expect(baseline.overall.ratePerSec).toBe(15);
    expect(baseline.overall.errorRate).toBeCloseTo(2 / 150, 6);
    const login = baseline.requests.find((r) => r.name === 'login')!;
    expect(login).toMatchObject({ scenario: 'api', count: 100, ratePerSec: 10, errorRate: 0.02 });
    // 95 of 100 at 40 ms: the 95th percentile is 40 ms, the 99th one of the 400 ms responses.
    expect(login.p50Ms).toBeCloseTo(40, 0);
    expect(login.p95Ms).toBeCloseTo(40, 0);
    expect(login.p99Ms).toBeCloseTo(400, -1);
    expect(baseline.regions.map((r) => [r.region, r.count])).toEqual([
      ['eu', 100],
      ['us', 50],
    ]);
    expect(baseline.timeline).toHaveLength(1);
  });

  it('reads back what it wrote', () => {
    expect(parseBaseline(JSON.stringify(baseline))).toEqual(baseline);
  });

  it('warns about a baseline run that crossed thresholds or has no identity', () => {
    const failed = summaryOf([{ name: 'a', durationsMs: times(10, 5) }], {
      outcome: 'thresholds-failed',
      identity: null,
    });
    expect(buildBaseline(failed, savedAt).warnings).toEqual([
      'the run crossed thresholds (thresholds-failed): later runs will be compared with a run that already failed its budgets',
      'the summary has no preset identity (written by an older FPT): the gate cannot tell whether later runs put the same load on the same target',
    ]);
    expect(buildBaseline(failed, savedAt).baseline.preset.identity).toBeNull();
  });

  it('refuses a run without HTTP requests or an interrupted one', () => {
    expect(() => buildBaseline(summaryOf([]), savedAt)).toThrow(/made no HTTP request/);
    expect(() =>
      buildBaseline(summaryOf([{ name: 'a', durationsMs: [1] }], { outcome: 'interrupted' }), savedAt),
    ).toThrow('the run was interrupted (SIGINT), so its figures cover only part of the load');
  });
});

describe('parseBaseline', () => {
  const good = buildBaseline(data, savedAt).baseline;

  it('says what a file is when it is not a baseline', () => {
    expect(problemsOf('{').message).toMatch(/^not JSON/);
    expect(problemsOf('[]').message).toBe('not a baseline: the file holds no JSON object');
    const summary = problemsOf(JSON.stringify(data));
    expect(summary.message).toBe('this is a run summary, not a baseline');
    expect(summary.hint).toContain('fpt baseline save');
    expect(problemsOf('{"format":"other"}').message).toContain('expected "fpt-baseline"');
  });

  it('refuses another version, pointing at a newer FPT when it is newer', () => {
    const newer = problemsOf(JSON.stringify({ ...good, version: 2 }));
    expect(newer.message).toBe('unsupported baseline version 2; this FPT reads version 1');
    expect(newer.hint).toContain('newer FPT');
  });

  it('lists every missing or malformed field at once', () => {
    const broken = {
      ...good,
      preset: { identity: 3 },
      overall: { ...good.overall, count: -1, errorRate: 2 },
      requests: [{ ...good.requests[0], name: undefined, p95Ms: 'fast' }],
      regions: 'eu',
    };
    const error = problemsOf(JSON.stringify(broken));
    expect(error.message).toBe('the baseline is missing what the gate needs (7 problems)');
    expect(error.problems).toEqual([
      'preset.name: expected a string',
      'preset.identity: expected a string or null',
      'overall.count: expected a whole number ≥ 0',
      'overall.errorRate: expected a share from 0 to 1, or null',
      'requests[0].name: expected a string',
      'requests[0].p95Ms: expected ms ≥ 0, or null',
      'regions: expected an array',
    ]);
  });
});
