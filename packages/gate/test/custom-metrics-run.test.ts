import { runPreset } from '@fpt/engine';
import { loadPresetText } from '@fpt/preset';
import { buildSummaryData, type SummaryData } from '@fpt/report';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBaseline,
  compareWithBaseline,
  parseBaseline,
  renderVerdictText,
  resolveTolerances,
} from '../src/index.js';

let target: DemoTarget;
beforeAll(async () => {
  target = await startDemoTarget();
});
afterAll(async () => {
  await target?.close();
});

// The preset a shop could write: checkout_time is a latency it cares about; basket_size (a trend of plain
// numbers) and orders_placed (a counter) mean what the shop says they mean. Loopback requests take a few
// ms and may move by more than that on a busy machine: the 40 ms floor leaves room for such noise and none
// for the 200 ms slowdown.
const preset = (baseUrl: string) => `name: shop
target:
  baseUrl: ${baseUrl}
metrics:
  checkout_time: { type: trend, isTime: true }
  basket_size: { type: trend }
  orders_placed: { type: counter }
scenarios:
  shop:
    executor: per-vu-iterations
    vus: 2
    iterations: 10
    selection: sequence
    requests:
      - { name: browse, path: /fast }
      - name: place-order
        path: /delay/20
        record:
          - { metric: checkout_time }
          - { metric: basket_size, value: 3 }
          - { metric: orders_placed }
baseline:
  p95IncreasePct: 10
  errorRateIncreasePts: 1
  minAbsoluteMs: 40
`;

/** One run of the preset through the real engine against the demo target, as its summary JSON. */
async function runShop(): Promise<SummaryData> {
  const summary = await runPreset({
    loaded: loadPresetText(preset(target.url), 'presets/shop.yaml'),
    workers: 1,
    intervalMs: 250,
    thresholdIntervalMs: 250,
  });
  return buildSummaryData(summary);
}

describe('custom trends of times through a real run', () => {
  it('keeps checkout_time in the baseline, passes the same build and fails the slowed checkout by name', async () => {
    const first = await runShop();
    const { baseline } = buildBaseline(first, new Date('2025-01-02T08:00:00Z'));
    // The file as it is committed and read back; only the trend of times is kept.
    const saved = parseBaseline(JSON.stringify(baseline));
    expect(saved.customMetrics?.map((m) => [m.metric, m.count])).toEqual([['checkout_time', 20]]);
    expect(saved.customMetrics?.[0]?.p95Ms).toBeGreaterThanOrEqual(20);

    const same = await runShop();
    const passed = compareWithBaseline(same, saved, resolveTolerances(same));
    expect(passed.status, renderVerdictText(passed)).toBe('pass');
    expect(passed.customMetrics.map((m) => m.name)).toEqual(['checkout_time']);

    target.setRouteDelay('delay', 200);
    try {
      const slowed = await runShop();
      const verdict = compareWithBaseline(slowed, saved, resolveTolerances(slowed));
      expect(verdict.status).toBe('regression');
      const checkout = verdict.customMetrics.find((m) => m.name === 'checkout_time')!;
      expect(checkout.status).toBe('regression');
      expect(checkout.current?.p95Ms).toBeGreaterThanOrEqual(220);
      expect(renderVerdictText(verdict)).toMatch(
        /\n {2}✗ metric checkout_time: p95 .*more than the 10 % allowed\n/,
      );
      // basket_size and orders_placed are the shop's to judge with thresholds: no rows for them.
      expect(verdict.customMetrics.map((m) => m.name)).toEqual(['checkout_time']);
    } finally {
      target.setRouteDelay('delay', 0);
    }
  });
});
