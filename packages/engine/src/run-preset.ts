import { availableParallelism } from 'node:os';
import {
  type CounterSink,
  type EncodedTrendSink,
  ExitCode,
  type GaugeSink,
  MetricStore,
  type MetricsSnapshot,
  type RateSink,
  RunOutcome,
  type RunSummary,
  type SampleBatch,
  SampleBuffer,
  type ScenarioOutcome,
  type Tags,
  type ThresholdOutcome,
  type TimelinePoint,
  type TrendSink,
} from '@fpt/metrics';
import type { LoadedPreset, ScenarioSpec } from '@fpt/preset';
import {
  customMetricDefinitions,
  type ExecutionSegment,
  executionSegments,
  loadExtent,
  presetIdentity,
  type RequestSpec,
  wholeRun,
} from '@fpt/preset';
import { ApiScenarioRuntime } from './api/api-scenario-runtime.js';
import { capacityWarnings } from './capacity/capacity-warnings.js';
import { readSystemLimits, type SystemLimits } from './capacity/system-limits.js';
import { type Clock, monotonicClock } from './clock.js';
import type { ScenarioStats } from './executors/scenario-execution.js';
import { createHttpClientOptions } from './http/create-http-client-options.js';
import type { HttpClientOptions } from './http/http-client-options.js';
import type { ProxyEnvironment } from './http/proxy-settings.js';
import { startIntervalGrid } from './interval-grid.js';
import { MetricsRecorder } from './metrics-recorder.js';
import { RunWarnings } from './run-warnings.js';
import { presetScriptRunner } from './script/preset-script-runner.js';
import { inProcessHost, type SegmentHost, workerThreadHost } from './segment/segment-host.js';
import type { FromSegment, VuCounts } from './segment/segment-protocol.js';
import { TargetGuard } from './target-guard.js';
import { ThresholdSet } from './threshold-set.js';
import { vitalP75, webVitalsP75 } from './web-vitals-p75.js';

export interface RunOptions {
  readonly loaded: LoadedPreset;
  /** The run's id, copied into the summary so evidence and baselines can name the run that made them. */
  readonly runId?: string;
  /** Region tag of every sample (FPT_REGION or --region). */
  readonly region?: string;
  /** --tag K=V test-wide tags, added to the preset's. */
  readonly tags?: Tags;
  /**
   * Worker threads, each running one execution segment (default: one per available core). 1 runs
   * everything in the calling thread.
   */
  readonly workers?: number;
  /** Aborting it stops the run as SIGINT does: in-flight iterations interrupted, summary still built. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RunProgress) => void;
  readonly onWarning?: (message: string) => void;
  /** Each interval's metrics (what was recorded since the previous one), for streaming outputs. */
  readonly onInterval?: (delta: MetricsSnapshot, at: Date) => void;
  /**
   * Every sample, in batches (about one per part per interval), for per-sample outputs such as k6's JSON
   * lines. Setting it makes every part keep its samples, which costs memory and time per request.
   */
  readonly onSamples?: (batch: SampleBatch) => void;
  readonly clock?: Clock;
  /** For tests: shorter intervals make abortOnFail and the timeline quicker. */
  readonly intervalMs?: number;
  readonly thresholdIntervalMs?: number;
  /** Folder for files a run leaves besides its summary, such as screenshots (default .fpt/artifacts). */
  readonly artifactsDir?: string;
  /**
   * Hosts load may go to (see TargetAllowlist): requests, redirects and browser navigations elsewhere are
   * refused and measured as errors. Absent: no restriction (the CLI's own runs).
   */
  readonly targetAllowlist?: readonly string[];
  /**
   * This process's share of a run split across agents (the fleet): it runs only the units it owns, and its
   * worker threads split that share further. Default: the whole run.
   */
  readonly segment?: ExecutionSegment;
  /** HTTP_PROXY, HTTPS_PROXY and NO_PROXY (read by the caller: the engine reads no environment). */
  readonly proxyEnvironment?: ProxyEnvironment;
  /** The machine's limits the capacity check compares the run with (default: read from /proc). */
  readonly systemLimits?: SystemLimits;
  /**
   * k6's __ENV for scripts: the CLI passes its environment and -e values, an agent only what
   * FPT_PRESET_ENV allows (the engine reads no environment itself).
   */
  readonly scriptEnv?: Readonly<Record<string, string>>;
}

