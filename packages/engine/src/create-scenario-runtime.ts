import type { LoadedPreset, ScenarioSpec } from '@fpt/preset';
import { ApiScenarioRuntime } from './api/api-scenario-runtime.js';
import { BrowserScenarioRuntime } from './browser/browser-scenario-runtime.js';
import type { HttpClientOptions } from './http/http-client-options.js';
import type { MetricsRecorder } from './metrics-recorder.js';
import type { RequestRateLimiter } from './request-rate-limiter.js';
import type { RunWarnings } from './run-warnings.js';
import type { ScenarioRuntime } from './scenario-runtime.js';
import type { TargetGuard } from './target-guard.js';

export interface ScenarioRuntimeOptions {
  readonly name: string;
  readonly spec: ScenarioSpec;
  readonly loaded: LoadedPreset;
  /** Constants and setup captures; the scenario's env is added here. */
  readonly sharedVariables: ReadonlyMap<string, string>;
  readonly recorder: MetricsRecorder;
  readonly warnings: RunWarnings;
  readonly requestKeyBase: number;
  readonly rateLimiter?: RequestRateLimiter;
  /** Folder for files a run leaves besides its summary (screenshots of failed expectations). */
  readonly artifactsDir: string;
  readonly targetGuard?: TargetGuard;
  /** How API VUs connect: built once per thread from the preset's target. */
  readonly httpClient: HttpClientOptions;
}

/** What an iteration of this scenario does: API requests, or a browser journey in headless Chromium. */
export function createScenarioRuntime(options: ScenarioRuntimeOptions): ScenarioRuntime {
  const { name, spec } = options;
  const variables = new Map(options.sharedVariables);
  for (const [key, value] of Object.entries(spec.env ?? {})) variables.set(key, value);
  if (spec.browser) {
    return new BrowserScenarioRuntime({
      name,
      spec: { ...spec, browser: spec.browser },
      preset: options.loaded.preset,
      data: options.loaded.data,
      sharedVariables: variables,
      recorder: options.recorder,
      warnings: options.warnings,
      artifactsDir: options.artifactsDir,
      ...(options.targetGuard ? { targetGuard: options.targetGuard } : {}),
    });
  }
  return new ApiScenarioRuntime({
    name,
    spec,
    preset: options.loaded.preset,
    data: options.loaded.data,
    assets: options.loaded.assets,
    sharedVariables: variables,
    recorder: options.recorder,
    warnings: options.warnings,
    requestKeyBase: options.requestKeyBase,
    httpClient: options.httpClient,
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
    ...(options.targetGuard ? { targetGuard: options.targetGuard } : {}),
  });
}
