import { MetricStore, type MetricType, RunOutcome, type RunSummary, type Tags } from '@fpt/metrics';
import { buildSummaryData, type SummaryData } from '@fpt/report';

/** Requests of one name: every duration recorded as one response, the first `failed` of them failed. */
export interface RecordedRequests {
  readonly name: string;
  readonly scenario?: string;
  readonly region?: string;
  readonly durationsMs: readonly number[];
  readonly failed?: number;
}

export interface FixtureOptions {
  readonly preset?: string;
  /** Default: a fixed identity shared by every fixture, so runs compare without a warning. */
  readonly identity?: string | null;
  readonly tolerances?: RunSummary['preset']['baseline'] | null;
  readonly region?: string;
  readonly outcome?: RunSummary['outcome'];
  readonly runId?: string;
  /** Web Vitals samples of browser pages, recorded as the engine records them. */
  readonly vitals?: readonly RecordedVital[];
  /** Custom metrics, declared and recorded as a preset's `metrics:` and `record:` make the engine do. */
  readonly customMetrics?: readonly RecordedMetric[];
}

/** One custom metric of a preset (`name: { type, isTime }`) and the values requests recorded into it. */
export interface RecordedMetric {
  readonly name: string;
  readonly type: MetricType;
  readonly isTime?: boolean;
  /** Numbers; for a rate, non-zero counts as true. */
  readonly values: readonly number[];
}

/** Samples of one Web Vital of one page (ms, or the CLS score). */
export interface RecordedVital {
  readonly page: string;
  readonly vital: 'lcp' | 'fcp' | 'ttfb' | 'inp' | 'cls';
  readonly values: readonly number[];
}

export const IDENTITY = 'a'.repeat(64);
export const DURATION_MS = 10_000;

/** `n` responses all taking `ms`: their p95 is `ms` (within the HDR histogram's 0.1 %). */
export const times = (n: number, ms: number): number[] => Array.from({ length: n }, () => ms);

/**
 * A summary JSON as `fpt run --summary-export` writes it, from samples recorded into a real MetricStore
 * and turned into summary data by @fpt/report: the gate reads exactly what it reads in production.
 */
export function summaryOf(requests: readonly RecordedRequests[], options: FixtureOptions = {}): SummaryData {
  const store = new MetricStore();
  for (const request of requests) {
    const tags: Tags = {
      name: request.name,
      scenario: request.scenario ?? 'api',
      method: 'GET',
      ...(request.region ? { region: request.region } : {}),
    };
    request.durationsMs.forEach((ms, i) => {
      const failed = i < (request.failed ?? 0);
      const sampleTags = { ...tags, status: failed ? '500' : '200', expected_response: String(!failed) };
      const duration = store.sinkFor('http_req_duration', sampleTags);
      const count = store.sinkFor('http_reqs', sampleTags);
      const failure = store.sinkFor('http_req_failed', sampleTags);
      if (duration.type !== 'trend' || count.type !== 'counter' || failure.type !== 'rate')
        throw new TypeError('unexpected sink types');
      duration.add(ms);
      count.add(1);
      failure.add(failed);
    });
  }
  for (const { page, vital, values } of options.vitals ?? []) {
    const sink = store.sinkFor(`browser_web_vital_${vital}`, { name: page, scenario: 'journey' });
    if (sink.type !== 'trend') throw new TypeError('unexpected sink type');
    for (const value of values) sink.add(value);
  }
  for (const metric of options.customMetrics ?? []) {
    store.define({
      name: metric.name,
      type: metric.type,
      contains: metric.isTime ? 'time' : 'default',
      description: '',
    });
    const sink = store.sinkFor(metric.name, { name: 'place-order', scenario: 'api' });
    for (const value of metric.values) {
      if (sink.type === 'rate') sink.add(value !== 0);
      else if (sink.type === 'gauge') sink.set(value);
      else sink.add(value);
    }
  }
  const outcome = options.outcome ?? RunOutcome.passed;
  const tolerances =
    options.tolerances === undefined
      ? { p95IncreasePct: 10, errorRateIncreasePts: 1, minAbsoluteMs: 5 }
      : options.tolerances;
  const identity = options.identity === undefined ? IDENTITY : options.identity;
  const summary: RunSummary = {
    format: 'fpt-run-summary/1',
    ...(options.runId ? { runId: options.runId } : {}),
    preset: {
      name: options.preset ?? 'checkout',
      files: ['presets/checkout.yaml'],
      ...(identity === null ? {} : { identity }),
      ...(tolerances === null ? {} : { baseline: tolerances }),
    },
    ...(options.region ? { region: options.region } : {}),
    tags: options.region ? { region: options.region } : {},
    startedAt: '2025-01-01T10:00:00.000Z',
    endedAt: '2025-01-01T10:00:10.000Z',
    durationMs: DURATION_MS,
    outcome,
    exitCode: outcome === RunOutcome.passed ? 0 : outcome === RunOutcome.interrupted ? 105 : 99,
    ...(outcome === RunOutcome.interrupted ? { abortReason: 'SIGINT' } : {}),
    scenarios: [],
    metrics: store.snapshot(),
    thresholds: [],
    checks: [],
    timeline: [{ tMs: 1000, vus: 1, requests: 5, failedRequests: 0, iterations: 5, droppedIterations: 0 }],
    warnings: [],
  };
  return buildSummaryData(summary);
}
