import type { TrendSink } from '@fpt/metrics';

/** Values are kept at 1/1000 of the trend's unit in the histogram (see TrendSink). */
const MICRO_UNITS_PER_UNIT = 1000;

/**
 * The interval's trend as sorted pseudo-samples for InfluxDB's raw-point `percentile()` and `mean()`.
 *
 * Each recorded sample becomes the value TrendSink.percentile() would report for its rank: the upper
 * edge of its HDR bucket, clamped to the exact min and max. So with n ≤ maxPoints the nearest-rank
 * percentile of these values equals the sink's percentile exactly.
 *
 * With n > maxPoints, m = maxPoints values are kept: the j-th (1-based) is the sample of rank
 * ceil((j − ½)·n/m), the middle of the j-th of m equal slices of the sorted samples. For every value v,
 * the share of kept values ≤ v then differs from the share of all samples ≤ v by at most 1/(2m), so
 * every percentile moves by at most 1/(2m) in rank.
 */
export function trendPseudoSamples(sink: TrendSink, maxPoints: number): Float64Array {
  const n = sink.count;
  const m = Math.min(n, maxPoints);
  const out = new Float64Array(m);
  if (m === 0) return out;
  const histogram = sink.histogram;
  const histMin = histogram.min;
  const histMax = histogram.max;
  const min = sink.min;
  const max = sink.max;
  let j = 1;
  let target = rankOf(j, n, m);
  let seen = 0;
  for (const bucket of histogram.buckets()) {
    seen += bucket.count;
    if (target > seen) continue;
    // The same clamping as TrendSink.percentile(), so values and reported percentiles agree.
    const micros = Math.max(Math.min(bucket.highest, histMax), histMin);
    const scaled = micros / MICRO_UNITS_PER_UNIT;
    const value = scaled < min ? min : Math.min(scaled, max);
    while (j <= m && target <= seen) {
      out[j - 1] = value;
      j++;
      target = j <= m ? rankOf(j, n, m) : Number.POSITIVE_INFINITY;
    }
    if (j > m) break;
  }
  return out;
}

/** ceil((2j − 1)·n / 2m) in exact integer arithmetic (the products stay below 2^53 for any real run). */
function rankOf(j: number, n: number, m: number): number {
  if (m === n) return j;
  const numerator = (2 * j - 1) * n;
  const denominator = 2 * m;
  let rank = Math.floor(numerator / denominator);
  if (rank * denominator < numerator) rank++;
  else if ((rank - 1) * denominator >= numerator) rank--;
  return rank;
}
