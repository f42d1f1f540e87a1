import type { GateFigures, GateRow, GateVerdictJson } from '@fpt/api-types';
import { describe, expect, it } from 'vitest';
import { compareFigures, compareHeadline, compareRows, notComparable } from '../src/lib/compare-verdict.js';

const figures = (p95Ms: number, errorRate = 0, count = 100): GateFigures => ({
  count,
  ratePerSec: count / 10,
  errorRate,
  p50Ms: p95Ms / 2,
  p95Ms,
  p99Ms: p95Ms * 2,
});

/** A row as the gate writes it: the judgement is the gate's, these tests never recompute it. */
function row(
  name: string,
  status: GateRow['status'],
  base: number,
  run: number,
  extra: Partial<GateRow> = {},
): GateRow {
  const changeMs = run - base;
  return {
    scope: name === 'all requests' ? 'overall' : 'request',
    name,
    ...(name === 'all requests' ? {} : { scenario: 'api' }),
    status,
    baseline: figures(base),
    current: figures(run),
    p95: {
      baselineMs: base,
      currentMs: run,
      changeMs,
      changePct: (changeMs / base) * 100,
      change: status === 'regression' || status === 'improvement' ? status : 'unchanged',
      withinFloor: Math.abs(changeMs) < 5,
    },
    errorRate: { baseline: 0, current: 0, changePts: 0, change: 'unchanged' },
    reasons: [`p95 ${base} ms → ${run} ms`],
    failures: status === 'regression' ? [`p95 ${base} ms → ${run} ms: more than the 10 % allowed`] : [],
    ...extra,
  };
}

function verdict(overrides: Partial<GateVerdictJson> = {}): GateVerdictJson {
  return {
    format: 'fpt-gate-verdict',
    status: 'pass',
    preset: 'quick',
    tolerances: { p95IncreasePct: 10, errorRateIncreasePts: 1, minAbsoluteMs: 5 },
    baseline: { createdAt: 'now', runId: 'a', startedAt: 't', region: 'local' },
    // p50 moved by +30,000 % and p95 by 0.1 %: the gate judges p95 only, past its floor.
    overall: {
      ...row('all requests', 'unchanged', 100, 100.1),
      baseline: { ...figures(100), p50Ms: 0.1 },
      current: { ...figures(100.1, 0, 40), p50Ms: 30.2 },
    },
    requests: [row('fast', 'unchanged', 2, 2.1), row('slow', 'unchanged', 100, 100.1)],
    regions: [],
    customMetrics: [],
    webVitals: [],
    counts: { regressions: 0, improvements: 0, added: 0, removed: 0 },
    warnings: [],
    ...overrides,
  };
}

describe('compareHeadline', () => {
  it('names the verdict as the gate and its report do, with the gate counts and tolerances', () => {
    expect(compareHeadline(verdict())).toEqual({
      word: 'NO SIGNIFICANT CHANGE',
      tone: 'neutral',
      icon: '=',
      counts: '0 regressions, 0 improvements',
      headline: '',
      reasons: [],
      tolerances: 'p95 +10 % (floor 5 ms), error rate +1 pp',
    });
    expect(
      compareHeadline(verdict({ counts: { regressions: 0, improvements: 1, added: 1, removed: 0 } })),
    ).toMatchObject({ word: 'IMPROVEMENT', tone: 'good', counts: '0 regressions, 1 improvement, 1 added' });
  });
  it('heads a regression with what the gate flagged, most specific first', () => {
    const gate = verdict({
      status: 'regression',
      overall: row('all requests', 'regression', 50, 80),
      requests: [row('fast', 'unchanged', 2, 2.1), row('items', 'regression', 4, 258)],
      counts: { regressions: 2, improvements: 0 },
    });
    const headline = compareHeadline(gate);
    expect(headline.word).toBe('REGRESSION');
    expect(headline.headline).toBe('request items: p95 4 ms → 258 ms: more than the 10 % allowed');
    expect(headline.reasons).toEqual([
      'all requests: p95 50 ms → 80 ms: more than the 10 % allowed',
      'request items: p95 4 ms → 258 ms: more than the 10 % allowed',
    ]);
  });
});

describe('compareRows and compareFigures', () => {
  it("writes the gate's rows in its order with its own judgement; nothing is re-judged", () => {
    const rows = compareRows(verdict());
    expect(rows.map((r) => [r.scope, r.name, r.status, r.statusWords, r.p95Change])).toEqual([
      ['overall', 'all requests', 'unchanged', '= within tolerance', '+0.1 ms (+0.1 %) within floor'],
      ['request', 'fast', 'unchanged', '= within tolerance', '+0.1 ms (+5.0 %) within floor'],
      ['request', 'slow', 'unchanged', '= within tolerance', '+0.1 ms (+0.1 %) within floor'],
    ]);
    const added = compareRows(
      verdict({
        requests: [{ ...row('new', 'added', 1, 2), baseline: null, p95: null, errorRate: null }],
      }),
    )[1]!;
    expect(added).toMatchObject({
      status: 'added',
      statusWords: 'added (not judged)',
      p95Change: '—',
      baseP95: '—',
    });
  });
  it('shows p50, p99, requests and throughput for context only: judged are p95 and the error rate', () => {
    const rows = compareFigures(verdict());
    expect(rows.map((r) => [r.key, r.base, r.run, r.judged])).toEqual([
      ['p95', '100 ms', '100 ms', 'unchanged'],
      ['error-rate', '0 %', '0 %', 'unchanged'],
      ['p50', '0.1 ms', '30.2 ms', 'not judged'],
      ['p99', '200 ms', '200 ms', 'not judged'],
      ['requests', '100', '40', 'not judged'],
      ['throughput', '10/s', '4/s', 'not judged'],
    ]);
    expect(rows.filter((r) => r.judged === 'not judged').every((r) => r.change === '')).toBe(true);
  });
});

describe('notComparable', () => {
  it("reads the agent's 422 refusal, and nothing else", () => {
    const body = {
      error: 'the runs are not comparable: a ran preset "quick", b ran preset "hybrid"',
      comparable: false,
    };
    expect(notComparable(422, body)).toBe(body.error);
    expect(notComparable(422, { error: 'over a cap' })).toBeUndefined();
    expect(notComparable(404, { error: 'no run x', comparable: false })).toBeUndefined();
  });
});
