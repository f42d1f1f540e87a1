import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, run, trend } from './engine-fixtures.js';

/**
 * A target that answers at once, except that for one second (from 600 ms after its first request) it
 * holds every response until the second is over: the kind of stall that a closed-loop or dropping load
 * generator hides (coordinated omission).
 */
function startStallingTarget(): Promise<{ url: string; server: Server }> {
  let firstRequestMs: number | undefined;
  const server = createServer((_request, response) => {
    const nowMs = performance.now();
    firstRequestMs ??= nowMs;
    const stallStartMs = firstRequestMs + 600;
    const stallEndMs = stallStartMs + 1000;
    const waitMs = nowMs >= stallStartMs && nowMs < stallEndMs ? stallEndMs - nowMs : 0;
    setTimeout(() => response.end('ok'), waitMs);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server }),
    ),
  );
}

describe('coordinated omission in the open model', () => {
  // A fresh target per test, so that each run meets its own stall.
  let target: { url: string; server: Server };
  beforeEach(async () => {
    target = await startStallingTarget();
  });
  afterEach(() => new Promise<void>((resolve) => target.server.close(() => resolve())));

  it('the corrected response time shows a one-second stall that the plain one hides', async () => {
    const { summary, store } = await run(
      target.url,
      `scenarios:
  open:
    executor: constant-arrival-rate
    rate: 50
    duration: 3s
    preAllocatedVUs: 2
    maxVUs: 2
    maxStartDelay: 2s
    requests: [{ name: r, path: / }]`,
    );
    const plain = trend(store, 'http_req_duration')!;
    const corrected = trend(store, 'http_req_duration_corrected')!;
    const lateness = trend(store, 'iteration_start_delay')!;
    // Every scheduled iteration ran (none dropped): the two VUs were stuck, so ~50 iterations waited for them.
    expect(summary.scenarios[0]!.droppedIterations).toBe(0);
    expect(count(store, 'http_reqs')).toBeGreaterThanOrEqual(148);
    // Plain: only the two requests in flight during the stall were slow; most of the run looks fast.
    expect(plain.max).toBeGreaterThanOrEqual(900);
    expect(plain.percentile(90)).toBeLessThan(100);
    // Corrected: the iterations due during the stall are measured from when they should have started.
    expect(corrected.percentile(90)).toBeGreaterThan(400);
    expect(corrected.percentile(90) - plain.percentile(90)).toBeGreaterThan(300);
    expect(lateness.max).toBeGreaterThanOrEqual(900);
    expect(corrected.count).toBe(plain.count);
  });

  it('without maxStartDelay the same stall drops iterations, as k6 does, and says how many', async () => {
    const { summary, store } = await run(
      target.url,
      `scenarios:
  open:
    executor: constant-arrival-rate
    rate: 50
    duration: 3s
    preAllocatedVUs: 2
    maxVUs: 2
    requests: [{ name: r, path: / }]`,
    );
    // The ~48 iterations due while both VUs were stuck were dropped, and the plain times never saw them.
    const dropped = summary.scenarios[0]!.droppedIterations;
    expect(dropped).toBeGreaterThanOrEqual(35);
    expect(count(store, 'dropped_iterations')).toBe(dropped);
    expect(summary.scenarios[0]!.completedIterations + dropped).toBeGreaterThanOrEqual(148);
    expect(trend(store, 'http_req_duration_corrected')!.percentile(90)).toBeLessThan(100);
  });
});
