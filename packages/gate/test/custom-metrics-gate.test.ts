import { describe, expect, it } from 'vitest';
import { readJUnit } from '../../../tools/test-support/read-junit.js';
import {
  type Baseline,
  buildBaseline,
  compareWithBaseline,
  GateInputError,
  type GateVerdict,
  parseBaseline,
  renderVerdictJson,
  renderVerdictJUnit,
  renderVerdictMarkdown,
  renderVerdictText,
  resolveTolerances,
  toBaselineComparison,
} from '../src/index.js';
import { type RecordedMetric, type RecordedRequests, summaryOf, times } from './summary-fixture.js';

const savedAt = new Date('2025-01-02T08:00:00Z');

// The requests stay the same in every run here, so only the custom metrics can move the verdict.
const requests: RecordedRequests[] = [{ name: 'place-order', durationsMs: times(100, 50) }];

/**
 * A shop's custom metrics (tolerances: p95 +10 %, floor 5 ms): two trends of times the gate judges, and
 * a trend of plain numbers, a counter, a rate and a gauge it leaves to thresholds.
 */
function shop(
  checkoutMs: number,
  options: { readonly basketSize?: number; readonly extra?: readonly RecordedMetric[] } = {},
) {
  return summaryOf(requests, {
    customMetrics: [
      { name: 'checkout_time', type: 'trend', isTime: true, values: times(100, checkoutMs) },
      { name: 'auth_time', type: 'trend', isTime: true, values: times(100, 80) },
      // Declared and never recorded into: nothing to keep.
      { name: 'refund_time', type: 'trend', isTime: true, values: [] },
      { name: 'basket_size', type: 'trend', values: times(100, options.basketSize ?? 3) },
      { name: 'orders_placed', type: 'counter', values: times(100, 1) },
      { name: 'cart_hit', type: 'rate', values: times(100, 1) },
      { name: 'stock_level', type: 'gauge', values: [options.basketSize ?? 40] },
      ...(options.extra ?? []),
    ],
  });
}

const { baseline } = buildBaseline(shop(300), savedAt);

function gate(data = shop(300), against: Baseline = baseline): GateVerdict {
  return compareWithBaseline(data, against, resolveTolerances(data));
}

const metricRow = (verdict: GateVerdict, name: string) => verdict.customMetrics.find((m) => m.name === name)!;

/** The baseline as FPT wrote it before custom metrics were gated: the same file without the field. */
function olderBaseline(): Baseline {
  const { customMetrics: _dropped, ...older } = baseline;
  return parseBaseline(JSON.stringify(older));
}

describe('saving custom trends of times in a baseline', () => {
  it('keeps count, p50, p95 and p99 of each one with samples, by name', () => {
    expect(baseline.customMetrics).toEqual([
      { metric: 'auth_time', count: 100, p50Ms: 80, p95Ms: 80, p99Ms: 80 },
      { metric: 'checkout_time', count: 100, p50Ms: 300, p95Ms: 300, p99Ms: 300 },
    ]);
  });

  it('takes the percentiles from the histogram, rounded to the µs like request latencies', () => {
    const spread = buildBaseline(
      shop(300, {
        extra: [
          {
            name: 'pay_time',
            type: 'trend',
            isTime: true,
            values: Array.from({ length: 1000 }, (_, i) => (i + 1) / 7),
          },
        ],
      }),
      savedAt,
    ).baseline;
    const pay = spread.customMetrics!.find((m) => m.metric === 'pay_time')!;
    expect(pay.count).toBe(1000);
    // Samples 1/7 ms apart up to 142.9 ms: p95 is the 950th, within the HDR histogram's 0.1 %.
    expect(pay.p95Ms).toBeCloseTo(950 / 7, 0);
    expect(pay.p50Ms).toBeLessThan(pay.p95Ms);
    expect(pay.p95Ms).toBeLessThan(pay.p99Ms);
    for (const ms of [pay.p50Ms, pay.p95Ms, pay.p99Ms]) expect(Math.round(ms * 1000) / 1000).toBe(ms);
  });

  it('leaves out trends of plain numbers, counters, rates, gauges and built-in trends', () => {
    const kept = baseline.customMetrics!.map((m) => m.metric);
    for (const left of ['basket_size', 'orders_placed', 'cart_hit', 'stock_level', 'refund_time'])
      expect(kept).not.toContain(left);
    // The summary does hold them, and built-in trends of times too: the filter is what keeps them out.
    const data = shop(300);
    expect(Object.keys(data.fpt.histograms)).toEqual(
      expect.arrayContaining(['http_req_duration', 'basket_size', 'checkout_time']),
    );
    expect(data.metrics['http_req_duration']?.contains).toBe('time');
    expect(kept).not.toContain('http_req_duration');
  });

  it('reads back what it wrote, and refuses a malformed metric entry', () => {
    expect(parseBaseline(JSON.stringify(baseline))).toEqual(baseline);
    const broken = { ...baseline, customMetrics: [{ metric: 'checkout_time', count: 0, p95Ms: -1 }] };
    let problems: readonly string[] = [];
    try {
      parseBaseline(JSON.stringify(broken));
    } catch (error) {
      if (error instanceof GateInputError) problems = error.problems;
    }
    expect(problems).toEqual([
      'customMetrics[0].count: expected a whole number > 0',
      'customMetrics[0].p50Ms: expected ms ≥ 0',
      'customMetrics[0].p95Ms: expected ms ≥ 0',
      'customMetrics[0].p99Ms: expected ms ≥ 0',
    ]);
  });

  it('keeps the baseline version: the field is an optional addition', () => {
    expect(baseline.version).toBe(1);
  });
});

