import { parsePlainNumber } from './parse-plain-number.js';

/** `===` is accepted in expressions and read as `==`: both mean float equality in k6. */
export type ThresholdOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** k6 looks for each operator in this order and splits on the first one present (not the leftmost). */
export const thresholdOperators = ['<=', '<', '>=', '>', '===', '==', '!='] as const;

/** Characters of an operator: a side that holds one makes a second comparison. */
const OPERATOR_CHARS = /[<>=!]/;

/** The aggregations k6 names; a percentile is written p(N). */
const NAMED = new Set(['avg', 'min', 'max', 'med', 'count', 'rate', 'value']);

/** A threshold expression read for its words: `p(95)`, `<`, 500. */
export interface ParsedThreshold {
  /** As k6 keys it: `avg`, or `p(99.9)` for `p( 99.90 )`. */
  readonly aggregation: string;
  readonly operator: ThresholdOperator;
  readonly value: number;
}

/**
 * Reads `p(95)<500`, `rate < 0.01`, `count>0` by k6's grammar; undefined for anything else. A summary's
 * expressions were checked before the run (@fpt/metrics says what is wrong with one), but a summary made
 * by hand can hold anything, and its words then keep the expression as written.
 */
export function parseThreshold(expression: string): ParsedThreshold | undefined {
  const text = expression.trim();
  const operator = thresholdOperators.find((candidate) => text.includes(candidate));
  if (operator === undefined) return undefined;
  const at = text.indexOf(operator);
  const left = text.slice(0, at).trim();
  const right = text.slice(at + operator.length).trim();
  if (OPERATOR_CHARS.test(left) || OPERATOR_CHARS.test(right)) return undefined;
  const value = parsePlainNumber(right);
  const aggregation = aggregationKey(left);
  if (value === undefined || aggregation === undefined) return undefined;
  return { aggregation, operator: operator === '===' ? '==' : operator, value };
}

function aggregationKey(text: string): string | undefined {
  if (NAMED.has(text)) return text;
  const inner = /^p\s*\((.*)\)$/.exec(text)?.[1];
  const percentile = inner === undefined ? undefined : parsePlainNumber(inner.trim());
  if (percentile === undefined || percentile < 0 || percentile > 100) return undefined;
  // p(-0) is p(0).
  return `p(${percentile === 0 ? 0 : percentile})`;
}
