import type { PresetThresholdInfo } from '@fpt/api-types';
import { formatMs } from '@fpt/readable';

export interface ChartLimit {
  /** Which line of the chart the limit applies to. */
  readonly series: 'p50' | 'p95' | 'p99' | 'errorPct';
  /** In the chart's unit: ms for latency, percent for the error rate. */
  readonly value: number;
  /** For the legend, e.g. "limit p(95) < 500 ms". */
  readonly label: string;
}

const PERCENTILE = /^p\((50|95|99)\)\s*(<=?)\s*(\d+(?:\.\d+)?)$/;
const RATE = /^rate\s*(<=?)\s*(\d+(?:\.\d+)?)$/;

/**
 * Limit lines for the run charts, from thresholds on the whole metric. A sub-metric threshold
 * (`http_req_duration{name:login}`) is left out: the timeline mixes every request, so its line would
 * sit over the wrong data.
 */
export function chartLimits(thresholds: readonly { metric: string; expression: string }[]): ChartLimit[] {
  const limits: ChartLimit[] = [];
  for (const { metric, expression } of thresholds as readonly PresetThresholdInfo[]) {
    const text = expression.trim();
    if (metric === 'http_req_duration') {
      const m = PERCENTILE.exec(text);
      if (m)
        limits.push({
          series: `p${m[1]}` as ChartLimit['series'],
          value: Number(m[3]),
          label: `limit p(${m[1]}) ${m[2]} ${formatMs(Number(m[3]))}`,
        });
    } else if (metric === 'http_req_failed') {
      const m = RATE.exec(text);
      if (m)
        limits.push({
          series: 'errorPct',
          value: Number(m[2]) * 100,
          label: `limit error rate ${m[1]} ${Number(m[2]) * 100} %`,
        });
    }
  }
  return limits;
}
