/** What a run's verdict can be; the exit code decides it once the run has ended (verdict-exit-code.ts). */
export const VerdictKind = {
  passed: 'passed',
  /** Exit 0 with no thresholds: nothing was judged, so it is not a pass. */
  completed: 'completed',
  regression: 'regression',
  failed: 'failed',
  /** A fleet run that lacks regions: what arrived may have held, but the whole was not measured. */
  incomplete: 'incomplete',
  stopped: 'stopped',
  /** Ended early without an exit code that says why (the agent restarted under it). */
  aborted: 'aborted',
  running: 'running',
  /** The tool could not complete the run: no verdict on the target. */
  error: 'error',
} as const;
export type VerdictKind = (typeof VerdictKind)[keyof typeof VerdictKind];

/** good green, bad red, warn amber, neutral grey (nothing judged: never green), info blue (in progress). */
export type VerdictTone = 'good' | 'bad' | 'warn' | 'neutral' | 'info';

export interface VerdictWords {
  readonly badge: string;
  /** Status is never colour alone: an icon and a word go with it. */
  readonly icon: string;
  readonly tone: VerdictTone;
}

/** The badge of each verdict, the same in the HTML report, the web UI and the console. */
export const verdictWords: Readonly<Record<VerdictKind, VerdictWords>> = {
  passed: { badge: 'PASSED', icon: '✓', tone: 'good' },
  completed: { badge: 'COMPLETED', icon: '○', tone: 'neutral' },
  regression: { badge: 'REGRESSION', icon: '✗', tone: 'bad' },
  failed: { badge: 'FAILED', icon: '✗', tone: 'bad' },
  // Half a circle: part of the run delivered. Not STOPPED's square, so the two read apart without the word.
  incomplete: { badge: 'INCOMPLETE', icon: '◐', tone: 'warn' },
  stopped: { badge: 'STOPPED', icon: '■', tone: 'warn' },
  aborted: { badge: 'ABORTED', icon: '■', tone: 'bad' },
  running: { badge: 'RUNNING', icon: '▶', tone: 'info' },
  error: { badge: 'ERROR', icon: '!', tone: 'warn' },
};
