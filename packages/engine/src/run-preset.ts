import {
  type CounterSink,
  MetricStore,
  type MetricsSnapshot,
  type RateSink,
  RunOutcome,
  type RunSummary,
  type ScenarioOutcome,
  type Tags,
  type ThresholdOutcome,
  type TimelinePoint,
  type TrendSink,
} from '@fpt/metrics';
import type { LoadedPreset, ScenarioSpec } from '@fpt/preset';
import { parseDurationMs, scenarioProfile, totalMaxDurationMs, wholeRun } from '@fpt/preset';
import { ApiScenarioRuntime } from './api/api-scenario-runtime.js';
import { type Clock, monotonicClock, sleepMs } from './clock.js';
import { createScenarioRuntime } from './create-scenario-runtime.js';
import { EngineError } from './engine-error.js';
import { createExecutor } from './executors/create-executor.js';
import type { ScenarioStats } from './executors/scenario-execution.js';
import { ExitCode } from './exit-code.js';
import { HttpSession } from './http/http-session.js';
import { MetricsRecorder } from './metrics-recorder.js';
import { RequestRateLimiter } from './request-rate-limiter.js';
import { RunWarnings } from './run-warnings.js';
import type { ScenarioRuntime } from './scenario-runtime.js';
import { ThresholdSet } from './threshold-set.js';
import { VuCounter } from './vu-counter.js';

export interface RunOptions {
  readonly loaded: LoadedPreset;
  /** Region tag of every sample (FPT_REGION or --region). */
  readonly region?: string;
  /** --tag K=V test-wide tags, added to the preset's. */
  readonly tags?: Tags;
  /** Aborting it stops the run as SIGINT does: in-flight iterations interrupted, summary still built. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RunProgress) => void;
  readonly onWarning?: (message: string) => void;
  /** Each interval's metrics (what was recorded since the previous one), for streaming outputs. */
  readonly onInterval?: (delta: MetricsSnapshot, at: Date) => void;
  readonly clock?: Clock;
  /** For tests: shorter intervals make abortOnFail and the timeline quicker. */
  readonly intervalMs?: number;
  readonly thresholdIntervalMs?: number;
  /** Folder for files a run leaves besides its summary, such as screenshots (default .fpt/artifacts). */
  readonly artifactsDir?: string;
}

/** What the live display shows, once per interval. */
export interface RunProgress {
  readonly elapsedMs: number;
  readonly plannedMs: number;
  readonly vus: number;
  readonly vusMax: number;
  readonly point: TimelinePoint;
  readonly totalRequests: number;
  readonly failedRequests: number;
  readonly completedIterations: number;
  readonly failingThresholds: readonly string[];
  /** Completed iterations so far, per scenario. */
  readonly scenarioIterations: Readonly<Record<string, number>>;
}

/**
 * Runs a loaded preset: setup requests, then every scenario at its startTime with its executor, while
 * a ticker merges per-interval metrics, keeps the timeline, and evaluates thresholds (abortOnFail).
 */
