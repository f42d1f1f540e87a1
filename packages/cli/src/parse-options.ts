import { InvalidArgumentError } from 'commander';

/** Accumulates repeated KEY=VALUE options into an object. */
export function collectPairs(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`expected KEY=VALUE, got "${value}"`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return parsed;
}

export function collectList(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A number ≥ 0, decimals allowed: tolerances in %, percentage points or ms. */
export function nonNegativeNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0)
    throw new InvalidArgumentError(`expected a number ≥ 0, got "${value}"`);
  return parsed;
}
