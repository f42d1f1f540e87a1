import { plural } from './plural.js';
import { VerdictKind } from './verdict-words.js';

/** The verdicts an ended run's exit code gives, each worded by verdictDetail. */
export type JudgedVerdict = Extract<
  VerdictKind,
  'passed' | 'completed' | 'regression' | 'failed' | 'incomplete' | 'stopped'
>;

/** What the line under a verdict's badge says. */
export interface VerdictFacts {
  /** How many thresholds were judged. */
  readonly thresholds: number;
  /** How many of them failed the run (crossed, or without data and not allowed to be). */
  readonly crossed: number;
  /** abortOnFail stopped the run (FAILED, exit 99, before the end). */
  readonly abortedByThreshold?: boolean;
  /** Who or what stopped a STOPPED run: "SIGINT", "a user", "the script (exec.test.abort())"; "a signal" if unsaid. */
  readonly stoppedBy?: string;
  /** The run regressed against its baseline: the baseline's name ("run #123 on main"), or '' when it has none. */
  readonly regressedAgainst?: string;
  /** An INCOMPLETE fleet run's regions that delivered nothing. */
  readonly missingRegions?: readonly string[];
}

/**
 * The line under the badge: "1 of 3 thresholds crossed", "all 3 thresholds held", "stopped by SIGINT: partial
 * results", "all 2 thresholds held, but worse than the baseline run #12 beyond its tolerances".
 */
export function verdictDetail(verdict: JudgedVerdict, facts: VerdictFacts): string {
  const total = plural(facts.thresholds, 'threshold');
  const counted = `${facts.crossed} of ${total} crossed`;
  const also = facts.regressedAgainst === undefined ? '' : '; also a regression against the baseline';
  switch (verdict) {
    case VerdictKind.passed:
      return `all ${total} held`;
    case VerdictKind.completed:
      return 'no thresholds defined, so nothing was judged';
    case VerdictKind.regression: {
      const held = facts.thresholds === 0 ? 'no thresholds judged' : `all ${total} held`;
      const baseline = facts.regressedAgainst ? `the baseline ${facts.regressedAgainst}` : 'the baseline';
      return `${held}, but worse than ${baseline} beyond its tolerances`;
    }
    case VerdictKind.failed:
      return `${facts.abortedByThreshold ? 'stopped early by abortOnFail; ' : ''}${counted}${also}`;
    case VerdictKind.incomplete:
      return `${
        facts.missingRegions
          ? `regions missing: ${facts.missingRegions.join(', ')}${facts.thresholds > 0 ? `; the ${total} held on the regions that ran` : ''}`
          : 'not every part of the run delivered'
      }${also}`;
    case VerdictKind.stopped:
      return `stopped by ${facts.stoppedBy ?? 'a signal'}: partial results${facts.crossed > 0 ? `; ${counted}` : ''}${also}`;
  }
}
