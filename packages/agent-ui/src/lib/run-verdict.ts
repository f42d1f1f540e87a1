import type { RunRow } from '../api/agent-types.js';
import type { GateVerdictJson } from '../api/gate-types.js';
import type { ThresholdWords } from './describe-threshold.js';
import { gateHeadline } from './gate-regressions.js';
import { plural } from './plural.js';

/** good green, bad red, warn amber, neutral grey (nothing judged), info blue (in progress). */
export type Tone = 'good' | 'bad' | 'warn' | 'neutral' | 'info';

export interface RunVerdict {
  readonly badge: string;
  /** Status is never colour alone: an icon and a word go with it. */
  readonly icon: string;
  readonly tone: Tone;
  /** One line under the badge. */
  readonly detail: string;
  /** The first reason in words ("p(95) 603 ms ≥ 500 ms on http_req_duration"); absent when there is none. */
  readonly headline?: string;
}

/** What the run detail knows beyond the row: the summary's thresholds in words and the gate's verdict. */
export interface VerdictContext {
  readonly thresholds?: readonly ThresholdWords[];
  readonly gate?: GateVerdictJson;
}

/** The exit codes the badge follows (docs/gate.md, docs/summary-json.md). */
export const RunExitCode = {
  ok: 0,
  regression: 90,
  incomplete: 97,
  thresholdsFailed: 99,
  stopped: 105,
  scriptException: 107,
  scriptAborted: 108,
} as const;

type Kind = 'running' | 'error' | 'passed' | 'regression' | 'failed' | 'incomplete' | 'stopped' | 'aborted';

const crossed = (t: ThresholdWords) => t.status === 'failed' || t.status === 'no-data';

/**
 * The row's reason, unless it only counts what the verdict line counts already ("1 thresholds crossed"
 * under "1 of 3 thresholds crossed" says nothing).
 */
function rowReason(run: RunRow): string | undefined {
  if (!run.reason || /^\d+ thresholds? crossed$/.test(run.reason.trim())) return undefined;
  return run.reason;
}

/** The badge follows the exit code, as the HTML report's does; the status decides when there is none. */
function kindOf(run: RunRow): Kind {
  if (run.status === 'running') return 'running';
  if (run.status === 'error') return 'error';
  switch (run.exitCode) {
    case RunExitCode.regression:
      return 'regression';
    case RunExitCode.thresholdsFailed:
      return 'failed';
    case RunExitCode.incomplete:
      return 'incomplete';
    case RunExitCode.stopped:
    case RunExitCode.scriptAborted:
      return 'stopped';
    case RunExitCode.ok:
      return run.verdict === 'regression' ? 'regression' : 'passed';
  }
  switch (run.status) {
    case 'passed':
      return run.verdict === 'regression' ? 'regression' : 'passed';
    case 'failed':
      return 'failed';
    case 'stopped':
      return 'stopped';
    default:
      return 'aborted';
  }
}

