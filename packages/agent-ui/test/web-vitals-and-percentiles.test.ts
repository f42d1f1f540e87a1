import { describe, expect, it } from 'vitest';
import { seriesPointsFromLive, seriesPointsFromTimeline } from '../src/lib/series-point.js';
import { buildWebVitalSeries } from '../src/lib/web-vital-series.js';
import { livePoint } from './run-fixtures.js';

const second = (tMs: number, vitals: { lcpP75Ms?: number; inpP75Ms?: number; clsP75?: number }) => ({
  tMs,
  vus: 2,
  requests: 0,
  failedRequests: 0,
  iterations: 1,
  droppedIterations: 0,
  ...vitals,
});

describe('Web Vitals over time', () => {
  it("keeps each second's vitals from summary.json's timeline, null in a second without one", () => {
    const series = buildWebVitalSeries(
      seriesPointsFromTimeline([
        second(1000, { lcpP75Ms: 1200 }),
        second(2000, {}),
        second(3000, { lcpP75Ms: 2600, inpP75Ms: 90, clsP75: 0.04 }),
      ]),
    );
    expect(series).toEqual({
      x: [1, 2, 3],
      lcpMs: [1200, null, 2600],
      inpMs: [null, null, 90],
      cls: [null, null, 0.04],
    });
  });

  it('reads them from the live stream as well, and has none for a run without browser steps', () => {
    const live = seriesPointsFromLive([livePoint(1, { lcpP75Ms: 800, clsP75: 0 })]);
    expect(buildWebVitalSeries(live)).toMatchObject({ lcpMs: [800], cls: [0] });
    expect(buildWebVitalSeries(seriesPointsFromTimeline([second(1000, {})]))).toBeUndefined();
  });
});
