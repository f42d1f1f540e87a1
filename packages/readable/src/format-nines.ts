/**
 * The percentile a point of a "Latency by percentile" curve stands for: x nines is 100·(1 − 10^−x) %, with
 * decimals only past two nines: "0 %", "90 %", "99 %", "99.9 %", "99.99 %". The x axis counts nines so that
 * the tail (99 %, 99.9 %) gets room.
 */
export function formatNines(nines: number): string {
  const percent = 100 * (1 - 10 ** -nines);
  return `${percent.toFixed(Math.max(0, Math.ceil(nines - 1e-9) - 2))} %`;
}
