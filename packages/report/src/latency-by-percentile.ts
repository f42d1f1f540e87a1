import type { TrendSink } from '@fpt/metrics';
import type { LatencyByPercentile } from './summary-data.js';

const NINES_STEP = 0.05;
const MAX_NINES = 5;

/**
 * Request duration at each percentile of the whole run, x as the number of nines (-log10 of the tail,
 * so 90 %, 99 % and 99.9 % are evenly apart), in steps of 0.05 up to what the sample count can tell
 * (log10 of it, at most five nines). Computed once into the summary JSON, which the HTML report and the
 * agent's web UI both draw. Undefined with fewer than two samples: one value is no distribution.
 */
export function latencyByPercentile(sink: TrendSink | undefined): LatencyByPercentile | undefined {
  if (sink === undefined || sink.count < 2) return undefined;
  const top = Math.min(MAX_NINES, Math.log10(sink.count));
  const nines: number[] = [];
  for (let k = 0; k * NINES_STEP <= top + 1e-9; k++) nines.push(Number((k * NINES_STEP).toFixed(2)));
  return { nines, ms: nines.map((n) => sink.percentile(Math.min(100, 100 * (1 - 10 ** -n)))) };
}
