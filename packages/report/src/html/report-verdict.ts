import { RunOutcome } from '@fpt/metrics';
import type { BaselineComparison } from '../baseline-comparison.js';
import {
  describeThreshold,
  type ThresholdDescription,
  ThresholdStatus,
} from '../readable/describe-threshold.js';
import type { SummaryData } from '../summary-data.js';

/** How a verdict looks: good is green, bad red, warn amber, neutral grey (never green: nothing was judged). */
export type VerdictTone = 'good' | 'bad' | 'warn' | 'neutral';

export interface ReportVerdict {
  readonly tone: VerdictTone;
  /** ✓, ✗, ■ or ○: status is never colour alone. */
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

const failingFirst: Readonly<Record<ThresholdStatus, number>> = {
  [ThresholdStatus.failed]: 0,
  [ThresholdStatus.noData]: 1,
  [ThresholdStatus.noDataAllowed]: 2,
  [ThresholdStatus.passed]: 3,
};

/** The exit code of a run judged against a baseline that regressed (fpt run --baseline, fpt gate). */
const regressionExitCode = 90;

/**
 * The verdict block's content: whether the run passed and why, from the summary and, when there is one,
 * the baseline comparison. The badge follows the exit code, so a run that exits 90 never heads PASSED.
 */
export function reportVerdict(data: SummaryData, baseline?: BaselineComparison): ReportVerdict {
  const verdict = thresholdVerdict(data);
  if (baseline?.verdict !== 'regression') return verdict;
  if (verdict.exitCode !== 0)
    return { ...verdict, detail: `${verdict.detail}; also a regression against the baseline` };
  return {
    ...verdict,
    tone: 'bad',
    icon: '✗',
    badge: 'REGRESSION',
    exitCode: regressionExitCode,
    detail: `${verdict.badge === 'COMPLETED' ? 'no thresholds judged' : verdict.detail}, but worse than the baseline ${baseline.label} beyond its tolerances`,
    headline: baseline.summary ?? '',
  };
}

function thresholdVerdict(data: SummaryData): ReportVerdict {
  const { fpt } = data;
  const exitCode = fpt.exitCode;
  const thresholds = fpt.thresholds
    .map((t, i) => ({ description: describeThreshold(t, data.metrics), outcome: t, i }))
    .sort((a, b) => failingFirst[a.description.status] - failingFirst[b.description.status] || a.i - b.i);
  const crossed = thresholds.filter((t) => !t.outcome.ok);
  const total = thresholds.length;
  const counted = `${crossed.length} of ${total} threshold${total === 1 ? '' : 's'} crossed`;
  const firstReason = crossed[0]?.description.sentence ?? '';
  const descriptions = thresholds.map((t) => t.description);

  // A fleet run that lacks regions did not pass, even if what arrived held every threshold.
  if (fpt.fleet && !fpt.fleet.complete && fpt.outcome === RunOutcome.passed) {
    return {
      tone: 'warn',
      icon: '■',
      badge: 'INCOMPLETE',
      detail: `regions missing: ${fpt.fleet.missingRegions.join(', ')}; the ${total} threshold${total === 1 ? '' : 's'} held on the regions that ran`,
      headline: fpt.fleet.regions.find((r) => r.status === 'missing')?.reason ?? '',
      thresholds: descriptions,
      exitCode,
    };
  }
  switch (fpt.outcome) {
    case RunOutcome.passed:
      if (total === 0) {
        return {
          tone: 'neutral',
          icon: '○',
          badge: 'COMPLETED',
          detail: 'no thresholds defined, so nothing was judged',
          headline: '',
          thresholds: descriptions,
          exitCode,
        };
      }
      return {
        tone: 'good',
        icon: '✓',
        badge: 'PASSED',
        detail: `all ${total} threshold${total === 1 ? '' : 's'} held`,
        headline: '',
        thresholds: descriptions,
        exitCode,
      };
    case RunOutcome.thresholdsFailed:
      return {
        tone: 'bad',
        icon: '✗',
        badge: 'FAILED',
        detail: counted,
        headline: firstReason,
        thresholds: descriptions,
        exitCode,
      };
    case RunOutcome.abortedByThreshold: {
      const culprit = crossed.find((t) => t.outcome.abortOnFail) ?? crossed[0];
      return {
        tone: 'bad',
        icon: '✗',
        badge: 'FAILED',
        detail: `stopped early by abortOnFail; ${counted}`,
        headline: culprit?.description.sentence ?? fpt.abortReason ?? '',
        thresholds: descriptions,
        exitCode,
      };
    }
    case RunOutcome.interrupted:
      return {
        tone: 'warn',
        icon: '■',
        badge: 'STOPPED',
        detail: `stopped by ${fpt.abortReason ?? 'a signal'}: partial results${crossed.length > 0 ? `; ${counted}` : ''}`,
        headline: firstReason,
        thresholds: descriptions,
        exitCode,
      };
    default:
      // A newer engine may report outcomes this report does not know; show it rather than guess.
      return {
        tone: fpt.exitCode === 0 ? 'neutral' : 'bad',
        icon: fpt.exitCode === 0 ? '○' : '✗',
        badge: String(fpt.outcome).toUpperCase(),
        detail: `exit code ${fpt.exitCode}`,
        headline: firstReason,
        thresholds: descriptions,
        exitCode,
      };
  }
}
