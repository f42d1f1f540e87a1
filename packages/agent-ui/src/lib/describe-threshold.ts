import type { SummaryMetric, SummaryThreshold } from '../api/summary-types.js';
import { formatBytes } from './format-bytes.js';
import { formatCount } from './format-count.js';
import { formatMs } from './format-latency.js';
import { formatRate } from './format-rate.js';
import { formatShare } from './format-share.js';
import { trimNumber } from './trim-number.js';

/**
 * A threshold outcome in a person's units, worded as the HTML report words it
 * (packages/report/src/readable/describe-threshold.ts): the UI imports no workspace package, so this is
 * its own copy, kept to the same sentences ("p(95) 603 ms ≥ 500 ms on http_req_duration").
 */

export type ThresholdStatus = 'passed' | 'failed' | 'no-data' | 'no-data-allowed';

/** What a number means, which decides how a person reads it. */
export type ValueKind = 'time' | 'share' | 'per-second' | 'data' | 'data-per-second' | 'count' | 'number';

export type ThresholdOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface ParsedThreshold {
  /** `p(95)`, `rate`, `count`, `avg`… */
  readonly aggregation: string;
  readonly operator: ThresholdOperator;
  readonly value: number;
}

export interface ThresholdWords {
  readonly status: ThresholdStatus;
  /** The thresholds key, e.g. http_req_duration{name:login}. */
  readonly key: string;
  /** The metric's name without a tag filter. */
  readonly metric: string;
  readonly expression: string;
  readonly abortOnFail: boolean;
  readonly aggregation: string;
  readonly kind: ValueKind;
  /** "612 ms"; "no data" without samples. */
  readonly observedText: string;
  /** "< 500 ms"; the expression itself when it does not parse. */
  readonly limitText: string;
  /** "p(95) 612 ms ≥ 500 ms on http_req_duration{name:cart}", or why there is no number. */
  readonly sentence: string;
  /** How far inside (positive) or past (negative) the limit, as a share of the limit. */
  readonly margin?: number;
  /** "+18.0 %" inside the limit, "−20.6 %" past it; a dash when unknowable. */
  readonly marginText: string;
}

// k6 looks for each operator in this order and splits on the first one present.
const OPERATORS = ['<=', '<', '>=', '>', '===', '==', '!='] as const;

const SYMBOL: Readonly<Record<ThresholdOperator, string>> = {
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
  '==': '=',
  '!=': '≠',
};
// What the observed value was, relative to the limit, when the comparison did not hold.
const CROSSED: Readonly<Record<ThresholdOperator, string>> = {
  '<': '≥',
  '<=': '>',
  '>': '≤',
  '>=': '<',
  '==': '≠',
  '!=': '=',
};

/** Parses `p(95)<500`, `rate < 0.01`, `count>0`; undefined when it is not an expression of k6's grammar. */
export function parseThreshold(expression: string): ParsedThreshold | undefined {
  const text = expression.trim();
  for (const candidate of OPERATORS) {
    const at = text.indexOf(candidate);
    if (at === -1) continue;
    const left = text.slice(0, at).trim();
    const right = text.slice(at + candidate.length).trim();
    if (left === '' || right === '' || /[<>=!]/.test(right)) return undefined;
    const value = Number(right);
    if (!Number.isFinite(value)) return undefined;
    const percentile = /^p\s*\(\s*([^)]*?)\s*\)$/.exec(left);
    const aggregation = percentile ? `p(${Number(percentile[1])})` : left;
    if (percentile && !Number.isFinite(Number(percentile[1]))) return undefined;
    return { aggregation, operator: candidate === '===' ? '==' : candidate, value };
  }
  return undefined;
}

export function valueKindOf(
  type: SummaryMetric['type'],
  contains: SummaryMetric['contains'],
  aggregation: string,
): ValueKind {
  switch (type) {
    case 'rate':
      return aggregation === 'passes' || aggregation === 'fails' ? 'count' : 'share';
    case 'counter':
      if (aggregation === 'rate') return contains === 'data' ? 'data-per-second' : 'per-second';
      return contains === 'data' ? 'data' : 'count';
    case 'trend':
      if (aggregation === 'count') return 'count';
      return contains === 'time' ? 'time' : contains === 'data' ? 'data' : 'number';
    default:
      return contains === 'data' ? 'data' : 'number';
  }
}

