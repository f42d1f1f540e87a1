import type { LoadedPreset, ScenarioSpec } from '@fpt/preset';
import { ApiScenarioRuntime } from './api/api-scenario-runtime.js';
import { EngineError } from './engine-error.js';
import type { MetricsRecorder } from './metrics-recorder.js';
import type { RequestRateLimiter } from './request-rate-limiter.js';
import type { RunWarnings } from './run-warnings.js';
import type { ScenarioRuntime } from './scenario-runtime.js';

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
}

/** What an iteration of this scenario does: API requests, or (with the browser issue) a browser journey. */
export function createScenarioRuntime(options: ScenarioRuntimeOptions): ScenarioRuntime {
  const { name, spec } = options;
  if (spec.browser) {
    throw new EngineError(
      `scenario "${name}" is a browser scenario; browser scenarios are not supported by this version of the engine yet`,
      'run the API scenarios only, or remove the browser scenario from the preset',
    );
  }
  const variables = new Map(options.sharedVariables);
  for (const [key, value] of Object.entries(spec.env ?? {})) variables.set(key, value);
  return new ApiScenarioRuntime({
    name,
    spec,
    preset: options.loaded.preset,
    data: options.loaded.data,
    sharedVariables: variables,
    recorder: options.recorder,
    warnings: options.warnings,
    requestKeyBase: options.requestKeyBase,
    ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
  });
}
