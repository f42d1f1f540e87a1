import { builtinMetrics } from '@fpt/metrics';
import { buildSummaryData } from '@fpt/report';
import { describe, expect, it } from 'vitest';
import { groupedRunSummary, richRunSummary } from '../../report/test/report-fixtures.js';
import type { RunSummaryJson, SummaryMetric } from '../src/api/summary-types.js';
import { builtinMetricNames } from '../src/lib/builtin-metric-names.js';
import { checkGroups } from '../src/lib/check-groups.js';
import { customMetricRows } from '../src/lib/custom-metric-rows.js';
import { formatMetricValue } from '../src/lib/format-metric-value.js';
import { trendColumns } from '../src/lib/trend-columns.js';

/** A summary.json as the agent serves it: the real builder's output, through JSON. */
function summaryJson(summary = groupedRunSummary()): RunSummaryJson {
  return JSON.parse(JSON.stringify(buildSummaryData(summary))) as RunSummaryJson;
}

describe('builtinMetricNames', () => {
  it('is the same list as @fpt/metrics has, so a built-in never shows as a custom metric', () => {
    expect([...builtinMetricNames].sort()).toEqual(Object.keys(builtinMetrics).sort());
  });
});

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

describe('formatMetricValue', () => {
  const metric = (type: SummaryMetric['type'], contains: SummaryMetric['contains'] = 'default') => ({
    type,
    contains,
    values: {},
  });

  it("shows a time trend's stats in ms and s, and its count as a count", () => {
    expect(formatMetricValue(metric('trend', 'time'), 'p(95)', 612.4)).toBe('612 ms');
    expect(formatMetricValue(metric('trend', 'time'), 'max', 1500)).toBe('1.5 s');
    expect(formatMetricValue(metric('trend', 'time'), 'count', 12345)).toBe('12,345');
    expect(formatMetricValue(metric('trend'), 'avg', 0.12345)).toBe('0.123');
  });

  it('shows a rate as a percentage with passes and fails as counts', () => {
    expect(formatMetricValue(metric('rate'), 'rate', 0.75)).toBe('75.0 %');
    expect(formatMetricValue(metric('rate'), 'passes', 3)).toBe('3');
  });

  it('shows a counter per second and a fractional sum as a number', () => {
    expect(formatMetricValue(metric('counter'), 'rate', 2)).toBe('2/s');
    expect(formatMetricValue(metric('counter'), 'count', 12.25)).toBe('12.3');
    expect(formatMetricValue(metric('gauge'), 'value', 4)).toBe('4');
  });

  it('shows a dash for a value the summary lacks', () => {
    expect(formatMetricValue(metric('gauge'), 'value', undefined)).toBe('—');
  });
});

describe('trendColumns', () => {
  it('puts count first, then avg, min, med, the percentiles rising, max, and unknown stats last', () => {
    const row = (values: Record<string, number>, count?: number) => ({
      key: 'x',
      metric: 'x',
      entry: { type: 'trend' as const, contains: 'time' as const, values },
      ...(count === undefined ? {} : { count }),
      thresholds: [],
    });
    expect(
      trendColumns([
        row({ max: 1, 'p(99.9)': 1, 'p(95)': 1, med: 1, avg: 1, min: 1 }, 4),
        row({ 'p(50)': 1 }),
      ]),
    ).toEqual(['count', 'avg', 'min', 'med', 'p(50)', 'p(95)', 'p(99.9)', 'max']);
  });
});