export function formatValue(value: number, kind: ValueKind): string {
  switch (kind) {
    case 'time':
      return formatMs(value);
    case 'share':
      return formatShare(value);
    case 'per-second':
      return formatRate(value);
    case 'data':
      return formatBytes(value);
    case 'data-per-second':
      return `${formatBytes(value)}/s`;
    case 'count':
      return Number.isInteger(value) ? formatCount(value) : trimNumber(value);
    default:
      return trimNumber(value);
  }
}

function guessType(aggregation: string): SummaryMetric['type'] {
  if (aggregation === 'count') return 'counter';
  if (aggregation === 'rate') return 'rate';
  if (aggregation === 'value') return 'gauge';
  return 'trend';
}

function marginOf(parsed: ParsedThreshold, observed: number): number | undefined {
  if (parsed.value === 0) return undefined;
  const room = (parsed.value - observed) / Math.abs(parsed.value);
  switch (parsed.operator) {
    case '<':
    case '<=':
      return room;
    case '>':
    case '>=':
      return -room;
    default:
      return undefined;
  }
}

/** "+18.0 %" (inside the limit) or "−20.6 %" (past it). */
export function formatMargin(margin: number | undefined): string {
  if (margin === undefined) return '—';
  return `${margin >= 0 ? '+' : '−'}${formatShare(Math.abs(margin))}`;
}

/**
 * Describes a threshold outcome of summary.json's `fpt.thresholds`. `metrics` is the summary's metrics
 * map: it gives the type and unit of the value (ms for a time trend, % for a rate, /s for a counter's rate).
 */
export function describeThreshold(
  outcome: SummaryThreshold,
  metrics: Readonly<Record<string, SummaryMetric>>,
): ThresholdWords {
  const key = outcome.metric.trim();
  const open = key.indexOf('{');
  const metric = open === -1 ? key : key.slice(0, open).trim();
  const parsed = parseThreshold(outcome.expression);
  const aggregation = parsed?.aggregation ?? (outcome.expression.split(/[<>=!]/)[0]?.trim() || 'value');
  const entry = Object.hasOwn(metrics, key)
    ? metrics[key]
    : Object.hasOwn(metrics, metric)
      ? metrics[metric]
      : undefined;
  const type = entry?.type ?? guessType(aggregation);
  const contains = entry?.contains ?? (type === 'trend' ? 'time' : 'default');
  const kind = valueKindOf(type, contains, aggregation);
  const limit = parsed ? formatValue(parsed.value, kind) : outcome.expression;
  const base = {
    key,
    metric,
    expression: outcome.expression,
    abortOnFail: outcome.abortOnFail,
    aggregation,
    kind,
    limitText: parsed ? `${SYMBOL[parsed.operator]} ${limit}` : outcome.expression,
  };
  if (outcome.noData || outcome.observed === undefined) {
    const allowed = outcome.ok && outcome.allowNoData;
    return {
      ...base,
      status: allowed ? 'no-data-allowed' : 'no-data',
      observedText: 'no data',
      marginText: '—',
      sentence: allowed
        ? `no data on ${key} (allowed by allowNoData)`
        : `no data on ${key}: ${outcome.noDataReason ?? 'no sample matched'}, and a threshold without data fails unless it sets allowNoData`,
    };
  }
  const observedText = formatValue(outcome.observed, kind);
  const margin = parsed ? marginOf(parsed, outcome.observed) : undefined;
  const relation = parsed
    ? outcome.ok
      ? SYMBOL[parsed.operator]
      : CROSSED[parsed.operator]
    : outcome.ok
      ? 'within'
      : 'crosses';
  return {
    ...base,
    status: outcome.ok ? 'passed' : 'failed',
    observedText,
    sentence: `${aggregation} ${observedText} ${relation} ${limit} on ${key}`,
    marginText: formatMargin(margin),
    ...(margin === undefined ? {} : { margin }),
  };
}

const failingFirst: Readonly<Record<ThresholdStatus, number>> = {
  failed: 0,
  'no-data': 1,
  'no-data-allowed': 2,
  passed: 3,
};

/** Every threshold in words, crossed ones first (then those without data), in the summary's order otherwise. */
export function describeThresholds(
  thresholds: readonly SummaryThreshold[],
  metrics: Readonly<Record<string, SummaryMetric>>,
): ThresholdWords[] {
  return thresholds
    .map((t, i) => ({ words: describeThreshold(t, metrics), ok: t.ok, i }))
    .sort(
      (a, b) =>
        Number(a.ok) - Number(b.ok) ||
        failingFirst[a.words.status] - failingFirst[b.words.status] ||
        a.i - b.i,
    )
    .map((t) => t.words);
}
