import { GateStatus, type GateVerdict } from '@fpt/gate';
import { ExitCode } from '@fpt/metrics';

/**
 * The exit code of a gated run: the run's own code when it is not 0 (105 stopped, 99 thresholds
 * crossed: a budget broken is the more serious news, and k6 scripts keep reading 99), else 90 for a
 * regression against the baseline, else 0. Unusable input (104) never gets this far.
 */
export function gateExitCode(runExitCode: number, verdict: GateVerdict): number {
  if (runExitCode !== ExitCode.ok) return runExitCode;
  return verdict.status === GateStatus.regression ? ExitCode.regression : ExitCode.ok;
}
