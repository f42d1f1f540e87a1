/** A fraction (0..1) as a percentage with two decimals: 0.0125 gives `1.25%`. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return `${fraction}%`;
  const text = (fraction * 100).toFixed(2);
  return `${text === '-0.00' ? '0.00' : text}%`;
}
