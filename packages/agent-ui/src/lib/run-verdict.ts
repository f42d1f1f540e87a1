import type { RunRow } from '../api/agent-types.js';

/** good green, bad red, warn amber, neutral grey (nothing judged), info blue (in progress). */
export type Tone = 'good' | 'bad' | 'warn' | 'neutral' | 'info';

export interface RunVerdict {
  readonly badge: string;
  /** Status is never colour alone: an icon and a word go with it. */
  readonly icon: string;
  readonly tone: Tone;
  /** One line under the badge. */
  readonly detail: string;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The verdict block's badge and first line, from a run's row. */
export function runVerdict(run: RunRow): RunVerdict {
  const passed = run.thresholdsPassed ?? 0;
  const failed = run.thresholdsFailed ?? 0;
  const total = passed + failed;
  const reason = run.reason ? `: ${run.reason}` : '';
  switch (run.status) {
    case 'running':
      return { badge: 'RUNNING', icon: '▶', tone: 'info', detail: 'in progress; figures are provisional' };
    case 'passed':
      return total === 0
        ? {
            badge: 'COMPLETED',
            icon: '○',
            tone: 'neutral',
            detail: 'no thresholds defined, so nothing was judged',
          }
        : { badge: 'PASSED', icon: '✓', tone: 'good', detail: `all ${plural(total, 'threshold')} held` };
    case 'failed':
      return {
        badge: 'FAILED',
        icon: '✗',
        tone: 'bad',
        detail: `${failed} of ${plural(total, 'threshold')} crossed${reason}`,
      };
    case 'aborted':
      return { badge: 'ABORTED', icon: '■', tone: 'bad', detail: `stopped early, partial data${reason}` };
    case 'stopped':
      return {
        badge: 'STOPPED',
        icon: '■',
        tone: 'warn',
        detail: `stopped by a user, partial data${reason}`,
      };
    case 'error':
      return {
        badge: 'ERROR',
        icon: '!',
        tone: 'warn',
        detail: `the agent could not complete the run (not a verdict on the target)${reason}`,
      };
  }
}