export async function runPreset(options: RunOptions): Promise<RunSummary> {
  const { preset } = options.loaded;
  const clock = options.clock ?? monotonicClock;
  const intervalMs = options.intervalMs ?? 1000;
  const thresholdIntervalMs = options.thresholdIntervalMs ?? 2000;
  const testTags: Tags = {
    ...preset.tags,
    ...options.tags,
    ...(options.region ? { region: options.region } : {}),
  };

  const interval = new MetricStore();
  const cumulative = new MetricStore();
  const recorder = new MetricsRecorder(interval, testTags);
  const warnings = new RunWarnings(options.onWarning);
  const thresholds = new ThresholdSet(preset.thresholds);
  const vus = new VuCounter();
  const stop = new AbortController();
  let abortReason: string | undefined;
  let outcome = RunOutcome.passed as RunOutcome;
  const onExternalStop = () => {
    outcome = RunOutcome.interrupted;
    abortReason = 'stopped by signal';
    stop.abort();
  };
  if (options.signal?.aborted) onExternalStop();
  options.signal?.addEventListener('abort', onExternalStop, { once: true });

  const startedAt = new Date();
  const startMs = clock.nowMs();
  const profiles = Object.entries(preset.scenarios).map(([name, spec]) => scenarioProfile(name, spec));
  const plannedMs = totalMaxDurationMs(profiles);
  const timeline: TimelinePoint[] = [];
  let totals = { requests: 0, failed: 0, iterations: 0 };
  let lastThresholds: ThresholdOutcome[] = [];
  const scenarioIterations: Record<string, number> = Object.fromEntries(
    Object.keys(preset.scenarios).map((name) => [name, 0]),
  );
  let lastThresholdEvalMs = 0;

  const tick = () => {
    const nowMs = clock.nowMs();
    const elapsedMs = nowMs - startMs;
    // After the last VU is gone the gauges keep their last running value, as k6's summary shows them.
    if (vus.allocated > 0) recorder.setVus(vus.active, vus.allocated, nowMs);
    const delta = interval.drainSnapshot();
    cumulative.mergeSnapshot(delta);
    options.onInterval?.(delta, new Date(startedAt.getTime() + elapsedMs));
    const deltaStore = MetricStore.fromSnapshot(delta);
    const point = timelinePoint(deltaStore, elapsedMs, vus.active);
    for (const { tagSet, sink } of deltaStore.series('iterations')) {
      const scenario = tagSet.tags.scenario;
      if (scenario !== undefined && scenario in scenarioIterations) {
        scenarioIterations[scenario] = (scenarioIterations[scenario] ?? 0) + (sink as CounterSink).count;
      }
    }
    timeline.push(point);
    totals = {
      requests: totals.requests + point.requests,
      failed: totals.failed + point.failedRequests,
      iterations: totals.iterations + point.iterations,
    };
    if (elapsedMs - lastThresholdEvalMs >= thresholdIntervalMs && thresholds.size > 0) {
      lastThresholdEvalMs = elapsedMs;
      lastThresholds = thresholds.evaluate(cumulative, elapsedMs);
      const aborting = thresholds.abortingFailures(lastThresholds, elapsedMs);
      if (aborting.length > 0 && !stop.signal.aborted) {
        outcome = RunOutcome.abortedByThreshold;
        abortReason = `thresholds on metrics '${[...new Set(aborting.map((t) => t.metric))].join(', ')}' were crossed; abortOnFail stopped the run`;
        stop.abort();
      }
    }
    options.onProgress?.({
      elapsedMs,
      plannedMs,
      vus: vus.active,
      vusMax: vus.allocated,
      point,
      totalRequests: totals.requests,
      failedRequests: totals.failed,
      completedIterations: totals.iterations,
      failingThresholds: lastThresholds
        .filter((t) => !t.ok && !t.noData)
        .map((t) => `${t.metric} ${t.expression}`),
      scenarioIterations: { ...scenarioIterations },
    });
  };
  const ticker = setInterval(tick, intervalMs);

  const rateLimiter = preset.safety.maxRequestRate
    ? new RequestRateLimiter(preset.safety.maxRequestRate)
    : undefined;
  const scenarioStats = new Map<string, ScenarioStats>();
  try {
    const sharedVariables = await runSetup(options, recorder, warnings, stop.signal);
    let requestKeyBase = 0;
    const runs = Object.entries(preset.scenarios).map(async ([name, spec]) => {
      const runtime = createScenarioRuntime({
        name,
        spec,
        loaded: options.loaded,
        sharedVariables,
        recorder,
        warnings,
        requestKeyBase,
        ...(rateLimiter ? { rateLimiter } : {}),
        artifactsDir: options.artifactsDir ?? '.fpt/artifacts',
      });
      requestKeyBase += (spec.requests?.length ?? 0) + 1;
      const startTimeMs = parseDurationMs(spec.startTime);
      await sleepMs(startMs + startTimeMs - clock.nowMs(), stop.signal);
      if (stop.signal.aborted) {
        scenarioStats.set(name, { completed: 0, interrupted: 0, dropped: 0, maxVUs: 0 });
        return;
      }
      const stats = await createExecutor(spec).run({
        scenario: name,
        runtime,
        clock,
        recorder,
        vus,
        runStop: stop.signal,
        startMs: startMs + startTimeMs,
        segment: wholeRun,
      });
      await runtime.close?.();
      scenarioStats.set(name, stats);
    });
    await Promise.all(runs);
  } finally {
    clearInterval(ticker);
    options.signal?.removeEventListener('abort', onExternalStop);
  }
  tick();

  const endMs = clock.nowMs();
  const durationMs = endMs - startMs;
  const finalThresholds = thresholds.evaluate(cumulative, durationMs);
  if (outcome === RunOutcome.passed && finalThresholds.some((t) => !t.ok))
    outcome = RunOutcome.thresholdsFailed;
  const exitCode =
    outcome === RunOutcome.interrupted
      ? ExitCode.externalAbort
      : outcome === RunOutcome.passed
        ? ExitCode.ok
        : ExitCode.thresholdsFailed;

  return {
    format: 'fpt-run-summary/1',
    preset: {
      name: preset.name,
      ...(preset.description ? { description: preset.description } : {}),
      files: [...options.loaded.files],
    },
    ...(options.region ? { region: options.region } : {}),
    tags: testTags,
    startedAt: startedAt.toISOString(),
    endedAt: new Date(startedAt.getTime() + durationMs).toISOString(),
    durationMs,
    outcome,
    exitCode,
    ...(abortReason ? { abortReason } : {}),
    scenarios: Object.entries(preset.scenarios).map(([name, spec]): ScenarioOutcome => {
      const stats = scenarioStats.get(name) ?? { completed: 0, interrupted: 0, dropped: 0, maxVUs: 0 };
      return {
        name,
        executor: spec.executor,
        completedIterations: stats.completed,
        interruptedIterations: stats.interrupted,
        droppedIterations: stats.dropped,
        maxVUs: stats.maxVUs,
      };
    }),
    metrics: cumulative.snapshot(),
    thresholds: finalThresholds,
    checks: checkOutcomes(cumulative),
    timeline,
    warnings: [...warnings.messages],
  };
}

