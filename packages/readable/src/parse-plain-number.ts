// Decimal only: Go's ParseFloat would also take "Inf", "NaN" and hex floats, none of which makes sense
// as a threshold or percentile and all of which are more likely typos.
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite decimal number written without units, or undefined. */
export function parsePlainNumber(text: string): number | undefined {
  if (!PLAIN_NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
