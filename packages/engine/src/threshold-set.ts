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
import { executorCanDrop } from './executors/create-executor.js';

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

/**
 * The preset's thresholds, parsed once and evaluated against the merged metrics whenever asked. A run that
 * covers some regions only (`regions`: one for a run on an agent, the chosen ones for a fleet run) cannot
 * have samples of the others, so a threshold filtered on another region (`http_req_duration{region:eu-far}`
 * in an eu-near run) does not apply there: it is reported as no data, allowed, and is judged by a run that
 * covers that region. Without `regions` every threshold applies, as in k6.
 */
export class ThresholdSet {
  readonly #thresholds: PreparedThreshold[];
  readonly #regions: ReadonlySet<string> | undefined;
  /** Why a threshold on dropped_iterations can have no data in this run, when that is the case. */
  readonly #noDropReason: string | undefined;

  constructor(
    thresholds: Preset['thresholds'],
    regions?: readonly string[],
    scenarios?: Preset['scenarios'],
  ) {
    this.#regions = regions ? new Set(regions) : undefined;
    const executors = Object.values(scenarios ?? {}).map((spec) => spec.executor);
    this.#noDropReason =
      scenarios !== undefined && !executors.some(executorCanDrop)
        ? `no scenario of this run can drop iterations (it runs only ${[...new Set(executors)].join(', ')}; arrival-rate and iteration executors drop)`
        : undefined;
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
      const region = threshold.filter.region;
      if (this.#regions && region !== undefined && !this.#regions.has(region)) {
        return {
          metric: threshold.key,
          expression: threshold.source,
          ok: true,
          noData: true,
          abortOnFail: threshold.abortOnFail,
          allowNoData: threshold.allowNoData,
        };
      }
      const sink = store.aggregate(threshold.metric, threshold.filter);
      const result = evaluateThreshold(threshold.expression, sink, elapsedMs);
      const noDataReason =
        result.noData && threshold.metric === 'dropped_iterations' ? this.#noDropReason : undefined;
      return {
        metric: threshold.key,
        expression: threshold.source,
        ok: result.noData ? threshold.allowNoData : result.ok,
        noData: result.noData,
        ...(noDataReason === undefined ? {} : { noDataReason }),
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