/** The verdict block's badge, its line and the first reason, from a run's row and what the page loaded. */
export function runVerdict(run: RunRow, context: VerdictContext = {}): RunVerdict {
  const words = context.thresholds;
  const total = words ? words.length : (run.thresholdsPassed ?? 0) + (run.thresholdsFailed ?? 0);
  const failing = words ? words.filter(crossed) : [];
  const crossedCount = words ? failing.length : (run.thresholdsFailed ?? 0);
  const counted = `${crossedCount} of ${plural(total, 'threshold')} crossed`;
  const reason = rowReason(run);
  const firstReason = failing[0]?.sentence ?? reason;
  const withHeadline = (verdict: RunVerdict, headline: string | undefined): RunVerdict =>
    headline ? { ...verdict, headline } : verdict;
  switch (kindOf(run)) {
    case 'running':
      return { badge: 'RUNNING', icon: '▶', tone: 'info', detail: 'in progress; figures are provisional' };
    case 'error':
      return withHeadline(
        {
          badge: 'ERROR',
          icon: '!',
          tone: 'warn',
          detail: 'the agent could not complete the run (not a verdict on the target)',
        },
        run.reason ?? undefined,
      );
    case 'passed':
      return total === 0
        ? {
            badge: 'COMPLETED',
            icon: '○',
            tone: 'neutral',
            detail: 'no thresholds defined, so nothing was judged',
          }
        : { badge: 'PASSED', icon: '✓', tone: 'good', detail: `all ${plural(total, 'threshold')} held` };
    case 'regression':
      return withHeadline(
        {
          badge: 'REGRESSION',
          icon: '✗',
          tone: 'bad',
          detail: `${total === 0 ? 'no thresholds judged' : `all ${plural(total, 'threshold')} held`}, but worse than the baseline beyond its tolerances`,
        },
        context.gate ? gateHeadline(context.gate) : undefined,
      );
    case 'failed': {
      const regression = run.verdict === 'regression' ? '; also a regression against the baseline' : '';
      if (run.status === 'aborted') {
        // abortOnFail stopped the run: the threshold that did it is the reason.
        const culprit = failing.find((t) => t.abortOnFail) ?? failing[0];
        return withHeadline(
          {
            badge: 'FAILED',
            icon: '✗',
            tone: 'bad',
            detail: `stopped early by abortOnFail; ${counted}${regression}`,
          },
          culprit?.sentence ?? reason,
        );
      }
      return withHeadline(
        { badge: 'FAILED', icon: '✗', tone: 'bad', detail: `${counted}${regression}` },
        firstReason,
      );
    }
    case 'incomplete':
      return withHeadline(
        { badge: 'INCOMPLETE', icon: '◐', tone: 'warn', detail: 'not every part of the run delivered' },
        reason,
      );
    case 'stopped': {
      const by =
        run.exitCode === RunExitCode.scriptAborted ? 'the script (exec.test.abort())' : (reason ?? 'a user');
      return withHeadline(
        {
          badge: 'STOPPED',
          icon: '■',
          tone: 'warn',
          detail: `stopped by ${by}: partial data${crossedCount > 0 ? `; ${counted}` : ''}`,
        },
        crossedCount > 0 ? firstReason : undefined,
      );
    }
    case 'aborted':
      return {
        badge: 'ABORTED',
        icon: '■',
        tone: 'bad',
        detail: `stopped early, partial data${reason ? `: ${reason}` : ''}`,
      };
  }
}

/** Whether the run ran its whole course: only then do its figures say something about the target. */
export function runCompleted(run: RunRow): boolean {
  return run.status === 'passed' || run.status === 'failed';
}

/** The thresholds' own state under the headline: "✓ 3 of 3 held", "✗ 1 of 3 crossed", "none defined". */
export function thresholdsState(run: RunRow, words?: readonly ThresholdWords[]): string {
  const total = words ? words.length : (run.thresholdsPassed ?? 0) + (run.thresholdsFailed ?? 0);
  if (total === 0) return 'none defined, so nothing was judged';
  const crossedCount = words ? words.filter(crossed).length : (run.thresholdsFailed ?? 0);
  return crossedCount === 0
    ? `✓ ${total} of ${total} held`
    : `✗ ${crossedCount} of ${plural(total, 'threshold')} crossed`;
}

/**
 * The baseline's own state under the headline; undefined when the preset had no baseline. A partial run
 * is not judged against it, whatever gate.json says: a stopped run "within baseline" would mislead.
 */
export function baselineState(run: RunRow, gate?: GateVerdictJson): string | undefined {
  if (run.verdict === null || run.status === 'running') return undefined;
  const of = gate?.baseline.runId ? ` run ${gate.baseline.runId}` : '';
  if (!runCompleted(run)) return `not judged: the run did not complete, so its figures are partial`;
  if (run.verdict === 'regression') {
    const count = gate ? `: ${plural(gate.counts.regressions, 'regression')}` : '';
    return `✗ worse than baseline${of} beyond its tolerances${count}`;
  }
  const tolerances = gate
    ? ` (p95 +${gate.tolerances.p95IncreasePct} %, floor ${gate.tolerances.minAbsoluteMs} ms, errors +${gate.tolerances.errorRateIncreasePts} pp)`
    : '';
  return `✓ within the tolerances of baseline${of}${tolerances}`;
}
