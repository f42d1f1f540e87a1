import * as z from 'zod';

/** Wording shared by every field that takes a duration, so all of them read the same in errors and editors. */
const durationHint = 'a duration with a unit, for example 500ms, 30s, 1m30s or 2h';

/** A pause: a fixed duration, or bounds it is drawn between uniformly (think time, sleep). */
export function pause(fixed: string, drawn: string) {
  return z.union([
    duration(fixed),
    z.strictObject({ min: duration('Shortest pause'), max: duration('Longest pause') }).describe(drawn),
  ]);
}

export function duration(description: string) {
  return z
    .string({
      error: (issue) =>
        typeof issue.input === 'number'
          ? `expected ${durationHint}; a bare number has no unit (write "${issue.input}s" or "${issue.input}ms")`
          : `expected ${durationHint}`,
    })
    .regex(/^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/, { error: `expected ${durationHint}` })
    .describe(`${description} (${durationHint}).`);
}

export const tagMap = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, { error: 'tag names use letters, digits, _ . -' }),
    z.string(),
  )
  .describe('Tags added to every sample (string values).');

export const headerMap = z
  .record(z.string().min(1), z.string())
  .describe('HTTP headers as name: value pairs. Values may use {{variables}}.');

/** Only the type mismatch gets our wording; range issues keep their own ("must be at least 0"). */
const wholeNumber = {
  error: (issue: { code?: string }) =>
    issue.code === 'invalid_type' ? 'expected a whole number' : undefined,
};

export const positiveInt = (description: string) =>
  z.number(wholeNumber).int({ error: 'expected a whole number' }).positive().describe(description);

export const nonNegativeInt = (description: string) =>
  z.number(wholeNumber).int({ error: 'expected a whole number' }).min(0).describe(description);

/** Names that become the `name` or `scenario` tag and threshold filters: keep them to k6's scenario charset plus spaces-free punctuation. */
export const identifier = (description: string) =>
  z
    .string()
    .regex(/^[0-9A-Za-z_.-]+$/, { error: 'use letters, digits, "_", "-" or "." (no spaces)' })
    .describe(description);

/** A size in bytes or with a unit (KB, MB, GB; binary units). */
export function byteSize(description: string) {
  return z
    .union([
      z.number().int({ error: 'expected a whole number of bytes' }).min(0),
      z.string().regex(/^\s*\d+(?:\.\d+)?\s*(?:B|KB|MB|GB)\s*$/i, {
        error: 'expected a size with a unit, for example 512KB, 8MB or 1GB',
      }),
    ])
    .describe(`${description} (bytes, or a size such as 512KB, 8MB, 1GB; 1KB = 1024 bytes).`);
}
