import type { ScenarioSpec } from '@fpt/preset';
import { EngineError } from '../engine-error.js';
import type { HttpClientOptions } from '../http/http-client-options.js';
import type { MetricsRecorder } from '../metrics-recorder.js';
import type { RunOptions } from '../run-preset.js';
import type { RunWarnings } from '../run-warnings.js';
import type { TargetGuard } from '../target-guard.js';
import { ScriptScenarioRuntime } from './script-scenario-runtime.js';

export interface ScriptOnceContext {
  readonly recorder: MetricsRecorder;
  readonly warnings: RunWarnings;
  readonly httpClient: HttpClientOptions;
  readonly guard: TargetGuard | undefined;
  readonly abortRun: (reason: string, exception?: boolean) => void;
}

/** How long teardown() may take, as k6's default teardownTimeout (setup() has k6's setupTimeout, also 60 s). */
const onceTimeoutMs = 60_000;

/**
 * The preset's script's setup() and teardown(), run once in the main thread as k6 runs them: setup's return
 * value (JSON, as in k6) reaches every VU as `data`, and teardown gets it after the load. Undefined when the
 * preset has no script.
 */
export function presetScriptRunner(
  options: RunOptions,
  context: ScriptOnceContext,
):
  | {
      setup(signal: AbortSignal): Promise<string | undefined>;
      teardown(data: string | undefined): Promise<void>;
    }
  | undefined {
  const { preset, scripts } = options.loaded;
  const script = preset.script === undefined ? undefined : scripts[preset.script];
  if (script === undefined) return undefined;
  const runtimeFor = (name: 'setup' | 'teardown') =>
    new ScriptScenarioRuntime({
      name,
      spec: { executor: 'shared-iterations' } as ScenarioSpec,
      preset,
      script,
      exportName: name,
      env: { ...options.scriptEnv },
      recorder: context.recorder,
      warnings: context.warnings,
      httpClient: context.httpClient,
      ...(context.guard ? { targetGuard: context.guard } : {}),
      abortRun: context.abortRun,
    });
  const once = async (name: 'setup' | 'teardown', signal: AbortSignal, argument?: unknown) => {
    const vu = runtimeFor(name).createVu(0);
    vu.signal = AbortSignal.any([signal, AbortSignal.timeout(onceTimeoutMs)]);
    try {
      return await vu.runOnce(name, argument);
    } finally {
      await vu.close();
    }
  };
  return {
    async setup(signal) {
      let data: unknown;
      try {
        data = await once('setup', signal);
      } catch (error) {
        // As in k6, a setup that fails stops the test before any load.
        throw new EngineError(
          `the script's setup() failed: ${(error as Error).message ?? error}`,
          'setup() runs once before the load; its requests and checks are in the summary under scenario setup',
        );
      }
      return data === undefined ? undefined : JSON.stringify(data);
    },
    async teardown(data) {
      try {
        await once(
          'teardown',
          new AbortController().signal,
          data === undefined ? undefined : JSON.parse(data),
        );
      } catch (error) {
        // The load has run: its evidence is kept, and the failed clean-up is said.
        context.warnings.once(
          'script-teardown',
          () => `the script's teardown() failed: ${(error as Error).message ?? error}`,
        );
      }
    },
  };
}
