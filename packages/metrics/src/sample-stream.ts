import type { TagSet, Tags } from './tag-set-registry.js';

/** Receives every sample a store's sinks take, as it is taken (per-sample outputs: k6's JSON and CSV). */
export interface SampleTap {
  record(metric: string, tagSet: TagSet, value: number, timeMs: number): void;
}

/**
 * Samples gathered since the last drain, as plain data that crosses a worker boundary cheaply: one
 * Float64Array of (metric, tags, value, time) rows, indexes into the metric names and tag sets listed.
 */
export interface SampleBatch {
  readonly metrics: readonly string[];
  readonly tagSets: readonly Tags[];
  /** Rows of four numbers: index into metrics, index into tagSets, value, epoch milliseconds. */
  readonly rows: Float64Array;
}

/** Values per row of SampleBatch.rows. */
export const SAMPLE_ROW = 4;

/**
 * A SampleTap that keeps samples until drained, in compact form. Names and tag sets are numbered per
 * batch, so a batch stands alone whichever store or thread made it.
 */
export class SampleBuffer implements SampleTap {
  #rows = new Float64Array(SAMPLE_ROW * 1024);
  #length = 0;
  readonly #metrics = new Map<string, number>();
  readonly #tagSets = new Map<number, { readonly index: number; readonly tags: Tags }>();

  get size(): number {
    return this.#length / SAMPLE_ROW;
  }

  record(metric: string, tagSet: TagSet, value: number, timeMs: number): void {
    let metricIndex = this.#metrics.get(metric);
    if (metricIndex === undefined) {
      metricIndex = this.#metrics.size;
      this.#metrics.set(metric, metricIndex);
    }
    let tags = this.#tagSets.get(tagSet.id);
    if (tags === undefined) {
      tags = { index: this.#tagSets.size, tags: tagSet.tags };
      this.#tagSets.set(tagSet.id, tags);
    }
    if (this.#length + SAMPLE_ROW > this.#rows.length) {
      const grown = new Float64Array(this.#rows.length * 2);
      grown.set(this.#rows);
      this.#rows = grown;
    }
    const rows = this.#rows;
    const at = this.#length;
    rows[at] = metricIndex;
    rows[at + 1] = tags.index;
    rows[at + 2] = value;
    rows[at + 3] = timeMs;
    this.#length = at + SAMPLE_ROW;
  }

  /** The samples so far, then empty. */
  drain(): SampleBatch {
    const batch: SampleBatch = {
      metrics: [...this.#metrics.keys()],
      tagSets: [...this.#tagSets.values()].map((entry) => entry.tags),
      rows: this.#rows.slice(0, this.#length),
    };
    this.#length = 0;
    this.#metrics.clear();
    this.#tagSets.clear();
    return batch;
  }
}

/** Calls `each` for every sample of a batch, in the order they were taken within their part. */
export function forEachSample(
  batch: SampleBatch,
  each: (metric: string, tags: Tags, value: number, timeMs: number) => void,
): void {
  const { rows, metrics, tagSets } = batch;
  for (let at = 0; at < rows.length; at += SAMPLE_ROW) {
    each(metrics[rows[at]!]!, tagSets[rows[at + 1]!]!, rows[at + 2]!, rows[at + 3]!);
  }
}
