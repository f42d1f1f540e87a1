import { describe, expect, it } from 'vitest';
import { buildHistoryTrend } from '../src/lib/history-trend.js';
import { LIVE_WINDOW_POINTS, liveFigures, progressFraction } from '../src/lib/live-tiles.js';
import { buildPerRequestSeries } from '../src/lib/per-request-series.js';
import { buildRunSeries, emptyChartReason, intervalLengthsMs } from '../src/lib/run-series.js';
import { seriesPointsFromLive, seriesPointsFromTimeline } from '../src/lib/series-point.js';
import { livePoint, runRow } from './run-fixtures.js';

describe('run chart series', () => {
  it('turns per-second counts into rates over the real interval, and error % only where requests finished', () => {
    const points = seriesPointsFromTimeline([
      {
        tMs: 1000,
        vus: 2,
        requests: 10,
        failedRequests: 1,
        iterations: 10,
        droppedIterations: 0,
        p50Ms: 5,
        p95Ms: 9,
      },
      { tMs: 2000, vus: 4, requests: 0, failedRequests: 0, iterations: 0, droppedIterations: 0 },
      // The last interval of a run is usually shorter than a second.
      {
        tMs: 2250,
        vus: 4,
        requests: 5,
        failedRequests: 0,
        iterations: 5,
        droppedIterations: 0,
        p95Ms: 12,
        p99Ms: 20,
      },
    ]);
    expect(intervalLengthsMs(points)).toEqual([1000, 1000, 250]);
    const series = buildRunSeries(points);
    expect(series.x).toEqual([1, 2, 2.25]);
    expect(series.vus).toEqual([2, 4, 4]);
    expect(series.requestsPerSec).toEqual([10, 0, 20]);
    expect(series.failedPerSec).toEqual([1, 0, 0]);
    expect(series.errorPct).toEqual([10, null, 0]);
    expect(series.p50Ms).toEqual([5, null, null]);
    expect(series.p95Ms).toEqual([9, null, 12]);
    expect(series.p99Ms).toEqual([null, null, 20]);
  });

  it('reads live points by their elapsed time', () => {
    const points = seriesPointsFromLive([
      livePoint(1, { tMs: 1_764_000_001_000, elapsedMs: 1000, p99Ms: undefined }),
    ]);
    expect(points).toEqual([
      {
        elapsedMs: 1000,
        vus: 5,
        requests: 50,
        failedRequests: 0,
        iterations: 50,
        droppedIterations: 0,
        p50Ms: 10,
        p95Ms: 90,
      },
    ]);
  });

  it('says why a chart is empty', () => {
    expect(emptyChartReason([], false)).toMatch(/^No data yet/);
    const idle = seriesPointsFromLive([
      livePoint(1, { requests: 0, p50Ms: undefined, p95Ms: undefined, p99Ms: undefined }),
    ]);
    expect(emptyChartReason(idle, true)).toBe('No request finished, so there is no latency to draw.');
    expect(emptyChartReason(idle, false)).toBe('0 requests were made.');
    expect(emptyChartReason(seriesPointsFromLive([livePoint(1)]), true)).toBeUndefined();
  });
});

describe('per-request p95 series', () => {
  it('keeps the busiest names and counts the rest', () => {
    const points = [
      livePoint(1, {
        perRequest: [
          { name: 'a', requests: 1, failed: 0, p95Ms: 5 },
          { name: 'b', requests: 10, failed: 0, p95Ms: 7 },
          { name: 'c', requests: 4, failed: 1, p95Ms: 30 },
        ],
      }),
      livePoint(2, {
        perRequest: [
          { name: 'a', requests: 2, failed: 0, p95Ms: 6 },
          { name: 'c', requests: 4, failed: 0 },
        ],
      }),
    ];
    expect(buildPerRequestSeries(points, 2)).toEqual({
      names: ['b', 'c'],
      p95Ms: [
        [7, null],
        [30, null],
      ],
      otherNames: 1,
    });
  });
});

describe('live tiles', () => {
  it('averages the last seconds, and keeps the cumulative error rate apart', () => {
    const points = Array.from({ length: 8 }, (_, i) =>
      livePoint(i + 1, {
        requests: i < 3 ? 10 : 20,
        failedRequests: i === 7 ? 2 : 0,
        totalRequests: 100,
        totalFailed: 5,
        p95Ms: i === 7 ? undefined : 40 + i,
        vus: i + 1,
      }),
    );
    const figures = liveFigures(points);
    expect(LIVE_WINDOW_POINTS).toBe(5);
    expect(figures.requestsPerSec).toBe(20);
    expect(figures.windowErrorRate).toBe(2 / 100);
    expect(figures.totalErrorRate).toBe(0.05);
    expect(figures.p95Ms).toBe(46);
    expect(figures.vus).toBe(8);
    expect(figures.elapsedMs).toBe(8000);
  });
  it('has nothing before the first point', () => {
    expect(liveFigures([])).toMatchObject({ requestsPerSec: null, vus: null, elapsedMs: 0 });
  });
  it('clamps progress', () => {
    expect(progressFraction(5000, 20_000)).toBe(0.25);
    expect(progressFraction(25_000, 20_000)).toBe(1);
    expect(progressFraction(5000, 0)).toBe(0);
  });
});

describe('history trend', () => {
  it('numbers the runs with figures oldest first, error rate in percent', () => {
    const trend = buildHistoryTrend([
      runRow({ id: 'new', startedAt: 3000, p95Ms: 30, errorRate: 0.01 }),
      runRow({ id: 'errored', startedAt: 2000, p95Ms: null, errorRate: null, status: 'error' }),
      runRow({ id: 'old', startedAt: 1000, p95Ms: 10, errorRate: 0 }),
    ]);
    expect(trend).toEqual({
      x: [1, 2],
      startedAt: [1000, 3000],
      p95Ms: [10, 30],
      errorPct: [0, 1],
      ids: ['old', 'new'],
    });
  });
});
