import {
  type CounterSink,
  evaluateThreshold,
  type GaugeSink,
  MetricStore,
  parseMetricSelector,
  parseThresholdExpression,
  type RateSink,
  RunOutcome,
  type RunSummary,
  type Tags,
  type ThresholdOutcome,
  type TrendSink,
} from '@fpt/metrics';

export const DURATION_MS = 20_000;

export const loginOk: Tags = {
  name: 'login',
  method: 'POST',
  status: '200',
  scenario: 'api',
  expected_response: 'true',
};
export const loginFailed: Tags = {
  name: 'login',
  method: 'POST',
  status: '500',
  scenario: 'api',
  expected_response: 'false',
  error_code: '1500',
};
export const homeBrowse: Tags = {
  name: 'home',
  method: 'GET',
  status: '200',
  scenario: 'browse',
  expected_response: 'true',
};

/**
 * Records a small but complete run into a real MetricStore: 100 successful logins taking 1..100 ms,
 * 5 failed logins of 1 s, 10 home pages of 200..209 ms in another scenario, checks, VUs and data.
 */
export function recordRun(): MetricStore {
  const store = new MetricStore();
  const request = (tags: Tags, durationMs: number, failed: boolean) => {
    trend(store, 'http_req_duration', tags).add(durationMs);
    trend(store, 'http_req_waiting', tags).add(durationMs * 0.8);
    counter(store, 'http_reqs', tags).add(1);
    rate(store, 'http_req_failed', tags).add(failed);
  };
  for (let ms = 1; ms <= 100; ms++) request(loginOk, ms, false);
  for (let i = 0; i < 5; i++) request(loginFailed, 1000, true);
  for (let ms = 200; ms < 210; ms++) request(homeBrowse, ms, false);

  rate(store, 'checks', { check: 'status is 200', scenario: 'api', name: 'login' }).addCounts(100, 5);
  rate(store, 'checks', { check: 'body ok', scenario: 'api', name: 'login' }).addCounts(5, 5);
  rate(store, 'checks', { check: 'status is 200', scenario: 'browse', name: 'home' }).addCounts(10, 0);

  const vus = gauge(store, 'vus', {});
  vus.set(1, 0);
  vus.set(5, 1000);
  vus.set(3, 2000);
  gauge(store, 'vus_max', {}).set(10, 0);
  counter(store, 'data_received', { scenario: 'api' }).add(400_000);
  counter(store, 'data_received', { scenario: 'browse' }).add(119_000);
  counter(store, 'data_sent', { scenario: 'api' }).add(4_900);
  for (const [scenario, count] of [
    ['api', 105],
    ['browse', 10],
  ] as const) {
    for (let i = 0; i < count; i++) {
      counter(store, 'iterations', { scenario }).add(1);
      trend(store, 'iteration_duration', { scenario }).add(300 + i);
    }
  }
  return store;
}

export function trend(store: MetricStore, metric: string, tags: Tags): TrendSink {
  const sink = store.sinkFor(metric, tags);
  if (sink.type !== 'trend') throw new TypeError(`${metric} is a ${sink.type}`);
  return sink;
}

export function counter(store: MetricStore, metric: string, tags: Tags): CounterSink {
  const sink = store.sinkFor(metric, tags);
  if (sink.type !== 'counter') throw new TypeError(`${metric} is a ${sink.type}`);
  return sink;
}

export function rate(store: MetricStore, metric: string, tags: Tags): RateSink {
  const sink = store.sinkFor(metric, tags);
  if (sink.type !== 'rate') throw new TypeError(`${metric} is a ${sink.type}`);
  return sink;
}

export function gauge(store: MetricStore, metric: string, tags: Tags): GaugeSink {
  const sink = store.sinkFor(metric, tags);
  if (sink.type !== 'gauge') throw new TypeError(`${metric} is a ${sink.type}`);
  return sink;
}

/** Evaluates a threshold the way the engine does, with the real @fpt/metrics functions. */
export function evaluate(
  store: MetricStore,
  key: string,
  expression: string,
  options: { abortOnFail?: boolean; allowNoData?: boolean } = {},
): ThresholdOutcome {
  const selector = parseMetricSelector(key);
  const result = evaluateThreshold(
    parseThresholdExpression(expression),
    store.aggregate(selector.metric, selector.filter),
    DURATION_MS,
  );
  const allowNoData = options.allowNoData ?? false;
  return {
    metric: key,
    expression,
    ok: result.noData ? allowNoData : result.ok,
    noData: result.noData,
    ...(result.observed === undefined ? {} : { observed: result.observed }),
    abortOnFail: options.abortOnFail ?? false,
    allowNoData,
  };
}

export function runSummary(store: MetricStore, overrides: Partial<RunSummary> = {}): RunSummary {
  const thresholds = [
    evaluate(store, 'http_req_duration', 'p(95)<500'),
    evaluate(store, 'http_req_duration', 'avg<1000'),
    evaluate(store, 'http_req_duration{name:login}', 'p(99)<50'),
    evaluate(store, 'http_req_duration{name:missing}', 'p(95)<500'),
    evaluate(store, 'http_req_failed', 'rate<0.01'),
    evaluate(store, 'checks', 'rate>0.9'),
    evaluate(store, 'http_req_connecting', 'p(95)<100', { allowNoData: true }),
  ];
  return {
    format: 'fpt-run-summary/1',
    preset: { name: 'checkout-api', description: 'Checkout API smoke', files: ['presets/checkout-api.yaml'] },
    region: 'eu-west',
    tags: { env: 'staging', region: 'eu-west' },
    startedAt: '2025-01-01T10:00:00.000Z',
    endedAt: '2025-01-01T10:00:20.000Z',
    durationMs: DURATION_MS,
    outcome: RunOutcome.thresholdsFailed,
    exitCode: 99,
    scenarios: [
      {
        name: 'api',
        executor: 'constant-vus',
        completedIterations: 105,
        interruptedIterations: 0,
        droppedIterations: 0,
        maxVUs: 5,
      },
      {
        name: 'browse',
        executor: 'constant-arrival-rate',
        completedIterations: 10,
        interruptedIterations: 1,
        droppedIterations: 3,
        maxVUs: 5,
      },
    ],
    metrics: store.snapshot(),
    thresholds,
    checks: [
      { name: 'status is 200', scenario: 'api', request: 'login', passes: 100, fails: 5 },
      { name: 'body ok', scenario: 'api', request: 'login', passes: 5, fails: 5 },
      { name: 'status is 200', scenario: 'browse', request: 'home', passes: 10, fails: 0 },
    ],
    timeline: [
      {
        tMs: 1000,
        vus: 1,
        requests: 10,
        failedRequests: 0,
        iterations: 10,
        droppedIterations: 0,
        p50Ms: 5,
        p95Ms: 9,
        p99Ms: 10,
      },
      { tMs: 2000, vus: 5, requests: 0, failedRequests: 0, iterations: 0, droppedIterations: 1 },
    ],
    warnings: ['browser capture found no LCP on /checkout'],
    ...overrides,
  };
}
