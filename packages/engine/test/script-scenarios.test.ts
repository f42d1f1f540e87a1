import { fileURLToPath } from 'node:url';
import { loadPresetText } from '@fpt/preset';
import { describe, expect, it } from 'vitest';
import { count, rate, run, trend, useDemoTarget } from './engine-fixtures.js';

const fixtures = fileURLToPath(new URL('./fixtures/k6/', import.meta.url));

describe('script scenarios', () => {
  const demo = useDemoTarget();

  it('runs the logic case: loops, the 409 branch, the coupon over 100, groups, batch, custom metrics, setup data and teardown', async () => {
    const { summary, store } = await run(
      demo.url,
      `script: ${fixtures}logic.js
scenarios:
  shop:
    executor: per-vu-iterations
    vus: 2
    iterations: 12
    exec: default
thresholds:
  conflict_rate: ["rate<0.5"]
  cart_time: ["p(95)<5000"]
  "http_req_duration{group:::cart}": ["p(95)<5000"]
`,
      { scriptEnv: { BASE_URL: demo.url } },
    );
    // 24 iterations; iteration i adds (i % 3) + 1 items: 8 × (1 + 2 + 3).
    expect(count(store, 'http_reqs', { name: 'add-item' })).toBe(48);
    expect(count(store, 'http_reqs', { name: 'add-item', group: '::cart' })).toBe(48);
    // Every fourth iteration (3, 7, 11 of each VU) takes the 409 path.
    expect(count(store, 'http_reqs', { name: 'order', status: '409' })).toBe(6);
    expect(count(store, 'http_reqs', { name: 'order', status: '201' })).toBe(18);
    expect(rate(store, 'http_req_failed', { name: 'order' })?.passes).toBe(0);
    expect(rate(store, 'conflict_rate')?.passes).toBe(6);
    // http.url names the request by its template, as k6 does: one series, whatever the VU.
    expect(count(store, 'http_reqs', { name: '${}/api/items/${}' })).toBe(6);
    // The coupon: only where the cart's total is over 100, i.e. three items (40 + 50 + 60), not on the 409 path.
    // Iterations with 3 items: i % 3 == 2 → i in 2, 5, 8, 11; of those, 11 conflicts. Per VU 3, so 6.
    expect(count(store, 'coupons_applied')).toBe(6);
    expect(count(store, 'http_reqs', { name: 'coupon', group: '::coupon' })).toBe(6);
    expect(count(store, 'http_reqs', { name: 'batch' })).toBe(36);
    expect(trend(store, 'group_duration', { group: '::cart' })?.count).toBe(24);
    expect(trend(store, 'cart_time')?.count).toBe(48);
    expect(store.definition('cart_time')).toMatchObject({ type: 'trend', contains: 'time' });
    expect(count(store, 'http_reqs', { name: 'teardown', scenario: 'teardown' })).toBe(1);
    const checks = summary.checks.map((c) => [c.name, c.group, c.passes, c.fails]);
    expect(checks.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['batch fast', undefined, 18, 0],
      ['batch health', undefined, 18, 0],
      ['coupon ok', '::coupon', 6, 0],
      ['item added', '::cart', 48, 0],
    ]);
    expect(summary.thresholds.every((t) => t.ok)).toBe(true);
    expect(summary.warnings).toEqual([]);
    expect(summary.scenarios[0]?.completedIterations).toBe(24);
  });
});

describe('script safety and errors', () => {
  const demo = useDemoTarget();

  it('runs in worker threads with no require, process, Buffer or eval; a thrown iteration is a warning with its line', async () => {
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  s:
    executor: per-vu-iterations
    vus: 2
    iterations: 3
    exec: { module: ${fixtures}sandbox.js }
`,
      { scriptEnv: { BASE_URL: demo.url }, workers: 2 },
    );
    expect(count(store, 'http_reqs', { name: 'report' })).toBe(6);
    expect(rate(store, 'checks')?.passes).toBe(30);
    expect(rate(store, 'checks')?.fails).toBe(0);
    expect(summary.warnings).toEqual([
      expect.stringMatching(
        /^scenario s: an iteration threw at .*sandbox\.js:\d+:\d+: boom on the second iteration/,
      ),
    ]);
    expect(summary.scenarios[0]?.completedIterations).toBe(6);
  });

  it('refuses Node modules, k6 modules FPT lacks, missing files and dynamic import at load, each at its place', () => {
    let message = '';
    try {
      loadPresetText(
        `name: refused\ntarget: { baseUrl: "http://127.0.0.1:1" }\nscenarios:\n  s:\n    executor: shared-iterations\n    exec: { module: ${fixtures}refused.js }\n`,
        'refused.yaml',
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      `${fixtures}refused.js:4:16 scenarios.s.exec.module: cannot import "node:fs": a Node.js or npm module; scripts reach only the k6 API`,
    );
    expect(message).toContain(
      `${fixtures}refused.js:5:16 scenarios.s.exec.module: cannot import "k6/ws": a k6 module FPT does not support`,
    );
    expect(message).toContain(`${fixtures}missing-helper.js:1:1 scenarios.s.exec.module: file not found`);
    expect(message).toContain(
      `${fixtures}refused.js:9:10 scenarios.s.exec.module: import() is not supported`,
    );
  });
});
