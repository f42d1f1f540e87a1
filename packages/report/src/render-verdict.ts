import { RunOutcome, type RunSummary, type ThresholdOutcome } from '@fpt/metrics';
import type { AnsiStyle } from './ansi-style.js';
import { type BaselineComparison, BaselineVerdict } from './baseline-comparison.js';
import { thresholdSelector } from './threshold-selector.js';

/**
 * The last line of the summary: what the run's outcome (and so its exit code) was, and why. A run whose
 * thresholds held but that regressed against its baseline (exit 90) says so instead of "passed".
 */
export function renderVerdict(summary: RunSummary, style: AnsiStyle, baseline?: BaselineComparison): string {
  switch (summary.outcome) {
    case RunOutcome.passed:
      if (baseline?.verdict === BaselineVerdict.regression) {
        const why = baseline.summary ? ` (${baseline.summary})` : '';
        return style.red(`✗ regression against the baseline ${baseline.label}${why}; the thresholds held`);
      }
      return style.green('✓ passed');
    case RunOutcome.thresholdsFailed: {
      const keys = [...new Set(summary.thresholds.filter((t) => !t.ok).map(displayKey))];
      return style.red(`✗ thresholds crossed: ${keys.length > 0 ? keys.join(', ') : 'see above'}`);
    }
    case RunOutcome.abortedByThreshold: {
      const culprits = summary.thresholds
        .filter((t) => t.abortOnFail && !t.ok)
        .map((t) => `${displayKey(t)} '${t.expression}'`);
      const why = culprits.length > 0 ? ` ${culprits.join(', ')}` : `: ${summary.abortReason ?? 'unknown'}`;
      return style.red(`✗ aborted by threshold${why}`);
    }
    case RunOutcome.interrupted: {
      const reason = summary.abortReason === undefined ? '' : ` (${summary.abortReason})`;
      return style.yellow(`■ interrupted${reason}: partial results`);
    }
    default:
      // A newer engine may add outcomes; say what it was rather than guessing a verdict.
      return `${String(summary.outcome)} (exit code ${summary.exitCode})`;
  }
}

function displayKey(outcome: ThresholdOutcome): string {
  return thresholdSelector(outcome)?.key ?? outcome.metric.trim();
}