/** What the live display shows, once per interval. */
export interface RunProgress {
  readonly elapsedMs: number;
  /** The planned length, graceful stops left out (a 15 s run says 15 s). */
  readonly plannedMs: number;
  /** The longest the run may take: the planned length plus graceful stops. */
  readonly maxDurationMs: number;
  readonly vus: number;
  readonly vusMax: number;
  readonly point: TimelinePoint;
  readonly totalRequests: number;
  readonly failedRequests: number;
  readonly completedIterations: number;
  readonly failingThresholds: readonly string[];
  /** Completed iterations so far, per scenario. */
  readonly scenarioIterations: Readonly<Record<string, number>>;
  /** Browser runs: the p75 of every LCP measured so far (what a browser check is judged on); absent before one. */
  readonly lcpP75Ms?: number;
}

const workerStartLeadMs = 20;
/** Six hours of per-second latency histograms (a few MB); a longer run's later points merge without percentiles. */
const maxTimelineLatencyPoints = 6 * 3600;
const noVus: VuCounts = { active: 0, allocated: 0, peakActive: 0, peakAllocated: 0, intervalPeakActive: 0 };

/**
 * Runs a loaded preset: setup requests once, then the scenarios split into execution segments, one per
 * worker thread. The main thread merges the workers' per-interval snapshots into one view — the timeline,
 * the live display, thresholds (abortOnFail) and outputs all read that merged view.
 */
