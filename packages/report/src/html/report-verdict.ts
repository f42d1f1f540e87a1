import { RunOutcome } from '@fpt/metrics';
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
  /** PASSED, FAILED, ABORTED, COMPLETED, INCOMPLETE (a fleet run without every region), or a newer outcome. */
  readonly badge: string;
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

/** The verdict block's content: whether the run passed and why, from the summary alone. */
export function reportVerdict(data: SummaryData): ReportVerdict {
  const { fpt } = data;
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
        };
      }
      return {
        tone: 'good',
        icon: '✓',
        badge: 'PASSED',
        detail: `all ${total} threshold${total === 1 ? '' : 's'} held`,
        headline: '',
        thresholds: descriptions,
      };
    case RunOutcome.thresholdsFailed:
      return {
        tone: 'bad',
        icon: '✗',
        badge: 'FAILED',
        detail: counted,
        headline: firstReason,
        thresholds: descriptions,
      };
    case RunOutcome.abortedByThreshold: {
      const culprit = crossed.find((t) => t.outcome.abortOnFail) ?? crossed[0];
      return {
        tone: 'bad',
        icon: '✗',
        badge: 'ABORTED',
        detail: `stopped early by abortOnFail; ${counted}`,
        headline: culprit?.description.sentence ?? fpt.abortReason ?? '',
        thresholds: descriptions,
      };
    }
    case RunOutcome.interrupted:
      return {
        tone: 'warn',
        icon: '■',
        badge: 'ABORTED',
        detail: `stopped by ${fpt.abortReason ?? 'a signal'}: partial results${crossed.length > 0 ? `; ${counted}` : ''}`,
        headline: firstReason,
        thresholds: descriptions,
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
      };
  }
}
