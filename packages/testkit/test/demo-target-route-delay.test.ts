import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoTarget, demoTargetLimits, startDemoTarget } from '../src/index.js';

let target: DemoTarget;

beforeAll(async () => {
  target = await startDemoTarget({ routeDelaysMs: { health: 60 } });
});
afterAll(() => target.close());

async function timedGet(path: string): Promise<{ elapsedMs: number; status: number; body: string }> {
  const startMs = performance.now();
  const res = await fetch(`${target.url}${path}`);
  const body = await res.text();
  return { elapsedMs: performance.now() - startMs, status: res.status, body };
}

describe('demo target route delays', () => {
  it('delays a route given at start-up, and answers it normally after the delay', async () => {
    const health = await timedGet('/health');
    expect(health.elapsedMs).toBeGreaterThanOrEqual(60);
    expect(health.status).toBe(200);
    expect(health.body).toBe('ok');
  });

  it('slows one route at runtime, adds to the route’s own delay, and restores it with 0', async () => {
    target.setRouteDelay('delay', 70);
    const slowed = await timedGet('/delay?ms=40');
    expect(slowed.elapsedMs).toBeGreaterThanOrEqual(110);
    expect(JSON.parse(slowed.body)).toEqual({ ok: true, delayMs: 40 });
    target.setRouteDelay('delay', 0);
    target.setRouteDelay('health', 0);
    expect((await timedGet('/delay?ms=0')).status).toBe(200);
    expect(target.stats().byRoute.delay).toBe(2);
  });

  it('refuses an unknown route or a delay out of range, saying what is allowed', () => {
    expect(() => target.setRouteDelay('nope' as 'fast', 10)).toThrow(/unknown demo target route "nope"/);
    expect(() => target.setRouteDelay('fast', -1)).toThrow(/give 0 to 60000 ms/);
    expect(() => target.setRouteDelay('fast', demoTargetLimits.maxDelayMs + 1)).toThrow(/out of range/);
  });
});
