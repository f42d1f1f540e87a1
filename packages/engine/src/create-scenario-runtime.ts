import type { LoadedPreset, ScenarioSpec } from '@fpt/preset';
import { ApiScenarioRuntime } from './api/api-scenario-runtime.js';
import { BrowserScenarioRuntime } from './browser/browser-scenario-runtime.js';
import { EngineError } from './engine-error.js';
import type { HttpClientOptions } from './http/http-client-options.js';
import type { MetricsRecorder } from './metrics-recorder.js';
import type { RequestRateLimiter } from './request-rate-limiter.js';
import type { RunWarnings } from './run-warnings.js';
import type { ScenarioRuntime } from './scenario-runtime.js';
import { ScriptScenarioRuntime } from './script/script-scenario-runtime.js';
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
  /** A script's __ENV (the scenario's env is added to it). */
  readonly scriptEnv?: Readonly<Record<string, string>>;
  /** What the script's setup() returned, as JSON. */
  readonly setupData?: string;
  /** A script's exec.test.abort(): stops the run. */
  readonly abortRun?: (reason: string, exception?: boolean) => void;
}

/** What an iteration of this scenario does: API requests, a script function, or a browser journey in headless Chromium. */
export function createScenarioRuntime(options: ScenarioRuntimeOptions): ScenarioRuntime {
  const { name, spec } = options;
  const variables = new Map(options.sharedVariables);
  for (const [key, value] of Object.entries(spec.env ?? {})) variables.set(key, value);
  if (spec.exec !== undefined) {
    const { preset } = options.loaded;
    const module = typeof spec.exec === 'string' ? preset.script : spec.exec.module;
    const script = module === undefined ? undefined : options.loaded.scripts[module];
    if (script === undefined)
      throw new EngineError(
        `scenario ${name}: its script was not loaded`,
        'load the preset with loadPresetFile',
      );
    return new ScriptScenarioRuntime({
      name,
      spec,
      preset,
      script,
      exportName: typeof spec.exec === 'string' ? spec.exec : spec.exec.function,
      env: { ...options.scriptEnv, ...spec.env },
      ...(options.setupData === undefined ? {} : { setupData: options.setupData }),
      recorder: options.recorder,
      warnings: options.warnings,
      httpClient: options.httpClient,
      ...(options.rateLimiter ? { rateLimiter: options.rateLimiter } : {}),
      ...(options.targetGuard ? { targetGuard: options.targetGuard } : {}),
      ...(options.abortRun ? { abortRun: options.abortRun } : {}),
    });
  }
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