export async function runPreset(options: RunOptions): Promise<RunSummary> {
  const { preset } = options.loaded;
  const clock = options.clock ?? monotonicClock;
  const intervalMs = options.intervalMs ?? 1000;
  const thresholdIntervalMs = options.thresholdIntervalMs ?? 2000;
  const workerCount = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const testTags: Tags = {
    ...preset.tags,
    ...options.tags,
    ...(options.region ? { region: options.region } : {}),
  };

  const cumulative = new MetricStore();
  /** What arrived since the last tick, from every part: one timeline point and one output interval. */
  const mainSamples = options.onSamples ? new SampleBuffer() : undefined;
  const pending = new MetricStore(undefined, mainSamples ? { tap: mainSamples } : {});
  const emitSamples = (batch: SampleBatch) => {
    if (batch.rows.length > 0) options.onSamples?.(batch);
  };
  // Declared up front, so that a custom metric nothing recorded into is still known (its thresholds say "no data").
  for (const definition of Object.values(customMetricDefinitions(preset))) {
    cumulative.define(definition);
    pending.define(definition);
  }
  const mainRecorder = new MetricsRecorder(pending, testTags);
  const warnings = new RunWarnings(options.onWarning);
  const thresholds = new ThresholdSet(
    preset.thresholds,
    options.region ? [options.region] : undefined,
    preset.scenarios,
  );
  const stop = new AbortController();
  let abortReason: string | undefined;
  let outcome = RunOutcome.passed as RunOutcome;
  /** The exit code a script's stop asks for: 108 for exec.test.abort(), 107 for init code that threw (k6's). */
  let scriptStopExitCode: number | undefined;
  const onExternalStop = () => {
    outcome = RunOutcome.interrupted;
    abortReason = 'stopped by signal';
    stop.abort();
  };
  const abortByScript = (reason: string, exception = false) => {
    if (stop.signal.aborted) return;
    outcome = RunOutcome.interrupted;
    scriptStopExitCode = exception ? ExitCode.scriptException : ExitCode.scriptAborted;
    abortReason = reason;
    stop.abort();
  };
  if (options.signal?.aborted) onExternalStop();
  options.signal?.addEventListener('abort', onExternalStop, { once: true });

  const startedAt = new Date();
  const startMs = clock.nowMs();
  const extent = loadExtent(preset.scenarios);
  const plannedMs = extent.plannedDurationMs;
  const timeline: TimelinePoint[] = [];
  const segmentVus: VuCounts[] = Array.from({ length: workerCount }, () => noVus);
  const scenarioIterations: Record<string, number> = Object.fromEntries(
    Object.keys(preset.scenarios).map((name) => [name, 0]),
  );
  let totals = { requests: 0, failed: 0, iterations: 0 };
  let lastThresholds: ThresholdOutcome[] = [];
  let lastThresholdEvalMs = 0;

  const sumVus = (pick: (counts: VuCounts) => number) =>
    segmentVus.reduce((sum, counts) => sum + pick(counts), 0);
  const onSegmentMessage = (index: number) => (message: FromSegment) => {
    if (message.type === 'snapshot') {
      pending.mergeSnapshot(message.delta);
      if (message.samples) emitSamples(message.samples);
      // A finished part keeps its running counts in the sum until the run ends, so that the VU gauges do
      // not dip while the other parts wind down; peaks still count for runs shorter than one interval.
      segmentVus[index] = message.final
        ? {
            ...segmentVus[index]!,
            peakActive: message.vus.peakActive,
            peakAllocated: message.vus.peakAllocated,
            intervalPeakActive: message.vus.intervalPeakActive,
          }
        : message.vus;
    } else if (message.type === 'warning') {
      warnings.once(message.message, () => message.message);
    } else if (message.type === 'abort') {
      abortByScript(message.reason, message.exception);
    }
  };

  /** Each timeline point's latency histogram, for parts merged later (RunSummary.timelineLatency). */
  const timelineLatency: (EncodedTrendSink | null)[] = [];
  /** When the scenarios start (after setup and worker start-up); the timeline counts from here. */
  let runStartMs = startMs;
  const tick = (running = true) => {
    const nowMs = clock.nowMs();
    const elapsedMs = nowMs - runStartMs;
    // Gauges are set here from the parts' summed counts: a gauge merged from several parts would keep only one.
    if (running && sumVus((c) => c.allocated) > 0) {
      mainRecorder.setVus(
        sumVus((c) => c.active),
        sumVus((c) => c.allocated),
        nowMs,
      );
    }
    // The interval's point is read from the pending store itself, before it is drained, rather than by
    // decoding the snapshot it is about to become.
    // The interval's latency histogram, merged once: its percentiles for the point, its encoding for parts.
    const duration = pending.aggregate('http_req_duration') as TrendSink | undefined;
    // A point's VUs are the most that ran at once in its interval (each part's peak, added), so a short
    // run or a merge of parts never misses a peak that fell between two ticks.
    const point = timelinePoint(
      pending,
      duration,
      elapsedMs,
      sumVus((c) => c.intervalPeakActive),
    );
    timeline.push(point);
    if (timelineLatency.length < maxTimelineLatencyPoints)
      timelineLatency.push(duration && !duration.empty ? duration.encode() : null);
    for (const { tagSet, sink } of pending.series('iterations')) {
      const scenario = tagSet.tags.scenario;
      if (scenario !== undefined && scenario in scenarioIterations) {
        scenarioIterations[scenario] = (scenarioIterations[scenario] ?? 0) + (sink as CounterSink).count;
      }
    }
    const delta = pending.drainSnapshot();
    cumulative.mergeSnapshot(delta);
    if (mainSamples) emitSamples(mainSamples.drain());
    options.onInterval?.(delta, new Date(startedAt.getTime() + elapsedMs));
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
      maxDurationMs: extent.maxDurationMs,
      vus: sumVus((c) => c.active),
      vusMax: sumVus((c) => c.allocated),
      point,
      totalRequests: totals.requests,
      failedRequests: totals.failed,
      ...lcpSoFar(cumulative),
      completedIterations: totals.iterations,
      failingThresholds: lastThresholds
        .filter((t) => !t.ok && !t.noData)
        .map((t) => `${t.metric} ${t.expression}`),
      scenarioIterations: { ...scenarioIterations },
    });
  };
  let ticker: { stop(): void } | undefined;

  const results: { scenarios: Readonly<Record<string, ScenarioStats>> }[] = [];
  let sharedVariables = new Map<string, string>();
  let setupData: string | undefined;
  try {
    // Built here first so that a setting that cannot work (a bad PEM, a proxy URL) stops the run before any load.
    const guard = options.targetAllowlist ? new TargetGuard(options.targetAllowlist) : undefined;
    const httpClient = createHttpClientOptions(options.loaded, {
      guard,
      proxyEnvironment: options.proxyEnvironment,
    });
    for (const warning of capacityWarnings(
      preset,
      options.segment ?? wholeRun,
      options.systemLimits ?? readSystemLimits(),
    ))
      warnings.once(warning, () => warning);
    sharedVariables = await runSetup(options, mainRecorder, warnings, stop.signal, httpClient, guard);
    const scriptOnce = presetScriptRunner(options, {
      recorder: mainRecorder,
      warnings,
      httpClient,
      guard,
      abortRun: abortByScript,
    });
    setupData = await scriptOnce?.setup(stop.signal);
    const createHost = workerCount === 1 ? inProcessHost : workerThreadHost;
    const segments = workerSegments(options.segment ?? wholeRun, workerCount);
    // Messages are counted by the worker's position here: a segment's index is its place in the whole run,
    // which for a run split across agents is not its place among this process's workers.
    const hosts: SegmentHost[] = segments.map((_segment, position) => createHost(onSegmentMessage(position)));
    await Promise.all(hosts.map((host) => host.ready));
    // Every part starts its scenarios at one common moment, a little ahead so the last message arrives in time.
    runStartMs = clock.nowMs() + (workerCount === 1 ? 0 : workerStartLeadMs);
    ticker = startIntervalGrid(clock, runStartMs, intervalMs, Math.min(50, intervalMs / 5), () => tick());
    for (const [index, segment] of segments.entries()) {
      hosts[index]!.start({
        loaded: options.loaded,
        segment,
        runStartMs,
        sharedVariables: [...sharedVariables],
        testTags,
        intervalMs,
        artifactsDir: options.artifactsDir ?? '.fpt/artifacts',
        ...(options.targetAllowlist ? { targetAllowlist: options.targetAllowlist } : {}),
        ...(options.proxyEnvironment ? { proxyEnvironment: options.proxyEnvironment } : {}),
        ...(options.onSamples ? { recordSamples: true } : {}),
        ...(options.scriptEnv ? { scriptEnv: options.scriptEnv } : {}),
        ...(setupData === undefined ? {} : { setupData }),
      });
    }
    const stopAll = () => {
      for (const host of hosts) host.stop();
    };
    if (stop.signal.aborted) stopAll();
    else stop.signal.addEventListener('abort', stopAll, { once: true });
    const settled = await Promise.allSettled(hosts.map((host) => host.done));
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure) throw failure.reason;
    for (const s of settled) if (s.status === 'fulfilled') results.push(s.value);
    await runTeardown(options, mainRecorder, warnings, httpClient, guard, sharedVariables);
    await scriptOnce?.teardown(setupData);
  } finally {
    ticker?.stop();
    options.signal?.removeEventListener('abort', onExternalStop);
  }
  // A run shorter than one interval still reports its VUs, from the parts' peaks.
  if ((cumulative.aggregate('vus_max') as GaugeSink | undefined)?.empty !== false) {
    mainRecorder.setVus(
      sumVus((c) => c.peakActive),
      sumVus((c) => c.peakAllocated),
      clock.nowMs(),
    );
  } else {
    // VUs a scenario made after the last interval (a late, short scenario) still count in vus_max.
    mainRecorder.setFinalVusMax(
      sumVus((c) => c.peakAllocated),
      clock.nowMs(),
    );
  }
  tick(false);

  const scenarios = Object.entries(preset.scenarios).map(([name, spec]) =>
    scenarioOutcome(name, spec, results),
  );
  for (const warning of droppedWarnings(scenarios)) warnings.once(warning, () => warning);

  const durationMs = clock.nowMs() - startMs;
  const finalThresholds = thresholds.evaluate(cumulative, durationMs);
  if (outcome === RunOutcome.passed && finalThresholds.some((t) => !t.ok))
    outcome = RunOutcome.thresholdsFailed;
  const exitCode =
    outcome === RunOutcome.interrupted
      ? (scriptStopExitCode ?? ExitCode.externalAbort)
      : outcome === RunOutcome.passed
        ? ExitCode.ok
        : ExitCode.thresholdsFailed;

  return {
    format: 'fpt-run-summary/1',
    ...(options.runId ? { runId: options.runId } : {}),
    preset: {
      name: preset.name,
      ...(preset.description ? { description: preset.description } : {}),
      files: [...options.loaded.files],
      identity: presetIdentity(preset, options.loaded.scripts),
      baseline: { ...preset.baseline },
    },
    ...(options.region ? { region: options.region } : {}),
    tags: testTags,
    startedAt: startedAt.toISOString(),
    endedAt: new Date(startedAt.getTime() + durationMs).toISOString(),
    durationMs,
    outcome,
    exitCode,
    ...(abortReason ? { abortReason } : {}),
    scenarios,
    metrics: cumulative.snapshot(),
    thresholds: finalThresholds,
    checks: checkOutcomes(cumulative),
    timeline,
    timelineLatency,
    warnings: [...warnings.messages],
  };
}

