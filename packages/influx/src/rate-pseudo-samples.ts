/** How many 1 and 0 points stand for a rate series' interval. */
export interface RatePseudoSamples {
  readonly ones: number;
  readonly zeros: number;
}

/**
 * k6 writes a rate as one point per sample, 1 for true and 0 for false, so `mean("value")` is the rate,
 * `sum("value")` the number of true samples and `count("value")` the number of samples, each weighted by
 * samples across series and intervals. Writing the same 0/1 points keeps every one of those queries
 * right. Past maxPoints, m = maxPoints points are written with round(m·passes/n) ones: the rate stays
 * within 1/(2m), the counts are scaled by m/n.
 */
export function ratePseudoSamples(passes: number, fails: number, maxPoints: number): RatePseudoSamples {
  const n = passes + fails;
  if (n <= maxPoints) return { ones: passes, zeros: fails };
  const ones = Math.round((maxPoints * passes) / n);
  return { ones, zeros: maxPoints - ones };
}
