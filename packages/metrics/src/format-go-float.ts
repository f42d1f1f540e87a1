/**
 * A number as Go's %g prints it (shortest digits; exponent form below 1e-4 and from 1e6, with a sign
 * and at least two exponent digits), so percentile keys such as p(99.9) match the ones k6 writes.
 */
export function formatGoFloat(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 6) return String(value);
  const sign = exponent < 0 ? '-' : '+';
  const digits = String(Math.abs(exponent)).padStart(2, '0');
  return `${mantissa}e${sign}${digits}`;
}
