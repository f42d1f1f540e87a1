import {
  evaluateThreshold,
  type MetricStore,
  parseMetricSelector,
  parseThresholdExpression,
  type Tags,
  type ThresholdExpression,
  type ThresholdOutcome,
} from '@fpt/metrics';
import type { Preset } from '@fpt/preset';
import { parseDurationMs } from '@fpt/preset';

interface PreparedThreshold {
  readonly key: string;
  readonly metric: string;
  readonly filter: Tags;
  readonly expression: ThresholdExpression;
  readonly source: string;
  readonly abortOnFail: boolean;
  readonly delayAbortMs: number;
  readonly allowNoData: boolean;
}

/** The preset's thresholds, parsed once and evaluated against the merged metrics whenever asked. */
export class ThresholdSet {
  readonly #thresholds: PreparedThreshold[];

  constructor(thresholds: Preset['thresholds']) {
    this.#thresholds = Object.entries(thresholds ?? {}).flatMap(([key, entries]) => {
      const selector = parseMetricSelector(key);
      return entries.map((entry) => {
        const long = typeof entry === 'string' ? undefined : entry;
        const source = long ? long.threshold : (entry as string);
        return {
          key,
          metric: selector.metric,
          filter: selector.filter,
          expression: parseThresholdExpression(source),
          source,
          abortOnFail: long?.abortOnFail ?? false,
          delayAbortMs: long?.delayAbortEval ? parseDurationMs(long.delayAbortEval) : 0,
          allowNoData: long?.allowNoData ?? false,
        };
      });
    });
  }

  get size(): number {
    return this.#thresholds.length;
  }

  evaluate(store: MetricStore, elapsedMs: number): ThresholdOutcome[] {
    return this.#thresholds.map((threshold) => {
      const sink = store.aggregate(threshold.metric, threshold.filter);
      const result = evaluateThreshold(threshold.expression, sink, elapsedMs);
      return {
        metric: threshold.key,
        expression: threshold.source,
        ok: result.noData ? threshold.allowNoData : result.ok,
        noData: result.noData,
        ...(result.observed === undefined ? {} : { observed: result.observed }),
        abortOnFail: threshold.abortOnFail,
        allowNoData: threshold.allowNoData,
      };
    });
  }

  /**
   * Thresholds that should stop the run now: failing, abortOnFail, past their delay. "No data" does not
   * abort: early in a run most metrics have none yet.
   */
  abortingFailures(outcomes: readonly ThresholdOutcome[], elapsedMs: number): ThresholdOutcome[] {
    return outcomes.filter((outcome, index) => {
      const threshold = this.#thresholds[index]!;
      return threshold.abortOnFail && !outcome.ok && !outcome.noData && elapsedMs > threshold.delayAbortMs;
    });
  }
}
