import { formatMarginShare } from './format-margin.js';
import { type ParsedThreshold, parseThreshold, type ThresholdOperator } from './parse-threshold.js';
import { metricOfKey, thresholdKey } from './threshold-key.js';
import { ThresholdStatus } from './threshold-status.js';
import { formatValue, type MetricFacts, type ValueKind, valueKindOf } from './value-kind.js';

/**
 * A threshold's outcome as the run's summary holds it (summary.json's `fpt.thresholds`). @fpt/metrics'
 * ThresholdOutcome is this type, so that a field the words need is one the run records.
 */
export interface ThresholdOutcomeFacts {
  /** The thresholds key: metric name with its tag filter, e.g. http_req_duration{name:login}. */
  readonly metric: string;
  readonly expression: string;
  readonly ok: boolean;
  /** The metric got no samples; fails unless allowNoData. */
  readonly noData: boolean;
  /** Why it could have none in this run, when FPT knows (no scenario that can drop iterations). */
  readonly noDataReason?: string;
  readonly observed?: number;
  readonly abortOnFail: boolean;
  readonly allowNoData: boolean;
}

/** One threshold in words, for a verdict's reason, a thresholds table and JUnit messages. */
export interface ThresholdDescription {
  readonly status: ThresholdStatus;
  /** The thresholds key, e.g. http_req_duration{name:login}. */
  readonly key: string;
  /** The metric's name without a tag filter. */
  readonly metric: string;
  readonly expression: string;
  readonly abortOnFail: boolean;
  /** p(95), rate, count…; the expression's text before the operator when it does not parse. */
  readonly aggregation: string;
  readonly kind: ValueKind;
  /** "612 ms"; "no data" without samples. */
  readonly observedText: string;
  /** "< 500 ms"; the expression itself when it does not parse. */
  readonly limitText: string;
  /** "p(95) 612 ms ≥ 500 ms on http_req_duration{name:cart}", or why there is no number. */
  readonly sentence: string;
  /** How far inside (positive) or past (negative) the limit, as a share of the limit; undefined if unknowable. */
  readonly margin?: number;
  /** The margin in words: "+18.0 %", "−20.6 %", or a dash. */
  readonly marginText: string;
  /** The same distance in the metric's unit (ms, a 0..1 share, /s…): limit − observed, signed as margin. */
  readonly room?: number;
}

/** How an operator reads in a sentence or on a chart's limit line: `<=` is ≤. */
export const operatorSymbol: Readonly<Record<ThresholdOperator, string>> = {
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
 * Describes a threshold outcome in a person's units. `metrics` is the summary's metrics map, which has an
 * entry for every threshold key whose metric exists; it gives the type and unit of the value (ms for a time
 * trend, % for a rate, /s for a counter's rate). A metric it lacks is guessed from the aggregation.
 */
export function describeThreshold(
  outcome: ThresholdOutcomeFacts,
  metrics: Readonly<Record<string, MetricFacts>>,
): ThresholdDescription {
  const key = thresholdKey(outcome.metric);
  const metric = metricOfKey(key);
  const parsed = parseThreshold(outcome.expression);
  const aggregation = parsed?.aggregation ?? (outcome.expression.split(/[<>=!]/)[0]?.trim() || 'value');
  const entry = Object.hasOwn(metrics, key)
    ? metrics[key]
    : Object.hasOwn(metrics, metric)
      ? metrics[metric]
      : undefined;
  const type = entry?.type ?? guessType(aggregation);
  const kind = valueKindOf(type, entry?.contains ?? (type === 'trend' ? 'time' : 'default'), aggregation);
  const limit = parsed ? formatValue(parsed.value, kind) : outcome.expression;
  const base = {
    key,
    metric,
    expression: outcome.expression,
    abortOnFail: outcome.abortOnFail,
    aggregation,
    kind,
    limitText: parsed ? `${operatorSymbol[parsed.operator]} ${limit}` : outcome.expression,
  };

  if (outcome.noData || outcome.observed === undefined) {
    const allowed = outcome.ok && outcome.allowNoData;
    return {
      ...base,
      status: allowed ? ThresholdStatus.noDataAllowed : ThresholdStatus.noData,
      observedText: 'no data',
      marginText: formatMarginShare(undefined),
      sentence: allowed
        ? `no data on ${key} (allowed by allowNoData)`
        : `no data on ${key}: ${outcome.noDataReason ?? 'no sample matched'}, and a threshold without data fails unless it sets allowNoData`,
    };
  }
  const observedText = formatValue(outcome.observed, kind);
  const room = parsed ? roomOf(parsed, outcome.observed) : undefined;
  // A share of a zero limit means nothing; the room in the metric's unit still does (count>0).
  const margin =
    parsed && room !== undefined && parsed.value !== 0 ? room / Math.abs(parsed.value) : undefined;
  const relation = parsed
    ? outcome.ok
      ? operatorSymbol[parsed.operator]
      : CROSSED[parsed.operator]
    : outcome.ok
      ? 'within'
      : 'crosses';
  return {
    ...base,
    status: outcome.ok ? ThresholdStatus.passed : ThresholdStatus.failed,
    observedText,
    sentence: `${aggregation} ${observedText} ${relation} ${limit} on ${key}`,
    marginText: formatMarginShare(margin),
    ...(margin === undefined ? {} : { margin }),
    ...(room === undefined ? {} : { room }),
  };
}

/** How far inside (+) or past (−) the limit, in the metric's unit; undefined for == and !=. */
function roomOf(parsed: ParsedThreshold, observed: number): number | undefined {
  const room = parsed.value - observed;
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

function guessType(aggregation: string): MetricFacts['type'] {
  if (aggregation === 'count') return 'counter';
  if (aggregation === 'rate') return 'rate';
  if (aggregation === 'value') return 'gauge';
  return 'trend';
}
