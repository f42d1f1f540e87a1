import { type CounterSink, type GaugeSink, MetricStore, type RateSink, type TrendSink } from '@fpt/metrics';
import { createPrng } from '../../../tools/test-support/create-prng.js';
import type { InfluxOutput } from '../src/index.js';

export const REQUEST_NAMES = ['GET /api/items', 'POST /api/login'] as const;
export const PAGES = ['/home', '/checkout'] as const;

export interface AgentPlan {
  readonly region: string;
  readonly agent: string;
  readonly seed: number;
  /** Multiplies every latency, so regions differ. */
  readonly slowdown: number;
  /** Put `region` in the sample tags too, as the engine does with FPT_REGION. */
  readonly regionInSampleTags: boolean;
}

/**
 * Records `intervals` seconds of a plausible API + browser run for one agent, drains a snapshot per
 * second as the engine's ticker does, writes it to the output and merges it into `reference`, the exact
 * answer InfluxDB's numbers are compared with.
 */
export function simulateAgent(
  plan: AgentPlan,
  options: { readonly startMs: number; readonly intervals: number },
  output: Pick<InfluxOutput, 'write'>,
  reference: MetricStore,
): void {
  const random = createPrng(plan.seed);
  const store = new MetricStore();
  const base: Record<string, string> = plan.regionInSampleTags ? { region: plan.region } : {};
  for (let second = 0; second < options.intervals; second++) {
    const atMs = options.startMs + (second + 1) * 1000;
    let requests = 0;
    for (const name of REQUEST_NAMES) {
      const count = 40 + Math.floor(random() * 80);
      for (let i = 0; i < count; i++) {
        const status = random() < 0.05 ? 500 : 200;
        const expected = status < 400;
        const tags = {
          ...base,
          scenario: 'api',
          name,
          method: name.split(' ')[0]!,
          status: String(status),
          expected_response: String(expected),
        };
        const durationMs = plan.slowdown * (5 + 300 * random() ** 4 + 20 * random());
        (store.sinkFor('http_reqs', tags) as CounterSink).add(1);
        (store.sinkFor('http_req_failed', tags) as RateSink).add(!expected);
        (store.sinkFor('http_req_duration', tags) as TrendSink).add(durationMs);
        (store.sinkFor('http_req_waiting', tags) as TrendSink).add(durationMs * 0.8);
        (store.sinkFor('checks', { ...base, scenario: 'api', name, check: 'status is 200' }) as RateSink).add(
          expected,
        );
      }
      requests += count;
    }
    const scenario = { ...base, scenario: 'api' };
    (store.sinkFor('iterations', scenario) as CounterSink).add(requests / 2);
    (store.sinkFor('data_sent', scenario) as CounterSink).add(180 * requests);
    (store.sinkFor('data_received', scenario) as CounterSink).add(1450 * requests);
    (store.sinkFor('iteration_duration', scenario) as TrendSink).add(plan.slowdown * (50 + 100 * random()));
    (store.sinkFor('vus', base) as GaugeSink).set(5 + second, atMs);
    (store.sinkFor('vus_max', base) as GaugeSink).set(20, atMs);
    for (const page of PAGES) {
      const tags = { ...base, scenario: 'browser', name: page };
      for (let i = 0; i < 2; i++) {
        (store.sinkFor('browser_web_vital_lcp', tags) as TrendSink).add(
          plan.slowdown * (1200 + 2500 * random()),
        );
        (store.sinkFor('browser_web_vital_fcp', tags) as TrendSink).add(
          plan.slowdown * (800 + 1800 * random()),
        );
        (store.sinkFor('browser_web_vital_ttfb', tags) as TrendSink).add(
          plan.slowdown * (200 + 1200 * random()),
        );
        (store.sinkFor('browser_web_vital_cls', tags) as TrendSink).add(0.3 * random());
        (store.sinkFor('browser_web_vital_inp', tags) as TrendSink).add(
          plan.slowdown * (60 + 500 * random()),
        );
      }
    }
    const delta = store.drainSnapshot();
    reference.mergeSnapshot(delta);
    output.write(delta, new Date(atMs));
  }
}

export function trendOf(store: MetricStore, metric: string, filter = {}): TrendSink {
  const sink = store.aggregate(metric, filter);
  if (sink?.type !== 'trend') throw new Error(`no trend ${metric}`);
  return sink;
}

export function counterOf(store: MetricStore, metric: string, filter = {}): number {
  const sink = store.aggregate(metric, filter);
  if (sink?.type !== 'counter') throw new Error(`no counter ${metric}`);
  return sink.count;
}

export function rateOf(store: MetricStore, metric: string, filter = {}): RateSink {
  const sink = store.aggregate(metric, filter);
  if (sink?.type !== 'rate') throw new Error(`no rate ${metric}`);
  return sink;
}
