import { MetricStore, TrendSink } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import { buildHtmlReport, buildSummaryData, parseSummaryJson, type SummaryData } from '../src/index.js';
import { latencyByPercentile } from '../src/latency-by-percentile.js';
import { recordRun, runSummary, trend } from './run-summary-fixture.js';

function sinkOf(values: readonly number[]): TrendSink {
  const sink = new TrendSink();
  for (const v of values) sink.add(v);
  return sink;
}

/** The distribution chart the page embeds for its script. */
function distributionChart(page: string) {
  const match = /<script type="application\/json" id="fpt-charts">([\s\S]*?)<\/script>/.exec(page);
  const model = JSON.parse(match![1]!) as {
    charts: { id: string; xKind: string; x: number[]; series: { values: number[] }[] }[];
  };
  return model.charts.find((c) => c.id === 'chart-distribution');
}

describe('latencyByPercentile', () => {
  it('reads the histogram at 0.05-nine steps up to what the sample count can tell', () => {
    const sink = sinkOf(Array.from({ length: 1000 }, (_, i) => i + 1));
    const curve = latencyByPercentile(sink)!;
    // 1,000 samples tell the percentiles up to p99.9: three nines.
    expect(curve.nines[0]).toBe(0);
    expect(curve.nines.at(-1)).toBe(3);
    expect(curve.nines).toHaveLength(61);
    expect(curve.nines[20]).toBe(1);
    expect(curve.ms).toHaveLength(curve.nines.length);
    // One nine is p90, two p99, three p99.9; each point is the histogram's own percentile.
    expect(curve.ms[20]).toBe(sink.percentile(90));
    expect(curve.ms[40]).toBe(sink.percentile(99));
    expect(curve.ms[60]).toBe(sink.percentile(99.9));
    expect(curve.ms[0]).toBe(sink.percentile(0));
    for (let i = 1; i < curve.ms.length; i++) expect(curve.ms[i]!).toBeGreaterThanOrEqual(curve.ms[i - 1]!);
  });

  it('stops at five nines however many samples there are, and draws nothing below two', () => {
    const many = new TrendSink();
    for (let i = 0; i < 300_000; i++) many.add(1 + (i % 997));
    expect(latencyByPercentile(many)!.nines.at(-1)).toBe(5);
    expect(latencyByPercentile(sinkOf([12]))).toBeUndefined();
    expect(latencyByPercentile(new TrendSink())).toBeUndefined();
    expect(latencyByPercentile(undefined)).toBeUndefined();
  });
});

describe('the summary JSON carries the curve both surfaces draw', () => {
  const data = buildSummaryData(runSummary(recordRun()));

  it('computes it once from the merged http_req_duration histogram', () => {
    const store = MetricStore.fromSnapshot(runSummary(recordRun()).metrics);
    const merged = store.aggregate('http_req_duration') as TrendSink;
    expect(data.fpt.latencyByPercentile).toEqual(latencyByPercentile(merged));
    expect(data.fpt.latencyByPercentile!.nines.length).toBeGreaterThan(2);
  });

  it('leaves it out of a run with fewer than two requests', () => {
    const store = new MetricStore();
    trend(store, 'http_req_duration', { name: 'only' }).add(42);
    expect(buildSummaryData(runSummary(store)).fpt).not.toHaveProperty('latencyByPercentile');
  });

  it("draws the HTML report's chart from the summary's curve, not from a second computation", () => {
    const altered: SummaryData = {
      ...data,
      fpt: { ...data.fpt, latencyByPercentile: { nines: [0, 1, 2], ms: [3, 30, 300] } },
    };
    const chart = distributionChart(buildHtmlReport(altered))!;
    expect(chart.xKind).toBe('nines');
    expect(chart.x).toEqual([0, 1, 2]);
    expect(chart.series[0]!.values).toEqual([3, 30, 300]);
  });

  it('still draws a summary an older FPT wrote without it, from its histogram, the same way', () => {
    const { latencyByPercentile: curve, ...older } = data.fpt;
    const chart = distributionChart(buildHtmlReport({ ...data, fpt: older }))!;
    expect(chart.x).toEqual(curve!.nines);
    expect(chart.series[0]!.values).toEqual(curve!.ms);
  });

  it('reads it back from the file, and refuses a curve it could not draw', () => {
    const text = JSON.stringify(data);
    expect(parseSummaryJson(text).fpt.latencyByPercentile).toEqual(data.fpt.latencyByPercentile);
    const broken = JSON.parse(text) as { fpt: Record<string, unknown> };
    broken.fpt['latencyByPercentile'] = { nines: [0, 1], ms: [5] };
    expect(() => parseSummaryJson(JSON.stringify(broken))).toThrow(
      expect.objectContaining({
        problems: ['fpt.latencyByPercentile: expected nines and ms, arrays of numbers of one length'],
      }),
    );
  });
});
