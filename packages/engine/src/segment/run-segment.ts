import { MetricStore, SampleBuffer } from '@fpt/metrics';
import { customMetricDefinitions, parseDurationMs } from '@fpt/preset';
import { type Clock, sleepMs } from '../clock.js';
import { createScenarioRuntime } from '../create-scenario-runtime.js';
import { createExecutor, executorCanDrop } from '../executors/create-executor.js';
import type { ScenarioStats } from '../executors/scenario-execution.js';
import { createHttpClientOptions } from '../http/create-http-client-options.js';
import { startIntervalGrid } from '../interval-grid.js';
import { MetricsRecorder } from '../metrics-recorder.js';
import { RequestRateLimiter } from '../request-rate-limiter.js';
import { RunWarnings } from '../run-warnings.js';
import { TargetGuard } from '../target-guard.js';
import { VuCounter } from '../vu-counter.js';
import type { FromSegment, SegmentInput, SegmentResult } from './segment-protocol.js';

/**
 * Runs this part of every scenario (its execution segment) in the current thread: the same code serves
 * a worker thread and an in-process run. Metrics go out as one snapshot per interval, drained from the
 * part's own store, so nothing here grows with the length of the run.
 */
export async function runSegment(
  input: SegmentInput,
  clock: Clock,
  runStop: AbortSignal,
  emit: (message: FromSegment) => void,
): Promise<SegmentResult> {
  // exec.test.abort() stops this part at once, without waiting for the main thread's stop to come back.
  const scriptAbort = new AbortController();
  const stopSignal = AbortSignal.any([runStop, scriptAbort.signal]);
  const { preset } = input.loaded;
  const samples = input.recordSamples ? new SampleBuffer() : undefined;
  const store = new MetricStore(undefined, samples ? { tap: samples } : {});
  for (const definition of Object.values(customMetricDefinitions(preset))) store.define(definition);
  const recorder = new MetricsRecorder(store, input.testTags);
  const warnings = new RunWarnings((message) => emit({ type: 'warning', message }));
  const vus = new VuCounter(input.segment);
  const sharedVariables = new Map(input.sharedVariables);
  const targetGuard = input.targetAllowlist ? new TargetGuard(input.targetAllowlist) : undefined;
  const httpClient = createHttpClientOptions(input.loaded, {
    guard: targetGuard,
    proxyEnvironment: input.proxyEnvironment,
  });
  // The rate limit is the run's: each part takes its share of it.
  const rateLimiter = preset.safety.maxRequestRate
    ? new RequestRateLimiter(preset.safety.maxRequestRate / input.segment.count)
    : undefined;

  const flush = (final = false) =>
    emit({
      type: 'snapshot',
      final,
      delta: store.drainSnapshot(),
      ...(samples ? { samples: samples.drain() } : {}),
      vus: {
        active: vus.active,
        allocated: vus.allocated,
        peakActive: vus.peakActive,
        peakAllocated: vus.peakAllocated,
        intervalPeakActive: vus.takeIntervalPeak(),
      },
    });
  const ticker = startIntervalGrid(clock, input.runStartMs, input.intervalMs, 0, () => flush());

  const scenarios: Record<string, ScenarioStats> = {};
  try {
    let requestKeyBase = 0;
    await Promise.all(
      Object.entries(preset.scenarios).map(async ([name, spec]) => {
        const runtime = createScenarioRuntime({
          name,
          spec,
          loaded: input.loaded,
          sharedVariables,
          recorder,
          warnings,
          requestKeyBase,
          httpClient,
          ...(rateLimiter ? { rateLimiter } : {}),
          artifactsDir: input.artifactsDir,
          ...(targetGuard ? { targetGuard } : {}),
          ...(input.scriptEnv ? { scriptEnv: input.scriptEnv } : {}),
          ...(input.setupData === undefined ? {} : { setupData: input.setupData }),
          abortRun: (reason, exception) => {
            emit({ type: 'abort', reason, ...(exception ? { exception } : {}) });
            scriptAbort.abort();
          },
        });
        requestKeyBase += (spec.requests?.length ?? 0) + 1;
        recorder.declareScenario(name, executorCanDrop(spec.executor));
        const scenarioStartMs = input.runStartMs + parseDurationMs(spec.startTime);
        await sleepMs(scenarioStartMs - clock.nowMs(), stopSignal);
        if (stopSignal.aborted) {
          scenarios[name] = { completed: 0, interrupted: 0, dropped: 0, maxVUs: 0 };
          await runtime.close?.();
          return;
        }
        scenarios[name] = await createExecutor(spec).run({
          scenario: name,
          runtime,
          clock,
          recorder,
          vus,
          runStop: stopSignal,
          startMs: scenarioStartMs,
          segment: input.segment,
        });
        await runtime.close?.();
      }),
    );
  } finally {
    ticker.stop();
    flush(true);
  }
  return { scenarios, warnings: [...warnings.messages] };
}
