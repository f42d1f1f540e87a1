import { formatShare } from '@fpt/readable';
import type { SummaryData } from '../summary-data.js';
import type { JUnitTestCase } from './junit-test-case.js';

/**
 * One test case per failed check group: check name × request, the scenarios that ran it added up.
 * Checks that always held get no case, so a CI page lists what needs attention, not every assertion.
 */
export function checkTestCases(data: SummaryData): JUnitTestCase[] {
  const groups = new Map<
    string,
    { name: string; request: string; passes: number; fails: number; scenarios: string[] }
  >();
  for (const check of data.fpt.checks) {
    const key = `${check.name}\u0000${check.request}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { name: check.name, request: check.request, passes: 0, fails: 0, scenarios: [] };
      groups.set(key, group);
    }
    group.passes += check.passes;
    group.fails += check.fails;
    group.scenarios.push(`${check.scenario}: ${check.passes} passed, ${check.fails} failed`);
  }
  return [...groups.values()]
    .filter((g) => g.fails > 0)
    .map((g) => {
      const runs = g.passes + g.fails;
      const message = `${g.fails} of ${runs} failed (${formatShare(g.passes / runs)} passed)`;
      return {
        classname: `fpt.checks.${g.request}`,
        name: `${g.name} (${g.request})`,
        failure: {
          type: 'check-failed',
          message,
          details: `check "${g.name}" on request "${g.request}"\n${g.scenarios.join('\n')}`,
        },
      };
    });
}
