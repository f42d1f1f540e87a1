import { type CounterSink, MetricStore } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import {
  describeInfluxOutputStats,
  InfluxOutput,
  type InfluxOutputConfig,
  parseInfluxOutputSpec,
} from '../src/index.js';
import { PointQueue } from '../src/point-queue.js';

const config: InfluxOutputConfig = parseInfluxOutputSpec('influxdb=http://127.0.0.1:9/fpt', {});

describe('PointQueue', () => {
  it('drops the oldest points past its capacity and hands out the rest oldest first', () => {
    const queue = new PointQueue(5);
    expect(queue.push(['a', 'b', 'c'])).toBe(0);
    expect(queue.push(['d', 'e', 'f', 'g'])).toBe(2);
    expect(queue.size).toBe(5);
    expect(queue.take(2)).toEqual(['c', 'd']);
    expect(queue.unshift(['x', 'y'])).toBe(0);
    expect(queue.push(['h', 'i'])).toBe(2);
    expect(queue.take(10)).toEqual(['e', 'f', 'g', 'h', 'i']);
    expect(queue.size).toBe(0);
  });
});

/** One counter point per snapshot, its value the snapshot's number, so delivered points say which they were. */
function numberedSnapshots(count: number): { at: Date; delta: ReturnType<MetricStore['drainSnapshot']> }[] {
  const store = new MetricStore();
  const startMs = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    (store.sinkFor('http_reqs', { name: 'n' }) as CounterSink).add(i + 1);
    return { at: new Date(startMs + (i + 1) * 1000), delta: store.drainSnapshot() };
  });
}

describe('InfluxOutput buffering', () => {
  it('keeps the newest points when the buffer overflows during an outage, and sends them on recovery', async () => {
    let up = false;
    const delivered: string[] = [];
    const warnings: string[] = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      if (!up)
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
        });
      if (String(input).includes('/query')) return new Response('{"results":[{"statement_id":0}]}');
      delivered.push(...String(init?.body).trim().split('\n'));
      return new Response(null, { status: 204 });
    };
    const output = new InfluxOutput(
      config,
      { testid: 't1', preset: 'p' },
      {
        fetch: fakeFetch,
        gzip: false,
        maxBufferedPoints: 10,
        flushIntervalMs: 20,
        retryBaseMs: 10,
        retryMaxMs: 20,
        onWarning: (message) => warnings.push(message),
      },
    );
    for (const { delta, at } of numberedSnapshots(25)) output.write(delta, at);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(output.stats).toMatchObject({ written: 0, dropped: 15, buffered: 10 });
    expect(output.stats.failedRequests).toBeGreaterThan(0);
    expect(output.stats.lastError).toContain('ECONNREFUSED');
    up = true;
    const stats = await output.close();
    expect(stats).toMatchObject({ written: 10, dropped: 15, buffered: 0 });
    const values = delivered.map((line) => Number(/ value=(\d+)/.exec(line)?.[1])).sort((a, b) => a - b);
    expect(values).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(warnings.some((w) => w.includes('dropping the oldest'))).toBe(true);
    expect(warnings.some((w) => w.includes('recovered'))).toBe(true);
  });

  it('write() returns at once and never throws, even for garbage', () => {
    const output = new InfluxOutput(
      config,
      { testid: 't', preset: 'p' },
      { fetch: async () => new Response(null, { status: 204 }) },
    );
    const garbage = {
      format: 'fpt-metrics/1',
      definitions: [],
      tagSets: [{}],
      series: [{ metric: 'x', tagSet: 0, sink: { type: 'nope' } }],
    };
    expect(() => output.write(garbage as never, new Date())).not.toThrow();
    expect(() => output.write(null as never, new Date())).not.toThrow();
    expect(() => output.write(numberedSnapshots(1)[0]!.delta, new Date(Number.NaN))).not.toThrow();
    return output.close();
  });

  it('gives up on unsent points when close() runs out of time, counting them as dropped', async () => {
    const neverAnswers: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        if (init?.signal?.aborted) reject(init.signal.reason);
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const output = new InfluxOutput(
      config,
      { testid: 't', preset: 'p' },
      { fetch: neverAnswers, closeTimeoutMs: 100 },
    );
    for (const { delta, at } of numberedSnapshots(3)) output.write(delta, at);
    const started = performance.now();
    const stats = await output.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(stats).toMatchObject({ written: 0, dropped: 3, buffered: 0 });
  });

  it('does not retry a batch InfluxDB refuses, and counts a partial write by what was refused', async () => {
    let call = 0;
    const fakeFetch: typeof fetch = async (input) => {
      if (String(input).includes('/query')) return new Response('{"results":[{"statement_id":0}]}');
      call++;
      return call === 1
        ? Response.json(
            {
              error:
                'partial write: field type conflict: input field "value" on measurement "http_reqs" is type float, already exists as type integer dropped=1',
            },
            { status: 400 },
          )
        : Response.json({ error: 'authorization failed' }, { status: 401 });
    };
    const output = new InfluxOutput(
      config,
      { testid: 't', preset: 'p' },
      { fetch: fakeFetch, gzip: false, maxPointsPerRequest: 2 },
    );
    for (const { delta, at } of numberedSnapshots(4)) output.write(delta, at);
    const stats = await output.close();
    expect(call).toBe(2);
    expect(stats).toMatchObject({ written: 1, dropped: 3, failedRequests: 2 });
    expect(stats.lastError).toContain('401');
  });
});

describe('describeInfluxOutputStats', () => {
  it('says how many points were written and dropped, and why when requests failed', () => {
    expect(describeInfluxOutputStats({ written: 10, dropped: 0, failedRequests: 0, buffered: 0 })).toBe(
      'InfluxDB: 10 points written, 0 dropped',
    );
    expect(
      describeInfluxOutputStats({
        written: 5,
        dropped: 7,
        failedRequests: 2,
        buffered: 0,
        lastError: 'HTTP 503: busy',
      }),
    ).toBe('InfluxDB: 5 points written, 7 dropped (2 failed requests; last error: HTTP 503: busy)');
  });
});
