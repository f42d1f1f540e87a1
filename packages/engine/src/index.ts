// ExitCode lives in @fpt/metrics (beside RunSummary.exitCode), so a command need not load the engine for it.
export { ExitCode } from '@fpt/metrics';
export { findChromium } from './browser/find-chromium.js';
export type { SystemLimits } from './capacity/system-limits.js';
export { type Clock, monotonicClock, sleepMs } from './clock.js';
export { EngineError } from './engine-error.js';
export { arrivalTimeMs, stageProfile } from './executors/stage-profile.js';
export { ErrorCode, errorCodeFor } from './http/error-codes.js';
export { type HttpRequest, type HttpResponse, HttpSession } from './http/http-session.js';
export type { ProxyEnvironment } from './http/proxy-settings.js';
export { compileJsonPath, evaluateJsonPath } from './json-path.js';
export { type RunOptions, type RunProgress, runPreset, workerSegments } from './run-preset.js';
export {
  TargetAllowlist,
  TargetAllowlistError,
  type TargetDecision,
} from './target-allowlist.js';
export { TargetGuard } from './target-guard.js';
export { compileTemplate, renderTemplate } from './template.js';
export { ThresholdSet } from './threshold-set.js';
export { writeFileAtomic } from './write-file-atomic.js';
