import type { GaugeSink } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import { count, run, trend, useDemoTarget } from './engine-fixtures.js';

// Worker threads load the built engine (dist/), which `npm test` builds before running the suite.
describe('a run split over worker threads', () => {
  const demo = useDemoTarget();

  it('runs exactly the whole profile across 2 workers and merges their metrics into one view', async () => {
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  shared:
    executor: shared-iterations
    vus: 3
    iterations: 101
    requests: [{ name: s, path: /fast }]
  each:
    executor: per-vu-iterations
    vus: 5
    iterations: 4
    requests: [{ name: e, path: /delay, query: { ms: 5 } }]
  open:
    executor: constant-arrival-rate
    rate: 40
    duration: 1s
    # Room to spare: a busy machine must not turn slow responses into dropped iterations here.
    preAllocatedVUs: 10
    requests: [{ name: o, path: /fast }]
thresholds:
  "http_reqs{name:s}": ["count==101"]`,
      { workers: 2 },
    );
    expect(summary.scenarios.map((s) => [s.name, s.droppedIterations, s.interruptedIterations])).toEqual([
      ['shared', 0, 0],
      ['each', 0, 0],
      ['open', 0, 0],
    ]);
    expect(summary.scenarios.map((s) => [s.name, s.completedIterations, s.maxVUs])).toEqual([
      ['shared', 101, 3],
      ['each', 20, 5],
      ['open', 40, expect.any(Number)],
    ]);
    expect(count(store, 'http_reqs', { name: 's' })).toBe(101);
    expect(count(store, 'http_reqs', { name: 'e' })).toBe(20);
    expect(count(store, 'http_reqs', { name: 'o' })).toBe(40);
    expect(trend(store, 'http_req_duration', { name: 'e' })!.count).toBe(20);
    expect(summary.thresholds[0]).toMatchObject({ ok: true, observed: 101 });
    expect(summary.exitCode).toBe(0);
  });

  it('holds a constant VU count summed over the workers', async () => {
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  s:
    executor: constant-vus
    vus: 5
    duration: 1500ms
    requests: [{ name: d, path: /delay, query: { ms: 50 } }]`,
      { workers: 2 },
    );
    expect(summary.scenarios[0]!.maxVUs).toBe(5);
    // The gauges hold the sum over the workers, without a dip while one of them winds down first.
    const vus = store.aggregate('vus_max') as GaugeSink;
    expect([vus.value, vus.min, vus.max]).toEqual([5, 5, 5]);
    const middle = summary.timeline.filter((p) => p.tMs > 600 && p.tMs < 1300);
    expect(middle.length).toBeGreaterThan(1);
    for (const point of middle) expect(point.vus).toBe(5);
  });

  it('stops every worker on a stop signal and still returns the summary', async () => {
    const stop = new AbortController();
    const { summary } = await run(
      demo.url,
      `scenarios:
  s:
    executor: constant-vus
    vus: 4
    duration: 30s
    requests: [{ name: d, path: /delay, query: { ms: 20 } }]`,
      {
        workers: 2,
        signal: stop.signal,
        onProgress: (progress) => {
          if (progress.completedIterations > 10) stop.abort();
        },
      },
    );
    expect(summary.exitCode).toBe(105);
    expect(summary.durationMs).toBeLessThan(5000);
    expect(summary.scenarios[0]!.completedIterations).toBeGreaterThan(10);
  });
});
