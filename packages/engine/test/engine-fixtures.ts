import {
  type CounterSink,
  MetricStore,
  type RateSink,
  type RunSummary,
  type Tags,
  type TrendSink,
} from '@fpt/metrics';
import { loadPresetText } from '@fpt/preset';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll } from 'vitest';
import { type RunOptions, runPreset } from '../src/index.js';

/** A demo target on 127.0.0.1, started once per test file and closed after it. */
export function useDemoTarget(): { readonly url: string; readonly target: DemoTarget } {
  const holder = { url: '', target: undefined as unknown as DemoTarget };
  beforeAll(async () => {
    holder.target = await startDemoTarget();
    holder.url = holder.target.url;
  });
  afterAll(async () => {
    await holder.target?.close();
  });
  return holder;
}

/** Runs preset YAML (target.baseUrl filled in) and returns the summary with a store to query. */
export async function run(
  baseUrl: string,
  body: string,
  options: Partial<RunOptions> = {},
): Promise<{ summary: RunSummary; store: MetricStore }> {
  const text = `name: test\ntarget:\n  baseUrl: ${baseUrl}\n${body}`;
  const loaded = loadPresetText(text, 'test.yaml');
  const summary = await runPreset({
    loaded,
    intervalMs: 250,
    thresholdIntervalMs: 250,
    workers: 1,
    ...options,
  });
  return { summary, store: MetricStore.fromSnapshot(summary.metrics) };
}

export function count(store: MetricStore, metric: string, filter: Tags = {}): number {
  return (store.aggregate(metric, filter) as CounterSink | undefined)?.count ?? 0;
}

export function rate(store: MetricStore, metric: string, filter: Tags = {}): RateSink | undefined {
  return store.aggregate(metric, filter) as RateSink | undefined;
}

export function trend(store: MetricStore, metric: string, filter: Tags = {}): TrendSink | undefined {
  return store.aggregate(metric, filter) as TrendSink | undefined;
}

/** Distinct values of one tag across the series of a metric. */
export function tagValues(store: MetricStore, metric: string, tag: string): string[] {
  return [
    ...new Set(
      [...store.series(metric)].map((s) => s.tagSet.tags[tag]).filter((v): v is string => v !== undefined),
    ),
  ].sort();
}
