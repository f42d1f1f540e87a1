import { RunOutcome } from '@fpt/metrics';
import {
  describeThresholds,
  firstReason,
  isCrossed,
  type JudgedVerdict,
  type ThresholdDescription,
  VerdictExitCode,
  type VerdictFacts,
  VerdictKind,
  type VerdictTone,
  verdictDetail,
  verdictWords,
} from '@fpt/readable';
import type { BaselineComparison } from '../baseline-comparison.js';
import type { SummaryData } from '../summary-data.js';

export interface ReportVerdict {
  readonly tone: VerdictTone;
  /** ✓, ✗, ◐, ■ or ○: status is never colour alone. */
  readonly icon: string;
  /**
   * What the exit code says: PASSED (0), REGRESSION (90), FAILED (99, also when abortOnFail stopped it),
   * INCOMPLETE (97, a fleet run without every region), STOPPED (105 signal, 108 script); COMPLETED when
   * nothing was judged; a newer outcome as it is named.
   */
  readonly badge: string;
  /** The exit code the run's command ended with: the summary's, or 90 when the baseline verdict regressed. */
  readonly exitCode: number;
  /** "2 of 7 thresholds crossed", "all 7 thresholds held", "stopped by SIGINT: partial results". */
  readonly detail: string;
  /** The first reason in words, e.g. "p(95) 612 ms ≥ 500 ms on http_req_duration{name:cart}"; empty if none. */
  readonly headline: string;
  /** Every threshold, failing ones first. */
  readonly thresholds: readonly ThresholdDescription[];
}

/**
 * The verdict block's content: whether the run passed and why, from the summary and, when there is one,
 * the baseline comparison. Its words are @fpt/readable's, which the web UI shows too.
 */
export function reportVerdict(data: SummaryData, baseline?: BaselineComparison): ReportVerdict {
  const { fpt } = data;
  const thresholds = describeThresholds(fpt.thresholds, data.metrics);
  const regressed = baseline?.verdict === 'regression';
  const abortedByThreshold = fpt.outcome === RunOutcome.abortedByThreshold;
  const verdict = verdictOf(data, thresholds.length > 0, regressed);
  const reason = firstReason(thresholds, abortedByThreshold)?.sentence;
  if (verdict === undefined) {
    // A newer engine may report outcomes this report does not know; show it rather than guess.
    return {
      tone: fpt.exitCode === 0 ? 'neutral' : 'bad',
      icon: fpt.exitCode === 0 ? '○' : '✗',
      badge: String(fpt.outcome).toUpperCase(),
      detail: `exit code ${fpt.exitCode}${regressed ? '; also a regression against the baseline' : ''}`,
      headline: reason ?? '',
      thresholds,
      exitCode: fpt.exitCode,
    };
  }
  const facts: VerdictFacts = {
    thresholds: thresholds.length,
    crossed: thresholds.filter((t) => isCrossed(t.status)).length,
    abortedByThreshold,
    ...(fpt.abortReason === undefined ? {} : { stoppedBy: fpt.abortReason }),
    ...(regressed ? { regressedAgainst: baseline.label } : {}),
    ...(fpt.fleet ? { missingRegions: fpt.fleet.missingRegions } : {}),
  };
  const headlines: Readonly<Record<JudgedVerdict, string | null | undefined>> = {
    passed: undefined,
    completed: undefined,
    regression: baseline?.summary,
    failed: reason ?? (abortedByThreshold ? fpt.abortReason : undefined),
    incomplete: fpt.fleet?.regions.find((r) => r.status === 'missing')?.reason,
    stopped: reason,
  };
  return {
    ...verdictWords[verdict],
    // A run whose thresholds held but that regressed ends with 90, whatever its summary says.
    exitCode: verdict === VerdictKind.regression ? VerdictExitCode.regression : fpt.exitCode,
    detail: verdictDetail(verdict, facts),
    headline: headlines[verdict] ?? '',
    thresholds,
  };
}

/** The verdict the run's outcome and the baseline's verdict make; undefined for an outcome this report does not know. */
function verdictOf(data: SummaryData, judged: boolean, regressed: boolean): JudgedVerdict | undefined {
  const { fpt } = data;
  // A fleet run that lacks regions did not pass, even if what arrived held every threshold.
  if (fpt.fleet && !fpt.fleet.complete && fpt.outcome === RunOutcome.passed) return VerdictKind.incomplete;
  switch (fpt.outcome) {
    case RunOutcome.passed:
      return regressed ? VerdictKind.regression : judged ? VerdictKind.passed : VerdictKind.completed;
    case RunOutcome.thresholdsFailed:
    case RunOutcome.abortedByThreshold:
      return VerdictKind.failed;
    case RunOutcome.interrupted:
      return VerdictKind.stopped;
    default:
      return undefined;
  }
}
