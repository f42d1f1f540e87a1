import { describeThreshold, ThresholdStatus } from '@fpt/readable';
import type { SummaryData } from '../summary-data.js';
import type { JUnitTestCase } from './junit-test-case.js';

/** One test case per threshold: a failure with the observed value when crossed, and "no data" explained. */
export function thresholdTestCases(data: SummaryData): JUnitTestCase[] {
  return data.fpt.thresholds.map((outcome) => {
    const t = describeThreshold(outcome, data.metrics);
    const classname = `fpt.thresholds.${t.metric}`;
    const name = `${t.key}: ${t.expression}`;
    const facts = [
      `threshold: ${t.key} ${t.expression}`,
      `observed:  ${t.observedText}`,
      `limit:     ${t.limitText}`,
      t.abortOnFail ? 'abortOnFail: yes (crossing it stops the run)' : '',
    ]
      .filter((line) => line !== '')
      .join('\n');
    switch (t.status) {
      case ThresholdStatus.failed:
        return {
          classname,
          name,
          failure: { type: 'threshold-crossed', message: t.sentence, details: facts },
          systemOut: facts,
        };
      case ThresholdStatus.noData:
        return {
          classname,
          name,
          failure: {
            type: 'no-data',
            message: t.sentence,
            details: `${facts}\nNo sample matched ${t.key} during the run, so there was nothing to compare. Check the metric name and tag filter, or set allowNoData if an empty metric is acceptable.`,
          },
        };
      case ThresholdStatus.noDataAllowed:
        return { classname, name, skipped: t.sentence };
      default:
        return { classname, name, systemOut: facts };
    }
  });
}
