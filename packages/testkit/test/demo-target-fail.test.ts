import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoTarget, startDemoTarget } from '../src/index.js';
import { inBatches } from './http-helpers.js';

let target: DemoTarget;

beforeAll(async () => {
  target = await startDemoTarget();
});
afterAll(() => target.close());

beforeEach(() => target.resetStats());

async function statuses(query: string, count: number): Promise<number[]> {
  const results: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${target.url}/fail?${query}`);
    await res.arrayBuffer();
    results.push(res.status);
  }
  return results;
}

describe('GET /fail', () => {
  it('fails exactly 100 of 1000 requests at ratio 0.1', async () => {
    const codes = await inBatches(1000, 50, async () => {
      const res = await fetch(`${target.url}/fail?ratio=0.1`);
      await res.arrayBuffer();
      return res.status;
    });
    expect(codes.filter((code) => code === 500)).toHaveLength(100);
    expect(codes.filter((code) => code === 200)).toHaveLength(900);
  });

  it('is exact for ratios that are not binary fractions', async () => {
    for (const [ratio, expected] of [
      ['0.3', 30],
      ['0.07', 7],
      ['0.333333', 33],
    ] as const) {
      target.resetStats();
      const codes = await statuses(`ratio=${ratio}`, 100);
      expect(
        codes.filter((code) => code !== 200),
        ratio,
      ).toHaveLength(expected);
    }
  });

  it('spreads failures evenly: n fails when floor((n+1)*ratio) > floor(n*ratio)', async () => {
    expect(await statuses('ratio=0.25&status=503', 8)).toEqual([200, 200, 200, 503, 200, 200, 200, 503]);
  });

  it('answers failures with {"ok":false} and successes with {"ok":true}, numbering the sequence', async () => {
    const ok = await fetch(`${target.url}/fail?ratio=0.5`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-fail-sequence')).toBe('0');
    expect(await ok.json()).toEqual({ ok: true });
    const failed = await fetch(`${target.url}/fail?ratio=0.5`);
    expect(failed.status).toBe(500);
    expect(failed.headers.get('x-fail-sequence')).toBe('1');
    expect(await failed.json()).toEqual({ ok: false });
  });

  it('always fails by default and never at ratio 0', async () => {
    expect(await statuses('', 3)).toEqual([500, 500, 500]);
    expect(await statuses('ratio=0', 3)).toEqual([200, 200, 200]);
  });

  it('keeps a separate counter per key', async () => {
    const interleaved: number[] = [];
    for (let i = 0; i < 4; i++) {
      for (const key of ['a', 'b']) {
        const res = await fetch(`${target.url}/fail?ratio=0.5&key=${key}`);
        await res.arrayBuffer();
        interleaved.push(res.status);
      }
    }
    // Each key alone sees 200, 500, 200, 500; a shared counter would give 200, 500, 200, 500... across keys.
    expect(interleaved).toEqual([200, 200, 500, 500, 200, 200, 500, 500]);
  });

  it('restarts the sequences on resetStats()', async () => {
    expect(await statuses('ratio=0.5', 2)).toEqual([200, 500]);
    target.resetStats();
    expect(await statuses('ratio=0.5', 2)).toEqual([200, 500]);
  });

  it('rejects a bad ratio or status with 400', async () => {
    for (const query of [
      'ratio=1.5',
      'ratio=-0.1',
      'ratio=abc',
      'ratio=',
      'status=200',
      'status=600',
      'status=x',
    ]) {
      const res = await fetch(`${target.url}/fail?${query}`);
      expect(res.status, query).toBe(400);
      await res.arrayBuffer();
    }
  });
});