function scenarioOutcome(
  name: string,
  spec: ScenarioSpec,
  results: readonly { scenarios: Readonly<Record<string, ScenarioStats>> }[],
): ScenarioOutcome {
  const parts = results.map((r) => r.scenarios[name]).filter((s): s is ScenarioStats => s !== undefined);
  const sum = (pick: (s: ScenarioStats) => number) => parts.reduce((total, s) => total + pick(s), 0);
  return {
    name,
    executor: spec.executor,
    completedIterations: sum((s) => s.completed),
    interruptedIterations: sum((s) => s.interrupted),
    droppedIterations: sum((s) => s.dropped),
    maxVUs: sum((s) => s.maxVUs),
  };
}

/**
 * An open-model run that dropped most of its iterations measured its own lack of VUs more than the target:
 * it may pass its thresholds, so it says so.
 */
function droppedWarnings(scenarios: readonly ScenarioOutcome[]): string[] {
  return scenarios
    .filter((s) => s.droppedIterations >= 10 && s.droppedIterations > s.completedIterations)
    .map((s) => {
      const planned = s.droppedIterations + s.completedIterations + s.interruptedIterations;
      const share = ((s.droppedIterations / planned) * 100).toFixed(1);
      return `scenario ${s.name} dropped ${s.droppedIterations} of ${planned} iterations (${share}%): no VU was free to start them (at most ${s.maxVUs} ran). The rate is beyond what the VUs carry at these response times: raise maxVUs, or lower the rate; a threshold such as dropped_iterations: ["count<1"] makes this fail the run`;
    });
}

