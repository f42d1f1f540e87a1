import { MetricStore, type RunSummary, type TimelinePoint } from '@fpt/metrics';
import { counter, evaluate, gauge, rate, recordRun, runSummary, trend } from './run-summary-fixture.js';

export const SCRIPT_NAME = '<script>window.__pwned=1</script>';
export const ATTRIBUTE_NAME = '"><img src=x onerror="window.__pwned=2">';

/**
 * The run-summary fixture plus what the HTML report draws: a request named like an attack, Web Vitals
 * with ratings, and a timeline of `points` seconds with one latency spike at `spikeAt`.
 */
export function richRunSummary(points = 300, spikeAt = 137): RunSummary {
  const store = recordRun();
  const hostile = {
    name: SCRIPT_NAME,
    method: 'GET',
    status: '200',
    scenario: 'browse',
    expected_response: 'true',
  };
  const quoted = {
    name: ATTRIBUTE_NAME,
    method: 'GET',
    status: '503',
    scenario: 'browse',
    expected_response: 'false',
  };
  for (let i = 0; i < 7; i++) {
    counter(store, 'http_reqs', hostile).add(1);
    rate(store, 'http_req_failed', hostile).add(false);
    trend(store, 'http_req_duration', hostile).add(30 + i);
  }
  counter(store, 'http_reqs', quoted).add(2);
  rate(store, 'http_req_failed', quoted).addCounts(2, 0);
  trend(store, 'http_req_duration', quoted).add(3);
  for (const [page, values] of [
    ['home', [900, 1100, 1300, 2600, 4200]],
    ['checkout', [2100, 2900, 3300]],
  ] as const) {
    for (const v of values) {
      const rating = v <= 2500 ? 'good' : v > 4000 ? 'poor' : 'needs-improvement';
      trend(store, 'browser_web_vital_lcp', { name: page, rating }).add(v);
    }
  }
  trend(store, 'browser_web_vital_cls', { name: 'home', rating: 'good' }).add(0.03);
  return runSummary(store, {
    timeline: syntheticTimeline(points, spikeAt),
    checks: [
      ...runSummary(new MetricStore()).checks,
      { name: 'status is 200', scenario: 'browse', request: SCRIPT_NAME, passes: 7, fails: 0 },
    ],
  });
}

/** A plausible per-second timeline: VUs ramp up and down, latency wobbles, one spike, a few failures. */
export function syntheticTimeline(points: number, spikeAt: number): TimelinePoint[] {
  return Array.from({ length: points }, (_, i): TimelinePoint => {
    const ramp = Math.min(1, (i + 1) / (points * 0.2), (points - i) / (points * 0.15));
    const vus = Math.max(1, Math.round(20 * ramp));
    const requests = Math.round(vus * 9 + 4 * Math.sin(i / 7));
    const p50 = 40 + 8 * Math.sin(i / 11);
    const spike = i === spikeAt ? 1800 : 0;
    return {
      tMs: (i + 1) * 1000,
      vus,
      requests,
      failedRequests: i % 37 === 0 ? 3 : i % 11 === 0 ? 1 : 0,
      iterations: requests,
      droppedIterations: i > points * 0.5 && i < points * 0.55 ? 2 : 0,
      p50Ms: p50,
      p95Ms: p50 * 2.2 + spike,
      p99Ms: p50 * 3.5 + spike * 1.4,
    };
  });
}

/** A run that recorded nothing at all, with a threshold that therefore has no data. */
export function emptyRunSummary(overrides: Partial<RunSummary> = {}): RunSummary {
  const store = new MetricStore();
  return runSummary(store, {
    durationMs: 0,
    endedAt: '2025-01-01T10:00:00.000Z',
    scenarios: [],
    checks: [],
    timeline: [],
    warnings: [],
    thresholds: [
      {
        metric: 'http_req_duration',
        expression: 'p(95)<500',
        ok: false,
        noData: true,
        abortOnFail: false,
        allowNoData: false,
      },
    ],
    ...overrides,
  });
}

/**
 * The run-summary fixture with what a preset's logic adds: groups (checkout with pay inside it, browse, and
 * `quiet`, a group without checks) with their durations and checks, and one custom metric of each type, two
 * of them with thresholds (one crossed) and a sub-metric.
 */
export function groupedRunSummary(): RunSummary {
  const store = recordRun();
  const groupDurations: [group: string, scenario: string, ms: number[]][] = [
    ['::checkout', 'api', [100, 120, 140]],
    ['::checkout::pay', 'api', [60, 70, 80]],
    ['::browse', 'browse', [30]],
    ['::quiet', 'browse', [5]],
  ];
  for (const [group, scenario, values] of groupDurations)
    for (const ms of values) trend(store, 'group_duration', { group, scenario }).add(ms);

  store.define({ name: 'checkout_time', type: 'trend', contains: 'time', description: 'Time to pay' });
  store.define({ name: 'orders_placed', type: 'counter', contains: 'default', description: '' });
  store.define({ name: 'cart_hit', type: 'rate', contains: 'default', description: '' });
  store.define({ name: 'queue_depth', type: 'gauge', contains: 'default', description: '' });
  for (const [request, ms] of [
    ['pay', 250],
    ['pay', 350],
    ['refund', 1500],
  ] as const)
    trend(store, 'checkout_time', { name: request, scenario: 'api' }).add(ms);
  counter(store, 'orders_placed', { name: 'pay', scenario: 'api' }).add(40);
  rate(store, 'cart_hit', { name: 'pay', scenario: 'api' }).addCounts(3, 1);
  const depth = gauge(store, 'queue_depth', {});
  depth.set(7, 0);
  depth.set(2, 1000);
  depth.set(4, 2000);

  const base = runSummary(store);
  return {
    ...base,
    thresholds: [
      ...base.thresholds,
      evaluate(store, 'checkout_time', 'p(95)<1000'),
      evaluate(store, 'checkout_time{name:pay}', 'max<400'),
      evaluate(store, 'orders_placed', 'count>=40'),
    ],
    checks: [
      { name: 'status is 200', scenario: 'api', request: 'login', passes: 100, fails: 5 },
      { name: 'status is 200', scenario: 'api', request: 'cart', group: '::checkout', passes: 3, fails: 0 },
      { name: 'paid', scenario: 'api', request: 'pay', group: '::checkout::pay', passes: 2, fails: 1 },
      { name: 'status is 200', scenario: 'browse', request: 'home', group: '::browse', passes: 10, fails: 0 },
    ],
  };
}
