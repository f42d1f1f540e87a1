import type { SummaryData } from '../summary-data.js';
import { checkTestCases } from './check-test-cases.js';
import { fleetTestCases } from './fleet-test-cases.js';
import type { JUnitSuite } from './junit-test-case.js';
import { renderJUnitXml } from './render-junit-xml.js';
import { runTestCase } from './run-test-case.js';
import { thresholdTestCases } from './threshold-test-cases.js';

/**
 * JUnit XML of a run, for CI servers to show natively: a suite of thresholds (one case each, failing
 * with the observed value when crossed or with "no data"), a suite of failed checks (one case per check
 * name × request), and the run itself. Counts on every suite and on the root add up.
 */
export function buildJUnitXml(data: SummaryData): string {
  const { fpt } = data;
  const suites: JUnitSuite[] = [
    { name: 'fpt.run', cases: [runTestCase(data)] },
    { name: 'fpt.thresholds', cases: thresholdTestCases(data) },
    { name: 'fpt.checks', cases: checkTestCases(data) },
    ...(fpt.fleet ? [{ name: 'fpt.regions', cases: fleetTestCases(data) }] : []),
  ];
  return renderJUnitXml({
    name: `fpt ${fpt.preset.name}`,
    suites,
    timeSeconds: data.state.testRunDurationMs / 1000,
    startedAt: fpt.startedAt,
    properties: [
      ['preset', fpt.preset.name],
      ['region', fpt.region ?? ''],
      ['outcome', fpt.outcome],
      ['exitCode', String(fpt.exitCode)],
      ['startedAt', fpt.startedAt],
      ['endedAt', fpt.endedAt],
      ...Object.entries(fpt.tags).map(([k, v]): [string, string] => [`tag.${k}`, v]),
    ],
  });
}
