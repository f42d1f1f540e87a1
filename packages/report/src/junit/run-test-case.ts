import { RunOutcome } from '@fpt/metrics';
import type { SummaryData } from '../summary-data.js';
import type { JUnitTestCase } from './junit-test-case.js';

/**
 * The run itself as one case, so the file is never empty: an error (not a failure of the system under
 * test) when it was stopped by a signal and the results are partial; passed otherwise, because crossed
 * thresholds already have their own failing cases.
 */
export function runTestCase(data: SummaryData): JUnitTestCase {
  const { fpt } = data;
  const name = `run ${fpt.preset.name}`;
  const facts = `outcome: ${fpt.outcome}\nexit code: ${fpt.exitCode}${fpt.abortReason ? `\nreason: ${fpt.abortReason}` : ''}`;
  if (fpt.outcome === RunOutcome.interrupted) {
    return {
      classname: 'fpt.run',
      name,
      error: {
        type: 'interrupted',
        message: `stopped by ${fpt.abortReason ?? 'a signal'} before the end: partial results`,
        details: facts,
      },
    };
  }
  return { classname: 'fpt.run', name, systemOut: facts };
}