/** Runs the setup requests once, in order; their captures become variables every VU can read. */
async function runSetup(
  options: RunOptions,
  recorder: MetricsRecorder,
  warnings: RunWarnings,
  signal: AbortSignal,
  httpClient: HttpClientOptions,
  guard: TargetGuard | undefined,
): Promise<Map<string, string>> {
  const { preset } = options.loaded;
  const variables = new Map<string, string>(
    Object.entries(preset.variables ?? {}).map(([key, value]) => [key, String(value)]),
  );
  if (!preset.setup || preset.setup.length === 0) return variables;
  const captured = await runOnce('setup', preset.setup, variables, signal, {
    options,
    recorder,
    warnings,
    httpClient,
    guard,
  });
  for (const request of preset.setup) {
    for (const capture of request.captures ?? []) {
      const value = captured.get(capture.name);
      if (value !== undefined) variables.set(capture.name, value);
    }
  }
  return variables;
}

/** How long teardown may take, as k6's default teardownTimeout. */
const teardownTimeoutMs = 60_000;

/**
 * Runs the teardown requests once after every scenario ended, with setup's captures, as k6 runs
 * teardown(data): also after a threshold or a signal stopped the run, so that what setup made is cleaned up.
 */
async function runTeardown(
  options: RunOptions,
  recorder: MetricsRecorder,
  warnings: RunWarnings,
  httpClient: HttpClientOptions,
  guard: TargetGuard | undefined,
  sharedVariables: ReadonlyMap<string, string>,
): Promise<void> {
  const { preset } = options.loaded;
  if (!preset.teardown || preset.teardown.length === 0) return;
  const signal = AbortSignal.timeout(teardownTimeoutMs);
  await runOnce('teardown', preset.teardown, sharedVariables, signal, {
    options,
    recorder,
    warnings,
    httpClient,
    guard,
  });
  if (signal.aborted) {
    warnings.once(
      'teardown-timeout',
      () => `teardown did not finish within ${teardownTimeoutMs / 1000}s and was stopped`,
    );
  }
}

