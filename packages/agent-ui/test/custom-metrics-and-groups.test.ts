import type { RunSummaryJson } from '@fpt/api-types';
import { buildSummaryData } from '@fpt/report';
import { describe, expect, it } from 'vitest';
import { groupedRunSummary, richRunSummary } from '../../report/test/report-fixtures.js';
import { checkGroups } from '../src/lib/check-groups.js';
import { customMetricRows } from '../src/lib/custom-metric-rows.js';

/** A summary.json as the agent serves it: the real builder's output, through JSON. */
function summaryJson(summary = groupedRunSummary()): RunSummaryJson {
  return JSON.parse(JSON.stringify(buildSummaryData(summary))) as RunSummaryJson;
}

describe('customMetricRows', () => {
  it('picks the metrics the preset declared, each followed by its sub-metrics, sorted by name', () => {
    const rows = customMetricRows(summaryJson());
    expect(rows.map((r) => [r.key, r.entry.type, r.count])).toEqual([
      ['cart_hit', 'rate', undefined],
      ['checkout_time', 'trend', 3],
      ['checkout_time{name:pay}', 'trend', undefined],
      ['orders_placed', 'counter', undefined],
      ['queue_depth', 'gauge', undefined],
    ]);
    expect(rows.find((r) => r.key === 'checkout_time')?.thresholds).toEqual([
      { expression: 'p(95)<1000', ok: false },
    ]);
    expect(rows.find((r) => r.key === 'checkout_time{name:pay}')?.thresholds).toEqual([
      { expression: 'max<400', ok: true },
    ]);
  });

  it('finds none in a run that declared none', () => {
    expect(customMetricRows(summaryJson(richRunSummary()))).toEqual([]);
  });
});

describe('checkGroups', () => {
  it('lists the checks outside any group, then each group before its inner groups, with durations', () => {
    const groups = checkGroups(summaryJson());
    expect(
      groups.map((g) => [g.label, g.depth, g.checks.map((c) => c.request), g.p95Ms !== undefined, g.avgMs]),
    ).toEqual([
      ['outside any group', 0, ['login'], false, undefined],
      ['checkout', 0, ['cart'], true, 120],
      ['checkout › pay', 1, ['pay'], true, 70],
      ['browse', 0, ['home'], true, 30],
      ['quiet', 0, [], true, 5],
    ]);
    expect(groups[1]!.p95Ms).toBeGreaterThanOrEqual(140);
    expect(groups[1]!.p95Ms).toBeLessThanOrEqual(140 * 1.001);
  });

  it('is empty for a run without groups, which keeps its one flat table', () => {
    expect(checkGroups(summaryJson(richRunSummary()))).toEqual([]);
  });

  it('still shows a check whose group the tree lacks (a hand-made summary)', () => {
    const summary = summaryJson();
    const odd: RunSummaryJson = {
      ...summary,
      fpt: {
        ...summary.fpt,
        checks: [...summary.fpt.checks, { ...summary.fpt.checks[0]!, group: '::legacy::step' }],
      },
    };
    expect(checkGroups(odd).at(-1)).toMatchObject({
      path: '::legacy::step',
      label: 'legacy › step',
      depth: 0,
    });
  });
});
