import {
  type MetricType,
  parseMetricSelector,
  parseThresholdExpression,
  type ThresholdExpression,
  type ThresholdOperator,
  type ThresholdOutcome,
  type ValueContains,
} from '@fpt/metrics';
import type { SummaryMetric } from '../summary-data.js';
import { formatValue, type ValueKind, valueKindOf } from './value-kind.js';

export const ThresholdStatus = {
  passed: 'passed',
  failed: 'failed',
  noData: 'no-data',
  noDataAllowed: 'no-data-allowed',
} as const;
export type ThresholdStatus = (typeof ThresholdStatus)[keyof typeof ThresholdStatus];

/** One threshold in words, for the report's table, its verdict line and JUnit messages. */
export interface ThresholdDescription {
  readonly status: ThresholdStatus;
  /** The thresholds key, e.g. http_req_duration{name:login}. */
  readonly key: string;
  readonly metric: string;
  readonly expression: string;
  readonly abortOnFail: boolean;
  /** p(95), rate, count…; the expression's text before the operator when it does not parse. */
  readonly aggregation: string;
  readonly kind: ValueKind;
  readonly parsed?: ThresholdExpression;
  /** "612 ms"; "no data" without samples. */
  readonly observedText: string;
  /** "< 500 ms"; the expression itself when it does not parse. */
  readonly limitText: string;
  /** "p(95) 612 ms ≥ 500 ms on http_req_duration{name:cart}", or why there is no number. */
  readonly sentence: string;
  /** How far inside (positive) or past (negative) the limit, as a share of the limit; undefined if unknowable. */
  readonly margin?: number;
}

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

/**
 * Describes a threshold outcome in a person's units. `metrics` is the summary's metrics map, which has
 * an entry for every threshold key whose metric exists; it gives the type and unit of the value.
 */
export function describeThreshold(
  outcome: ThresholdOutcome,
  metrics: Readonly<Record<string, SummaryMetric>>,
): ThresholdDescription {
  const key = selectorKey(outcome.metric);
  const metric = metricName(key);
  const parsed = tryParse(outcome.expression);
  const aggregation = parsed?.aggregationKey ?? (outcome.expression.split(/[<>=!]/)[0]?.trim() || 'value');
  const entry = Object.hasOwn(metrics, key)
    ? metrics[key]
    : Object.hasOwn(metrics, metric)
      ? metrics[metric]
      : undefined;
  const kind = valueKindOf(
    entry?.type ?? guessType(aggregation),
    entry?.contains ?? guessContains(aggregation),
    aggregation,
  );
  const limitText = parsed
    ? `${SYMBOL[parsed.operator]} ${formatValue(parsed.value, kind)}`
    : outcome.expression;
  const base = {
    key,
    metric,
    expression: outcome.expression,
    abortOnFail: outcome.abortOnFail,
    aggregation,
    kind,
    ...(parsed ? { parsed } : {}),
    limitText,
  };

  if (outcome.noData || outcome.observed === undefined) {
    const allowed = outcome.ok && outcome.allowNoData;
    return {
      ...base,
      status: allowed ? ThresholdStatus.noDataAllowed : ThresholdStatus.noData,
      observedText: 'no data',
      sentence: allowed
        ? `no data on ${key} (allowed by allowNoData)`
        : `no data on ${key}: ${outcome.noDataReason ?? 'no sample matched'}, and a threshold without data fails unless it sets allowNoData`,
    };
  }
  const observedText = formatValue(outcome.observed, kind);
  const margin = parsed && parsed.value !== 0 ? marginOf(parsed, outcome.observed) : undefined;
  const relation = parsed
    ? outcome.ok
      ? SYMBOL[parsed.operator]
      : CROSSED[parsed.operator]
    : outcome.ok
      ? 'within'
      : 'crosses';
  const limit = parsed ? formatValue(parsed.value, kind) : outcome.expression;
  return {
    ...base,
    status: outcome.ok ? ThresholdStatus.passed : ThresholdStatus.failed,
    observedText,
    sentence: `${aggregation} ${observedText} ${relation} ${limit} on ${key}`,
    ...(margin === undefined ? {} : { margin }),
  };
}

function marginOf(parsed: ThresholdExpression, observed: number): number | undefined {
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

function tryParse(expression: string): ThresholdExpression | undefined {
  try {
    return parseThresholdExpression(expression);
  } catch {
    // Expressions were checked before the run; a hand-made summary can still hold anything.
    return undefined;
  }
}

function selectorKey(key: string): string {
  try {
    return parseMetricSelector(key).key;
  } catch {
    return key.trim();
  }
}

function metricName(key: string): string {
  const open = key.indexOf('{');
  return open === -1 ? key : key.slice(0, open).trim();
}

function guessType(aggregation: string): MetricType {
  if (aggregation === 'count') return 'counter';
  if (aggregation === 'rate') return 'rate';
  if (aggregation === 'value') return 'gauge';
  return 'trend';
}

function guessContains(aggregation: string): ValueContains {
  return guessType(aggregation) === 'trend' ? 'time' : 'default';
}
