/**
 * Rounds a figure to what it can mean: latencies to the µs, rates to 1e-4/s, error rates to 1e-6.
 * A baseline file stays readable in a review, and both sides of a comparison are rounded alike.
 */
export function roundFigure(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