describe('gating custom trends of times', () => {
  it('passes the same run, one unchanged metric row per custom trend of times', () => {
    const verdict = gate();
    expect(verdict.status).toBe('pass');
    expect(verdict.customMetrics.map((m) => [m.scope, m.name, m.status])).toEqual([
      ['metric', 'auth_time', 'unchanged'],
      ['metric', 'checkout_time', 'unchanged'],
    ]);
    expect(verdict.warnings).toEqual([]);
  });

  it('fails when a custom trend’s p95 grew beyond the tolerance, naming the metric', () => {
    const verdict = gate(shop(400));
    expect(verdict.status).toBe('regression');
    expect(verdict.counts).toEqual({ regressions: 1, improvements: 0, added: 0, removed: 0 });
    // Every request row held: the metric alone failed the gate.
    expect([verdict.overall, ...verdict.requests].map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
    const checkout = metricRow(verdict, 'checkout_time');
    expect(checkout).toMatchObject({
      scope: 'metric',
      status: 'regression',
      errorRate: null,
      p95: { baselineMs: 300, currentMs: 400, changeMs: 100, withinFloor: false },
    });
    expect(checkout.failures).toEqual(['p95 300 ms → 400 ms (+33.3 %, +100 ms): more than the 10 % allowed']);
  });

  it('passes a rise within the tolerance, and one under the floor however large in %', () => {
    const within = gate(shop(320));
    expect(within.status).toBe('pass');
    expect(metricRow(within, 'checkout_time').reasons).toEqual([
      'p95 300 ms → 320 ms (+6.67 %, +20 ms): within 10 %',
    ]);
    const fast = (ms: number) =>
      shop(300, { extra: [{ name: 'cache_time', type: 'trend', isTime: true, values: times(50, ms) }] });
    const underFloor = compareWithBaseline(
      fast(6),
      buildBaseline(fast(2), savedAt).baseline,
      resolveTolerances(fast(6)),
    );
    expect(underFloor.status).toBe('pass');
    expect(metricRow(underFloor, 'cache_time').p95).toMatchObject({ changePct: 200, withinFloor: true });
    expect(renderVerdictText(underFloor)).toMatch(
      /metric\s+cache_time\s+2 ms\s+6 ms.*ok \(under the floor\)/,
    );
  });

  it('judges with the p95 tolerance and floor the preset or an option gives', () => {
    expect(
      compareWithBaseline(shop(400), baseline, resolveTolerances(shop(400), { p95IncreasePct: 40 })).status,
    ).toBe('pass');
    expect(
      compareWithBaseline(shop(400), baseline, resolveTolerances(shop(400), { minAbsoluteMs: 150 })).status,
    ).toBe('pass');
  });

  it('reports a faster custom trend as an improvement without failing', () => {
    const verdict = gate(shop(200));
    expect(verdict.status).toBe('pass');
    expect(metricRow(verdict, 'checkout_time').status).toBe('improvement');
    expect(verdict.counts.improvements).toBe(1);
  });

  it('never judges trends of plain numbers, counters, rates or gauges, however far they moved', () => {
    const verdict = gate(shop(300, { basketSize: 300 }));
    expect(verdict.status).toBe('pass');
    expect(verdict.customMetrics.map((m) => m.name)).toEqual(['auth_time', 'checkout_time']);
  });

  it('reports a metric on one side only as added or removed, and does not fail on either', () => {
    const data = summaryOf(requests, {
      customMetrics: [
        { name: 'checkout_time', type: 'trend', isTime: true, values: times(100, 300) },
        { name: 'payment_time', type: 'trend', isTime: true, values: times(100, 900) },
      ],
    });
    const verdict = gate(data);
    expect(verdict.status).toBe('pass');
    expect(verdict.customMetrics.map((m) => [m.name, m.status])).toEqual([
      ['auth_time', 'removed'],
      ['checkout_time', 'unchanged'],
      ['payment_time', 'added'],
    ]);
    expect(verdict.counts).toEqual({ regressions: 0, improvements: 0, added: 1, removed: 1 });
    expect(metricRow(verdict, 'auth_time')).toMatchObject({ current: null, p95: null, failures: [] });
    expect(metricRow(verdict, 'auth_time').reasons).toEqual([
      'the baseline has this metric but the run recorded no sample of it: renamed, removed, or not reached?',
    ]);
    expect(metricRow(verdict, 'payment_time')).toMatchObject({ baseline: null, current: { p95Ms: 900 } });
    expect(metricRow(verdict, 'payment_time').reasons[0]).toMatch(/^new metric: the baseline has no figures/);
    expect(verdict.warnings).toContain(
      '1 added and 1 removed request, region, metric or Web Vital row(s) are reported but not judged',
    );
  });

  it('compares a baseline saved before custom metrics were kept without metric rows, saying what went unjudged', () => {
    const older = olderBaseline();
    expect(older.customMetrics).toBeUndefined();
    // checkout_time tripled: with no figures for it in the baseline, nothing can call that a regression.
    const verdict = gate(shop(900), older);
    expect(verdict.status).toBe('pass');
    expect(verdict.customMetrics).toEqual([]);
    expect(verdict.counts).toEqual({ regressions: 0, improvements: 0, added: 0, removed: 0 });
    expect(verdict.warnings).toEqual([
      'the baseline was saved before FPT kept custom metrics, so auth_time, checkout_time are not compared: save a new baseline to include them',
    ]);
    const onlyCheckout = summaryOf(requests, {
      customMetrics: [{ name: 'checkout_time', type: 'trend', isTime: true, values: times(100, 300) }],
    });
    expect(gate(onlyCheckout, older).warnings).toEqual([
      'the baseline was saved before FPT kept custom metrics, so checkout_time is not compared: save a new baseline to include it',
    ]);
    // A run without custom metrics has nothing to say about them.
    expect(gate(summaryOf(requests), older).warnings).toEqual([]);
  });
});

describe('custom metric rows in every verdict format', () => {
  const verdict = gate(
    summaryOf(requests, {
      customMetrics: [
        { name: 'checkout_time', type: 'trend', isTime: true, values: times(100, 400) },
        { name: 'payment_time', type: 'trend', isTime: true, values: times(100, 900) },
      ],
    }),
  );

  it('text: a metric line in the table, and the failure named', () => {
    const text = renderVerdictText(verdict);
    expect(text).toMatch(
      /\n {2}metric {3}checkout_time\s+300 ms\s+400 ms\s+\+33\.3 % \(\+100 ms\)\s+–\s+–\s+–\s+REGRESSION\n/,
    );
    expect(text).toMatch(
      /\n {2}metric {3}payment_time\s+–\s+900 ms\s+–\s+–\s+–\s+–\s+added \(not judged\)\n/,
    );
    expect(text).toMatch(/\n {2}metric {3}auth_time\s+80 ms\s+–.*removed \(not judged\)\n/);
    expect(text).toContain(
      '  ✗ metric checkout_time: p95 300 ms → 400 ms (+33.3 %, +100 ms): more than the 10 % allowed\n',
    );
  });

  it('Markdown: a table row and a failure bullet', () => {
    const markdown = renderVerdictMarkdown(verdict);
    expect(markdown).toContain(
      '| metric | checkout\\_time | 300 ms | 400 ms | +33.3 % (+100 ms) | – | – | – | REGRESSION |',
    );
    expect(markdown).toContain('- ❌ **metric checkout\\_time**: p95 300 ms → 400 ms');
  });

  it('JSON: the rows under customMetrics, each of scope metric', () => {
    const parsed = JSON.parse(renderVerdictJson(verdict)) as GateVerdict;
    expect(parsed.customMetrics.map((m) => [m.scope, m.name, m.status])).toEqual([
      ['metric', 'auth_time', 'removed'],
      ['metric', 'checkout_time', 'regression'],
      ['metric', 'payment_time', 'added'],
    ]);
    expect(parsed.customMetrics[1]?.baseline).toEqual({
      metric: 'checkout_time',
      count: 100,
      p50Ms: 300,
      p95Ms: 300,
      p99Ms: 300,
    });
  });

  it('JUnit: a failing case for the regression, skipped ones for the metrics on one side only', async () => {
    const junit = await readJUnit(renderVerdictJUnit(verdict));
    const cases = junit.testsuite[0]!.testcase!.filter((c) => c.classname === 'fpt.gate.metric');
    expect(cases.map((c) => c.name)).toEqual([
      'metric auth_time',
      'metric checkout_time',
      'metric payment_time',
    ]);
    const checkout = cases.find((c) => c.name === 'metric checkout_time')!;
    expect(checkout.failure?.[0]?.message).toBe(
      'p95 300 ms → 400 ms (+33.3 %, +100 ms): more than the 10 % allowed',
    );
    expect(cases.find((c) => c.name === 'metric payment_time')!.skipped?.[0]?.message).toMatch(/^new metric/);
    expect(junit.failures).toBe(1);
  });

  it('HTML report: a judged p95 row per metric on both sides, and the failure in the summary', () => {
    const comparison = toBaselineComparison(verdict, baseline);
    expect(comparison.summary).toBe(
      '1 regression, 0 improvements, 1 added, 1 removed; checkout_time: p95 300 ms → 400 ms (+33.3 %, +100 ms): more than the 10 % allowed',
    );
    expect(comparison.metrics.filter((m) => m.key.endsWith(':p(95)') && !m.key.startsWith('http_'))).toEqual([
      {
        key: 'checkout_time:p(95)',
        label: 'checkout_time p95',
        unit: 'ms',
        baseline: 300,
        current: 400,
        better: 'lower',
        verdict: 'regression',
      },
    ]);
  });
});
