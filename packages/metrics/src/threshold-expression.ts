import type { ThresholdOperator } from '@fpt/readable';

export type ThresholdAggregation =
  | { readonly kind: 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' | 'value' }
  | { readonly kind: 'percentile'; readonly percentile: number };

export type ThresholdAggregationKind = ThresholdAggregation['kind'];

/** `===` is accepted in expressions and stored as `==`, as both mean float equality in k6. */
export type { ThresholdOperator };

export interface ThresholdExpression {
  /** The expression exactly as written; k6 keys summary thresholds by this string. */
  readonly source: string;
  readonly aggregation: ThresholdAggregation;
  /** Normalised name of the aggregation: `avg`, or `p(99.9)` for p(99.90), as k6 formats it with %g. */
  readonly aggregationKey: string;
  readonly operator: ThresholdOperator;
  readonly value: number;
}