interface OnceContext {
  readonly options: RunOptions;
  readonly recorder: MetricsRecorder;
  readonly warnings: RunWarnings;
  readonly httpClient: HttpClientOptions;
  readonly guard: TargetGuard | undefined;
}

/** Runs a list of requests once, in order, as the pseudo-scenario `name`; returns the variables it ended with. */
async function runOnce(
  name: 'setup' | 'teardown',
  requests: readonly RequestSpec[],
  sharedVariables: ReadonlyMap<string, string>,
  signal: AbortSignal,
  context: OnceContext,
): Promise<Map<string, string>> {
  const { preset, data, assets } = context.options.loaded;
  const runtime = new ApiScenarioRuntime({
    name,
    spec: { executor: 'shared-iterations', selection: 'sequence', requests } as ScenarioSpec,
    preset,
    data,
    assets,
    sharedVariables,
    recorder: context.recorder,
    warnings: context.warnings,
    // Request-key ids apart from the scenarios' and from each other's.
    requestKeyBase: name === 'setup' ? 1_000_000 : 2_000_000,
    httpClient: context.httpClient,
    ...(context.guard ? { targetGuard: context.guard } : {}),
  });
  const vu = runtime.createVu(0);
  try {
    const variables = runtime.variablesFor(0, 0);
    await vu.runRequests(variables, signal, undefined);
    return variables;
  } finally {
    await vu.close();
  }
}

/** The LCP p75 of the run so far, for the live line of a browser run. */
function lcpSoFar(store: MetricStore): { lcpP75Ms?: number } {
  const lcp = vitalP75(store, 'lcp');
  return lcp === undefined ? {} : { lcpP75Ms: lcp };
}

function timelinePoint(
  store: MetricStore,
  duration: TrendSink | undefined,
  elapsedMs: number,
  activeVus: number,
): TimelinePoint {
  const requests = (store.aggregate('http_reqs') as CounterSink | undefined)?.count ?? 0;
  const failed = (store.aggregate('http_req_failed') as RateSink | undefined)?.passes ?? 0;
  const iterations = (store.aggregate('iterations') as CounterSink | undefined)?.count ?? 0;
  const dropped = (store.aggregate('dropped_iterations') as CounterSink | undefined)?.count ?? 0;
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
    // The vitals the pages reported in this interval, so both surfaces can draw them over time.
    ...webVitalsP75(store),
  };
}

function checkOutcomes(store: MetricStore): RunSummary['checks'] {
  const outcomes: RunSummary['checks'][number][] = [];
  for (const { tagSet, sink } of store.series('checks')) {
    const rate = sink as RateSink;
    const tags = tagSet.tags;
    const index = outcomes.findIndex(
      (o) =>
        o.name === tags.check &&
        o.scenario === tags.scenario &&
        o.request === tags.name &&
        o.group === tags.group,
    );
    const existing = outcomes[index];
    if (existing) {
      outcomes[index] = {
        ...existing,
        passes: existing.passes + rate.passes,
        fails: existing.fails + rate.fails,
      };
    } else {
      outcomes.push({
        name: tags.check ?? '',
        scenario: tags.scenario ?? '',
        request: tags.name ?? '',
        ...(tags.group === undefined ? {} : { group: tags.group }),
        passes: rate.passes,
        fails: rate.fails,
      });
    }
  }
  return outcomes;
}

/**
 * The worker threads' parts of this process's segment. Worker w of segment (a of A) owns unit j when
 * j mod A = a and floor(j / A) mod W = w, which is the segment (a + A·w of A·W): the parts of every process
 * together are one partition of the run, so they add up to the whole as any single split does.
 */
export function workerSegments(segment: ExecutionSegment, workerCount: number): ExecutionSegment[] {
  return executionSegments(workerCount).map((worker) => ({
    index: segment.index + segment.count * worker.index,
    count: segment.count * workerCount,
  }));
}
