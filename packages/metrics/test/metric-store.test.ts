import { describe, expect, it } from 'vitest';
import {
  type CounterSink,
  type GaugeSink,
  MetricDefinitionError,
  MetricStore,
  type MetricsSnapshot,
  type RateSink,
  SnapshotFormatError,
  type Tags,
  type TrendSink,
} from '../src/index.js';
import { createPrng, PERCENTILES } from './prng.js';

function trend(store: MetricStore, metric: string, tags: Tags = {}): TrendSink {
  return store.sinkFor(metric, tags) as TrendSink;
}

describe('MetricStore definitions', () => {
  it('starts with the built-in metrics and accepts custom ones', () => {
    const store = new MetricStore();
    expect(store.definition('http_req_duration')?.type).toBe('trend');
    const def = store.define({ name: 'cart_size', type: 'gauge', contains: 'default', description: 'items' });
    expect(store.definition('cart_size')).toEqual(def);
    expect(
      store.define({ name: 'cart_size', type: 'gauge', contains: 'default', description: 'other' }),
    ).toBe(def);
  });

  it('refuses a second definition with another type or contains, and invalid names', () => {
    const store = new MetricStore();
    expect(() =>
      store.define({ name: 'vus', type: 'counter', contains: 'default', description: '' }),
    ).toThrow(MetricDefinitionError);
    store.define({ name: 'bytes', type: 'counter', contains: 'data', description: '' });
    expect(() =>
      store.define({ name: 'bytes', type: 'counter', contains: 'default', description: '' }),
    ).toThrow(/already defined/);
    try {
      store.define({ name: 'my-metric', type: 'counter', contains: 'default', description: '' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MetricDefinitionError);
      expect((error as MetricDefinitionError).code).toBe('ERR_METRIC_DEFINITION');
      expect((error as MetricDefinitionError).hint).toMatch(/letters, digits or underscores/);
    }
  });

  it('refuses to record into an undefined metric', () => {
    expect(() => new MetricStore().sinkFor('nope')).toThrow(/not defined/);
  });
});

describe('MetricStore series', () => {
  it('returns the same sink for the same series, created with the metric type', () => {
    const store = new MetricStore();
    const tagSet = store.registry.intern({ name: 'home' });
    const sink = store.sink('http_reqs', tagSet);
    expect(sink.type).toBe('counter');
    expect(store.sink('http_reqs', tagSet)).toBe(sink);
    expect(store.sinkFor('http_reqs', { name: 'home' })).toBe(sink);
    expect(store.sinkFor('http_reqs', { name: 'about' })).not.toBe(sink);
    expect([...store.series('http_reqs')].map((s) => s.tagSet.tags)).toEqual([
      { name: 'home' },
      { name: 'about' },
    ]);
  });

  it('rejects tag sets from another registry', () => {
    const foreign = new MetricStore().registry.intern({ a: '1' });
    expect(() => new MetricStore().sink('http_reqs', foreign)).toThrow(/another registry/);
  });

  it('lists only metrics that have series', () => {
    const store = new MetricStore();
    store.sinkFor('vus');
    store.sinkFor('checks', { check: 'ok' });
    expect([...store.metrics()].map((d) => d.name)).toEqual(['checks', 'vus']);
  });

  it('aggregates the series matching a tag filter (exact values, all pairs)', () => {
    const store = new MetricStore();
    trend(store, 'http_req_duration', { name: 'login', region: 'eu', status: '200' }).add(100);
    trend(store, 'http_req_duration', { name: 'login', region: 'us', status: '200' }).add(200);
    trend(store, 'http_req_duration', { name: 'login', region: 'eu', status: '500' }).add(300);
    trend(store, 'http_req_duration', { name: 'home', region: 'eu', status: '200' }).add(400);

    const all = store.aggregate('http_req_duration') as TrendSink;
    expect([all.count, all.sum]).toEqual([4, 1000]);
    const login = store.aggregate('http_req_duration', { name: 'login' }) as TrendSink;
    expect([login.count, login.min, login.max]).toEqual([3, 100, 300]);
    const loginEu = store.aggregate('http_req_duration', { name: 'login', region: 'eu' }) as TrendSink;
    expect([loginEu.count, loginEu.sum]).toEqual([2, 400]);
    expect(store.aggregate('http_req_duration', { name: 'LOGIN' })).toBeUndefined();
    expect(store.aggregate('http_req_duration', { missing: 'x' })).toBeUndefined();
    expect(store.aggregate('http_req_waiting')).toBeUndefined();
    expect(store.aggregate('no_such_metric')).toBeUndefined();
  });

  it('aggregate returns a fresh sink: changing it leaves the series alone', () => {
    const store = new MetricStore();
    (store.sinkFor('http_reqs') as CounterSink).add(1);
    const copy = store.aggregate('http_reqs') as CounterSink;
    copy.add(100);
    expect((store.sinkFor('http_reqs') as CounterSink).count).toBe(1);
  });
});

describe('MetricStore snapshots', () => {
  const tagChoices: Tags[] = [
    { name: 'login', status: '200' },
    { name: 'login', status: '500' },
    { name: 'home', status: '200' },
  ];

  function record(store: MetricStore, random: () => number, samples: number): void {
    for (let i = 0; i < samples; i++) {
      const tags = tagChoices[Math.floor(random() * tagChoices.length)]!;
      const durationMs = Math.exp(Math.log(0.001) + random() * Math.log(60_000_000));
      trend(store, 'http_req_duration', tags).add(durationMs);
      (store.sinkFor('http_reqs', tags) as CounterSink).add(1);
      (store.sinkFor('http_req_failed', tags) as RateSink).add(tags['status'] !== '200');
      (store.sinkFor('vus') as GaugeSink).set(Math.floor(random() * 50), i);
    }
  }

  it('merging the snapshots of 4 stores equals one store that saw every sample', () => {
    const whole = new MetricStore();
    const parts = [new MetricStore(), new MetricStore(), new MetricStore(), new MetricStore()];
    const random = createPrng(2024);
    // Each part sees 2000 samples; `whole` sees the same streams (same seeds), 8000 samples in all.
    for (const part of parts) {
      const seed = Math.floor(random() * 2 ** 31);
      record(whole, createPrng(seed), 2000);
      record(part, createPrng(seed), 2000);
    }
    const merged = new MetricStore();
    for (const store of parts)
      merged.mergeSnapshot(JSON.parse(JSON.stringify(store.snapshot())) as MetricsSnapshot);

    for (const filter of [
      {},
      { name: 'login' },
      { status: '500' },
      { name: 'home', status: '200' },
    ] as Tags[]) {
      const a = whole.aggregate('http_req_duration', filter) as TrendSink;
      const b = merged.aggregate('http_req_duration', filter) as TrendSink;
      expect(b.count).toBe(a.count);
      expect(b.min).toBe(a.min);
      expect(b.max).toBe(a.max);
      // Float addition in another order can differ in the last bits; everything else is bit-exact.
      expect(Math.abs(b.sum - a.sum) / a.sum).toBeLessThan(1e-12);
      for (const p of PERCENTILES) expect(b.percentile(p)).toBe(a.percentile(p));
    }
    expect((merged.aggregate('http_reqs') as CounterSink).count).toBe(8000);
    expect((merged.aggregate('http_req_failed') as RateSink).passes).toBe(
      (whole.aggregate('http_req_failed') as RateSink).passes,
    );
    const vus = merged.aggregate('vus') as GaugeSink;
    const wholeVus = whole.aggregate('vus') as GaugeSink;
    expect([vus.min, vus.max]).toEqual([wholeVus.min, wholeVus.max]);
  });

  it('carries custom metric definitions and survives structuredClone', () => {
    const store = new MetricStore();
    store.define({ name: 'cart_value', type: 'trend', contains: 'default', description: 'EUR' });
    store.define({ name: 'never_used', type: 'counter', contains: 'default', description: '' });
    trend(store, 'cart_value', { shop: 'a' }).add(12.5);
    const copy = MetricStore.fromSnapshot(structuredClone(store.snapshot()));
    expect(copy.definition('cart_value')?.description).toBe('EUR');
    expect(copy.definition('never_used')?.type).toBe('counter');
    expect((copy.aggregate('cart_value', { shop: 'a' }) as TrendSink).avg).toBe(12.5);
  });

  it('lists shared tag sets once', () => {
    const store = new MetricStore();
    trend(store, 'http_req_duration', { name: 'a' }).add(1);
    trend(store, 'http_req_waiting', { name: 'a' }).add(1);
    const snapshot = store.snapshot();
    expect(snapshot.tagSets).toEqual([{ name: 'a' }]);
    expect(snapshot.series.map((s) => [s.metric, s.tagSet])).toEqual([
      ['http_req_duration', 0],
      ['http_req_waiting', 0],
    ]);
    expect(snapshot.definitions.map((d) => d.name)).toEqual(['http_req_duration', 'http_req_waiting']);
  });

  it('drainSnapshot ships what was recorded since the last drain and resets series in place', () => {
    const worker = new MetricStore();
    const coordinator = new MetricStore();
    const duration = trend(worker, 'http_req_duration', { name: 'a' });
    const reqs = worker.sinkFor('http_reqs', { name: 'a' }) as CounterSink;
    duration.add(10);
    duration.add(20);
    reqs.add(2);
    const first = worker.drainSnapshot();
    expect(first.series).toHaveLength(2);
    expect([duration.count, reqs.count]).toEqual([0, 0]);
    expect(worker.drainSnapshot().series).toHaveLength(0);

    // The cached sinks keep working after the drain.
    duration.add(30);
    const second = worker.drainSnapshot();
    expect(second.series.map((s) => s.metric)).toEqual(['http_req_duration']);

    coordinator.mergeSnapshot(first);
    coordinator.mergeSnapshot(second);
    const total = coordinator.aggregate('http_req_duration') as TrendSink;
    expect([total.count, total.sum, total.min, total.max]).toEqual([3, 60, 10, 30]);
    expect((coordinator.aggregate('http_reqs') as CounterSink).count).toBe(2);
  });

  it('keeps the latest gauge value across drained intervals', () => {
    const worker = new MetricStore();
    const coordinator = new MetricStore();
    const vus = worker.sinkFor('vus') as GaugeSink;
    vus.set(10, 1000);
    coordinator.mergeSnapshot(worker.drainSnapshot());
    vus.set(4, 2000);
    coordinator.mergeSnapshot(worker.drainSnapshot());
    coordinator.mergeSnapshot(worker.drainSnapshot());
    const merged = coordinator.aggregate('vus') as GaugeSink;
    expect([merged.value, merged.min, merged.max]).toEqual([4, 4, 10]);
  });

  it('rejects malformed snapshots without changing the store', () => {
    const source = new MetricStore();
    trend(source, 'http_req_duration').add(5);
    const good = source.snapshot();
    const target = new MetricStore();
    const bad: unknown[] = [
      null,
      { ...good, format: 'fpt-metrics/0' },
      {
        ...good,
        series: [...good.series, { metric: 'unknown_metric', tagSet: 0, sink: good.series[0]!.sink }],
      },
      { ...good, series: [{ ...good.series[0]!, tagSet: 7 }] },
      { ...good, series: [...good.series, { metric: 'http_reqs', tagSet: 0, sink: good.series[0]!.sink }] },
      { ...good, definitions: [{ name: 'vus', type: 'trend', contains: 'default', description: '' }] },
      { ...good, definitions: [{ name: 'bad name', type: 'trend', contains: 'default', description: '' }] },
    ];
    for (const snapshot of bad) {
      expect(() => target.mergeSnapshot(snapshot as MetricsSnapshot)).toThrow(SnapshotFormatError);
    }
    expect(target.aggregate('http_req_duration')).toBeUndefined();
  });
});