/** Runs the setup requests once, in order; their captures become variables every VU can read. */
async function runSetup(
  options: RunOptions,
  recorder: MetricsRecorder,
  warnings: RunWarnings,
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const { preset, data } = options.loaded;
  const variables = new Map<string, string>(
    Object.entries(preset.variables ?? {}).map(([key, value]) => [key, String(value)]),
  );
  if (!preset.setup || preset.setup.length === 0) return variables;
  const runtime = new ApiScenarioRuntime({
    name: 'setup',
    spec: { executor: 'shared-iterations', selection: 'sequence', requests: preset.setup } as ScenarioSpec,
    preset,
    data,
    sharedVariables: variables,
    recorder,
    warnings,
    requestKeyBase: 1_000_000,
  });
  const session = new HttpSession({ insecureSkipTLSVerify: preset.target.insecureSkipTLSVerify });
  try {
    const iterationVariables = runtime.variablesFor(0, 0);
    await runtime.runRequests(session, iterationVariables, signal, undefined);
    for (const request of preset.setup) {
      for (const capture of request.captures ?? []) {
        const value = iterationVariables.get(capture.name);
        if (value !== undefined) variables.set(capture.name, value);
      }
    }
  } finally {
    await session.close();
  }
  return variables;
}

function timelinePoint(store: MetricStore, elapsedMs: number, activeVus: number): TimelinePoint {
  const requests = (store.aggregate('http_reqs') as CounterSink | undefined)?.count ?? 0;
  const failed = (store.aggregate('http_req_failed') as RateSink | undefined)?.passes ?? 0;
  const iterations = (store.aggregate('iterations') as CounterSink | undefined)?.count ?? 0;
  const dropped = (store.aggregate('dropped_iterations') as CounterSink | undefined)?.count ?? 0;
  const duration = store.aggregate('http_req_duration') as TrendSink | undefined;
  return {
    tMs: Math.round(elapsedMs),
    vus: activeVus,
    requests,
    failedRequests: failed,
    iterations,
    droppedIterations: dropped,
    ...(duration && !duration.empty
      ? { p50Ms: duration.percentile(50), p95Ms: duration.percentile(95), p99Ms: duration.percentile(99) }
      : {}),
  };
}

function checkOutcomes(store: MetricStore): RunSummary['checks'] {
  const outcomes: RunSummary['checks'][number][] = [];
  for (const { tagSet, sink } of store.series('checks')) {
    const rate = sink as RateSink;
    const tags = tagSet.tags;
    const existing = outcomes.find(
      (o) => o.name === tags.check && o.scenario === tags.scenario && o.request === tags.name,
    );
    if (existing) {
      outcomes[outcomes.indexOf(existing)] = {
        ...existing,
        passes: existing.passes + rate.passes,
        fails: existing.fails + rate.fails,
      };
    } else {
      outcomes.push({
        name: tags.check ?? '',
        scenario: tags.scenario ?? '',
        request: tags.name ?? '',
        passes: rate.passes,
        fails: rate.fails,
      });
    }
  }
  return outcomes;
}
