import type { SummaryData } from '../summary-data.js';
import type { JUnitTestCase } from './junit-test-case.js';

/**
 * A fleet run: one case per requested region, an error (not a failure of the system under test) when the
 * region is missing, so a CI server shows which region did not deliver and why.
 */
export function fleetTestCases(data: SummaryData): JUnitTestCase[] {
  return (data.fpt.fleet?.regions ?? []).map((region) => {
    const agents = region.agents
      .map(
        (a) =>
          `${a.agentId ?? a.peer} (${a.segment.index + 1}/${a.segment.count}): ${a.state}${a.runId ? ` run ${a.runId}` : ''}${a.reason ? ` — ${a.reason}` : ''}`,
      )
      .join('\n');
    const name = `region ${region.region}`;
    if (region.status !== 'complete') {
      return {
        classname: 'fpt.regions',
        name,
        error: {
          type: 'region-missing',
          message: `region ${region.region} is missing: ${region.reason ?? region.status}`,
          details: agents,
        },
      };
    }
    const f = region.figures;
    const figures = f
      ? `requests: ${f.requests ?? 0}\np95: ${f.p95Ms ?? '–'} ms\nerror rate: ${f.errorRate ?? 0}`
      : '';
    return { classname: 'fpt.regions', name, systemOut: `${figures}\n${agents}`.trim() };
  });
}
