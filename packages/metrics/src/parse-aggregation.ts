import { parsePlainNumber } from '@fpt/readable';
import { formatGoFloat } from './format-go-float.js';
import type { ThresholdAggregation } from './threshold-expression.js';

const NAMED = new Set(['avg', 'min', 'max', 'med', 'count', 'rate', 'value']);
const KNOWN_LIST = 'avg, min, max, med, p(N), count, rate, value';

export type ParsedAggregation =
  | { readonly ok: true; readonly aggregation: ThresholdAggregation; readonly key: string }
  | { readonly ok: false; readonly problem: string; readonly hint: string };

/**
 * Parses an aggregation method such as `avg` or `p(95)`. Case-sensitive like k6, but spaces inside and
 * before the parentheses of p(N) are tolerated; the normalised key is what k6 would accept.
 */
export function parseAggregation(text: string): ParsedAggregation {
  if (NAMED.has(text)) {
    return { ok: true, aggregation: { kind: text as 'avg' }, key: text };
  }
  const percentile = /^p\s*\((.*)\)$/.exec(text);
  if (percentile !== null) {
    const inner = percentile[1]!.trim();
    const value = parsePlainNumber(inner);
    if (value === undefined) {
      return {
        ok: false,
        problem: `percentile ${JSON.stringify(inner)} is not a number`,
        hint: 'write a percentile as p(N) with N a number from 0 to 100, for example p(95) or p(99.9)',
      };
    }
    if (value < 0 || value > 100) {
      return {
        ok: false,
        problem: `percentile ${inner} is outside 0..100`,
        hint: 'N in p(N) is a percentage from 0 to 100: p(99) is the 99th percentile, p(99.9) the 99.9th',
      };
    }
    // p(-0) parses to -0, which is in range but should not leak into comparisons or keys.
    const normalised = value === 0 ? 0 : value;
    return {
      ok: true,
      aggregation: { kind: 'percentile', percentile: normalised },
      key: `p(${formatGoFloat(normalised)})`,
    };
  }
  return { ok: false, problem: `unknown aggregation ${JSON.stringify(text)}`, hint: suggest(text) };
}

function suggest(text: string): string {
  const lower = text.toLowerCase();
  if (lower !== text && parseAggregation(lower).ok) {
    return `aggregation names are lower case: write ${lower}; known aggregations are ${KNOWN_LIST}`;
  }
  const bare = /^p\s*(\d+(?:\.\d+)?)$/i.exec(text);
  if (bare !== null) return `write percentiles with parentheses: p(${bare[1]})`;
  if (/^(mean|average)$/i.test(text)) return 'the mean is written avg';
  if (/^(median)$/i.test(text)) return 'the median is written med';
  if (/^p\s*\(/.test(text)) return 'close the parenthesis: p(95)';
  return `known aggregations are ${KNOWN_LIST}; write <aggregation><operator><number>, for example p(95)<500`;
}
