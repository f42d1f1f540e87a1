import { VerdictKind } from './verdict-words.js';

/**
 * The exit codes a verdict follows (docs/gate.md, docs/summary-json.md): k6's, FPT's 90 for a regression
 * against the baseline, and 97 for a fleet run that lacks regions. The badge follows the exit code, so a run
 * that exits 90 never heads PASSED.
 */
export const VerdictExitCode = {
  passed: 0,
  regression: 90,
  incomplete: 97,
  thresholdsFailed: 99,
  /** A signal or a user stopped it. */
  stopped: 105,
  /** The script's init code threw (k6's ScriptException). */
  scriptException: 107,
  /** The script called exec.test.abort() (k6's ScriptAborted). */
  scriptAborted: 108,
} as const;

/**
 * The verdict an exit code stands for: PASSED 0 (COMPLETED when no threshold was judged), REGRESSION 90,
 * INCOMPLETE 97, FAILED 99 (also when abortOnFail stopped the run), STOPPED 105, 107 and 108. Undefined for
 * any other code (1, 104: no verdict on the target) and for none.
 */
export function verdictOfExitCode(
  exitCode: number | null | undefined,
  judged: boolean,
): VerdictKind | undefined {
  switch (exitCode) {
    case VerdictExitCode.passed:
      return judged ? VerdictKind.passed : VerdictKind.completed;
    case VerdictExitCode.regression:
      return VerdictKind.regression;
    case VerdictExitCode.incomplete:
      return VerdictKind.incomplete;
    case VerdictExitCode.thresholdsFailed:
      return VerdictKind.failed;
    case VerdictExitCode.stopped:
    case VerdictExitCode.scriptException:
    case VerdictExitCode.scriptAborted:
      return VerdictKind.stopped;
    default:
      return undefined;
  }
}
