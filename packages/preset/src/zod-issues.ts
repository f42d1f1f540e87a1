import type * as z from 'zod';
import { didYouMean } from './did-you-mean.js';

/** A schema issue reduced to what a preset author needs: where, what, and what to do. */
export interface SchemaProblem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly hint?: string;
  /** True when the path names a key that should not be there, so the key itself is pointed at. */
  readonly atKey?: boolean;
}

/**
 * Turns zod issues into problems. Unions are resolved to the branch that fits the input best, so that an
 * object with one wrong field reports that field, not "invalid input".
 */
export function describeZodIssues(
  issues: readonly z.core.$ZodIssue[],
  knownKeysAt: (path: readonly PropertyKey[]) => readonly string[],
  basePath: readonly PropertyKey[] = [],
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const issue of issues) {
    const path = [...basePath, ...issue.path];
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const known = knownKeysAt(path);
          const suggestion = didYouMean(key, known);
          problems.push({
            path: [...path, key],
            message: `unknown field "${key}"`,
            hint: suggestion ?? (known.length > 0 ? `fields allowed here: ${known.join(', ')}` : undefined),
            atKey: true,
          });
        }
        break;
      case 'invalid_union':
        if ('discriminator' in issue && issue.discriminator) {
          const options = (issue as unknown as { options: unknown[] }).options;
          problems.push({
            path,
            message: `expected one of ${options.map((o) => `"${String(o)}"`).join(', ')}`,
            hint: 'executor names are k6 names; see docs/presets.md',
          });
        } else {
          problems.push(...describeUnion(issue, path, knownKeysAt));
        }
        break;
      case 'invalid_key':
        // A record key (scenario or tag name) broke its pattern: report the key's own rule, at the key.
        problems.push({
          path,
          message: `invalid name: ${plainMessage(issue.issues[0]?.message ?? issue.message)}`,
          atKey: true,
        });
        break;
      case 'invalid_value':
        problems.push({
          path,
          message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
          hint:
            typeof issue.input === 'string' ? didYouMean(issue.input, issue.values.map(String)) : undefined,
        });
        break;
      case 'invalid_type':
        problems.push({
          path,
          message:
            issue.input === undefined
              ? `required field is missing (${issue.expected} expected)`
              : issue.message.startsWith('Invalid input')
                ? `expected ${article(issue.expected)}, got ${describeValue(issue.input)}`
                : issue.message,
        });
        break;
      default:
        problems.push({ path, message: plainMessage(issue.message) });
    }
  }
  return problems;
}

function describeUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  path: readonly PropertyKey[],
  knownKeysAt: (path: readonly PropertyKey[]) => readonly string[],
): SchemaProblem[] {
  // A branch whose only complaint is the type of the value itself does not fit the input at all.
  const fitting = issue.errors.filter(
    (branch) => !(branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0]!.path.length === 0),
  );
  if (fitting.length > 0) {
    const best = fitting.reduce((a, b) => (b.length < a.length ? b : a));
    return describeZodIssues(best, knownKeysAt, path);
  }
  // A branch that explains its type in its own words (a duration: "a bare number has no unit") says more
  // than a list of the types the branches take.
  const explained = issue.errors
    .map((branch) => branch[0])
    .find((first) => first?.code === 'invalid_type' && !first.message.startsWith('Invalid input'));
  if (explained) return [{ path, message: plainMessage(explained.message) }];
  const expected = issue.errors
    .map((branch) => branch[0])
    .map((first) => (first && first.code === 'invalid_type' ? first.expected : 'value'));
  const input = (issue as { input?: unknown }).input;
  return [
    {
      path,
      message: `expected ${[...new Set(expected)].map(article).join(' or ')}${input === undefined ? '' : `, got ${describeValue(input)}`}`,
    },
  ];
}

function article(type: string): string {
  const nouns: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
    record: 'a mapping',
  };
  return nouns[type] ?? type;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}

function plainMessage(message: string): string {
  return message
    .replace(/^Too small: expected (\w+) to have >=(\d+) items?$/, 'needs at least $2 item(s)')
    .replace(/^Too small: expected number to be >0$/, 'must be greater than 0')
    .replace(/^Too small: expected number to be >=(\S+)$/, 'must be at least $1')
    .replace(/^Too big: expected number to be <=(\S+)$/, 'must be at most $1')
    .replace(/^Too small: expected string to have >=1 characters$/, 'must not be empty');
}
