import type { GaugeSink } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import { count, run, trend, useDemoTarget } from './engine-fixtures.js';

// Tolerances: timers on a shared 2-core machine fire late by a few ms, so counts over a run of 1-3 s are
// checked within the stated margin, never exactly, except for iteration executors where they are exact.
describe('executors against the demo target', () => {
  const demo = useDemoTarget();

  it('constant-vus holds its VU count for the duration (iterations within 20% of VUs × duration / latency)', async () => {
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  s:
    executor: constant-vus
    vus: 4
    duration: 2s
    requests: [{ name: d, path: /delay, query: { ms: 100 } }]`,
    );
    const scenario = summary.scenarios[0]!;
    expect(scenario.maxVUs).toBe(4);
    const middle = summary.timeline.filter((p) => p.tMs > 400 && p.tMs < 1800);
    expect(middle.length).toBeGreaterThan(2);
    for (const point of middle) expect(point.vus).toBe(4);
    // 4 VUs × 2000 ms / ~100 ms per iteration = 80
    expect(scenario.completedIterations).toBeGreaterThanOrEqual(64);
    expect(scenario.completedIterations).toBeLessThanOrEqual(84);
    expect(count(store, 'iterations')).toBe(scenario.completedIterations);
  });

  it('ramping-vus follows its stages up and down', async () => {
    const { summary } = await run(
      demo.url,
      `scenarios:
  s:
    executor: ramping-vus
    startVUs: 0
    stages: [{ duration: 1s, target: 6 }, { duration: 1s, target: 6 }, { duration: 2s, target: 0 }]
    gracefulRampDown: 1s
    requests: [{ name: d, path: /delay, query: { ms: 50 } }]`,
    );
    expect(summary.scenarios[0]!.maxVUs).toBe(6);
    // Each point holds the most VUs that ran at once in the second it ends: 6 on the plateau, and in the
    // ramp down's second half (from 3 VUs at 3 s to none at 4 s) at most 3, a VU of timer slack aside.
    const at = (fromMs: number, toMs: number) =>
      summary.timeline.filter((p) => p.tMs >= fromMs && p.tMs < toMs).map((p) => p.vus);
    const plateau = at(1900, 2500);
    expect(plateau.length).toBeGreaterThan(0);
    for (const vus of plateau) expect(vus).toBe(6);
    const rampDownEnd = at(3500, 4800);
    expect(rampDownEnd.length).toBeGreaterThan(0);
    expect(Math.max(...rampDownEnd)).toBeLessThanOrEqual(4);
  });

  it('constant-arrival-rate starts rate iterations per timeUnit whatever the latency (±3%)', async () => {
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  s:
    executor: constant-arrival-rate
    rate: 50
    duration: 2s
    preAllocatedVUs: 2
    maxVUs: 20
    requests: [{ name: f, path: /delay, query: { ms: 30 } }]`,
    );
    const scenario = summary.scenarios[0]!;
    expect(scenario.completedIterations).toBeGreaterThanOrEqual(97);
    expect(scenario.completedIterations).toBeLessThanOrEqual(100);
    expect(scenario.droppedIterations).toBe(0);
    // 50/s × 30 ms needs ~2 VUs at a time; the pool grew past its 2 pre-allocated when needed, but not to 20.
    expect(scenario.maxVUs).toBeGreaterThanOrEqual(2);
    expect(scenario.maxVUs).toBeLessThan(20);
    // Every start is measured against its schedule (the open-model delay trend).
    expect(trend(store, 'iteration_start_delay')?.count).toBe(scenario.completedIterations);
  });

  it('constant-arrival-rate drops iterations when the target is slower than the VUs allow', async () => {
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  s:
    executor: constant-arrival-rate
    rate: 50
    duration: 2s
    preAllocatedVUs: 2
    maxVUs: 4
    requests: [{ name: slow, path: /delay, query: { ms: 200 } }]`,
    );
    const scenario = summary.scenarios[0]!;
    // 4 VUs at 200 ms each complete at most 20/s, so ~60 of the 100 scheduled iterations cannot start.
    expect(scenario.maxVUs).toBe(4);
    expect(scenario.droppedIterations).toBeGreaterThanOrEqual(50);
    expect(
      scenario.completedIterations + scenario.droppedIterations + scenario.interruptedIterations,
    ).toBeGreaterThanOrEqual(97);
    expect(count(store, 'dropped_iterations')).toBe(scenario.droppedIterations);
  });

  it('ramping-arrival-rate starts the integral of its rate profile (±3%)', async () => {
    const { summary } = await run(
      demo.url,
      `scenarios:
  s:
    executor: ramping-arrival-rate
    startRate: 0
    stages: [{ duration: 2s, target: 100 }]
    preAllocatedVUs: 5
    maxVUs: 10
    requests: [{ name: f, path: /fast }]`,
    );
    // ∫ 0→100/s over 2 s = 100 iterations
    const started = summary.scenarios[0]!.completedIterations;
    expect(started).toBeGreaterThanOrEqual(97);
    expect(started).toBeLessThanOrEqual(100);
    const firstSecond = summary.timeline
      .filter((p) => p.tMs <= 1100)
      .reduce((sum, p) => sum + p.iterations, 0);
    // A linear ramp starts a quarter of its iterations in the first half: 25 by 1.0 s, 30 by 1.1 s.
    expect(firstSecond).toBeGreaterThanOrEqual(20);
    expect(firstSecond).toBeLessThanOrEqual(33);
  });

  it('per-vu-iterations and shared-iterations run exactly their iterations', async () => {
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  each:
    executor: per-vu-iterations
    vus: 3
    iterations: 5
    requests: [{ name: each, path: /fast }]
  shared:
    executor: shared-iterations
    vus: 4
    iterations: 30
    requests: [{ name: shared, path: /fast }]`,
    );
    expect(summary.scenarios.map((s) => [s.name, s.completedIterations, s.droppedIterations])).toEqual([
      ['each', 15, 0],
      ['shared', 30, 0],
    ]);
    expect(count(store, 'http_reqs', { name: 'each' })).toBe(15);
    expect(count(store, 'http_reqs', { name: 'shared' })).toBe(30);
  });

  it('maxDuration cuts iteration executors short and counts what did not run as dropped', async () => {
    const { summary } = await run(
      demo.url,
      `scenarios:
  s:
    executor: per-vu-iterations
    vus: 2
    iterations: 10
    maxDuration: 1s
    gracefulStop: 2s
    requests: [{ name: d, path: /delay, query: { ms: 300 } }]`,
    );
    const scenario = summary.scenarios[0]!;
    // Each VU starts iterations at 0, 300, 600, 900 ms, so 4 run and 6 are dropped per VU.
    expect(scenario.completedIterations).toBe(8);
    expect(scenario.droppedIterations).toBe(12);
    expect(scenario.interruptedIterations).toBe(0);
  });

  it('gracefulStop interrupts iterations still running when it runs out', async () => {
    const started = performance.now();
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  s:
    executor: constant-vus
    vus: 2
    duration: 500ms
    gracefulStop: 300ms
    requests: [{ name: d, path: /delay, query: { ms: 2000 } }]`,
    );
    const elapsed = performance.now() - started;
    const scenario = summary.scenarios[0]!;
    expect(scenario.completedIterations).toBe(0);
    expect(scenario.interruptedIterations).toBe(2);
    expect(count(store, 'interrupted_iterations')).toBe(2);
    expect(elapsed).toBeLessThan(1900);
    // The cut-off requests are not reported as target failures.
    expect(count(store, 'http_reqs')).toBe(0);
  });

  it('startTime delays a scenario', async () => {
    const { summary } = await run(
      demo.url,
      `scenarios:
  late:
    executor: shared-iterations
    vus: 1
    iterations: 1
    startTime: 1s
    requests: [{ name: f, path: /fast }]`,
    );
    const first = summary.timeline.find((p) => p.requests > 0)!;
    expect(first.tMs).toBeGreaterThanOrEqual(1000);
    expect(summary.durationMs).toBeGreaterThanOrEqual(1000);
  });

  it("counts every VU a run initialised in vus_max, as the header's max VUs does, while vus peaks at those running at once", async () => {
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  first:
    executor: per-vu-iterations
    vus: 2
    iterations: 2
    requests: [{ name: a, path: /delay, query: { ms: 20 } }]
  second:
    executor: per-vu-iterations
    vus: 2
    iterations: 2
    startTime: 1200ms
    requests: [{ name: b, path: /delay, query: { ms: 20 } }]`,
    );
    expect(summary.scenarios.map((s) => s.maxVUs)).toEqual([2, 2]);
    // The first scenario ended long before the second began: k6 keeps its VUs, so vus_max does not dip to 2.
    expect((store.aggregate('vus_max') as GaugeSink).max).toBe(4);
    expect((store.aggregate('vus') as GaugeSink).max).toBeLessThanOrEqual(2);
  });

  it('gives each timeline point the most VUs that ran at once in its interval, even in a run shorter than one', async () => {
    const { summary } = await run(
      demo.url,
      `scenarios:
  short:
    executor: per-vu-iterations
    vus: 3
    iterations: 1
    requests: [{ name: a, path: /delay, query: { ms: 150 } }]`,
    );
    // All three ran together and were done before the first tick: the instant at the tick would say 0.
    expect(summary.timeline.length).toBeGreaterThan(0);
    expect(Math.max(...summary.timeline.map((point) => point.vus))).toBe(3);
  });
});
