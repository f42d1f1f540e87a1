import { decodeBase64, encodeBase64 } from './base64.js';
import { SnapshotFormatError } from './snapshot-format-error.js';
import { VarintReader, VarintWriter } from './varint.js';

/*
 * Layout (log-linear, 3 significant decimal digits):
 * - values 0..2047 each have their own bucket (index = value);
 * - above that, each power-of-two range [2^e, 2^(e+1)) is split into 1024 equal buckets of width
 *   2^(e-10), so a bucket is never wider than 1/1024 of its lowest value: relative error < 0.098%.
 * Index of v >= 2048 is shift * 1024 + floor(v / 2^shift) with shift = floor(log2 v) - 10, which makes
 * indices contiguous. Counts live in chunks of 1024 indices that are allocated on first use, so memory
 * depends on the range of values seen (at most 44 chunks up to 2^53), never on the number of samples.
 */
const CHUNK_BITS = 10;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;
const LINEAR_LIMIT = 2 * CHUNK_SIZE;
const MAX_VALUE = Number.MAX_SAFE_INTEGER;
const TWO_POW_32 = 4294967296;
const UINT32_MAX = 0xffffffff;
const POW2 = new Float64Array(64);
for (let i = 0; i < POW2.length; i++) POW2[i] = 2 ** i;

function indexOfValue(value: number): number {
  if (value < LINEAR_LIMIT) return value;
  // clz32 is exact where Math.log2 can be off by one just below a power of two.
  const exponent =
    value < TWO_POW_32 ? 31 - Math.clz32(value) : 63 - Math.clz32(Math.floor(value / TWO_POW_32));
  const shift = exponent - CHUNK_BITS;
  return shift * CHUNK_SIZE + Math.floor(value / POW2[shift]!);
}

const MAX_INDEX = indexOfValue(MAX_VALUE);
const CHUNK_COUNT = (MAX_INDEX >> CHUNK_BITS) + 1;

function lowestValueAt(index: number): number {
  const chunk = index >> CHUNK_BITS;
  if (chunk < 2) return index;
  const shift = chunk - 1;
  return (index - shift * CHUNK_SIZE) * POW2[shift]!;
}

function highestValueAt(index: number): number {
  const chunk = index >> CHUNK_BITS;
  if (chunk < 2) return index;
  return lowestValueAt(index) + POW2[chunk - 1]! - 1;
}

/** JSON-safe and structured-clone-safe form of an HdrHistogram. */
export interface EncodedHistogram {
  /** Bucket layout version. */
  readonly v: 1;
  readonly count: number;
  /** Exact smallest and largest recorded values; 0 when count is 0. */
  readonly min: number;
  readonly max: number;
  /**
   * Base64 of unsigned LEB128 varints walking the buckets from index 0: a non-zero varint is the count
   * of the current bucket (then move to the next), a 0 is followed by a varint N meaning "skip N empty
   * buckets". Trailing empty buckets are omitted.
   */
  readonly counts: string;
}

/** One bucket: every value from `lowest` to `highest` (inclusive) counts as the same value. */
export interface HistogramBucket {
  readonly lowest: number;
  readonly highest: number;
  readonly count: number;
}

type Chunk = Uint32Array | Float64Array;

/**
 * HDR histogram of non-negative integers with 3 significant digits, from 0 to 2^53 - 1, auto-ranging.
 * Percentiles are the highest value of the bucket holding the requested rank (never understating a
 * latency), clamped to the exact max.
 */
export class HdrHistogram {
  /** Largest value record() accepts. */
  static readonly maxValue = MAX_VALUE;

  // Uint32 counts halve memory; a chunk is widened to Float64 only if one bucket passes 2^32 - 1.
  readonly #chunks: (Chunk | undefined)[] = Array.from({ length: CHUNK_COUNT }, () => undefined);
  readonly #chunkTotals = new Float64Array(CHUNK_COUNT);
  #count = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = 0;

  /** Records `value` `count` times. Allocates only the first time a new range of values is reached. */
  record(value: number, count = 1): void {
    if (!(value >= 0 && value <= MAX_VALUE) || value % 1 !== 0) {
      throw new RangeError(`HdrHistogram.record: value must be an integer from 0 to 2^53-1, got ${value}`);
    }
    if (!(count >= 0 && count <= MAX_VALUE) || count % 1 !== 0) {
      throw new RangeError(`HdrHistogram.record: count must be a non-negative integer, got ${count}`);
    }
    if (count === 0) return;
    this.#addAt(indexOfValue(value), count);
    this.#count += count;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  get count(): number {
    return this.#count;
  }

  get min(): number {
    return this.#count === 0 ? 0 : this.#min;
  }

  get max(): number {
    return this.#max;
  }

  /** Bytes held by bucket counts; grows with the range of values, not with the number of samples. */
  get footprintBytes(): number {
    let bytes = this.#chunkTotals.byteLength;
    for (const chunk of this.#chunks) if (chunk !== undefined) bytes += chunk.byteLength;
    return bytes;
  }

  /** Value at percentile `p` (0..100) by nearest rank; 0 when empty. p=0 gives min, p=100 gives max. */
  valueAtPercentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be from 0 to 100, got ${p}`);
    if (this.#count === 0) return 0;
    if (p === 0) return this.#min;
    const rank = percentileRank(p, this.#count);
    if (rank >= this.#count) return this.#max;
    let seen = 0;
    for (let c = 0; c < CHUNK_COUNT; c++) {
      const total = this.#chunkTotals[c]!;
      if (seen + total < rank) {
        seen += total;
        continue;
      }
      const chunk = this.#chunks[c]!;
      for (let o = 0; o < CHUNK_SIZE; o++) {
        seen += chunk[o]!;
        if (seen >= rank) {
          const value = highestValueAt((c << CHUNK_BITS) + o);
          return value > this.#max ? this.#max : Math.max(value, this.#min);
        }
      }
    }
    return this.#max;
  }

  /** Adds every count of `other` into this histogram; exact, since both share one bucket layout. */
  merge(other: HdrHistogram): void {
    if (other.#count === 0) return;
    for (let c = 0; c < CHUNK_COUNT; c++) {
      const source = other.#chunks[c];
      if (source === undefined || other.#chunkTotals[c] === 0) continue;
      const base = c << CHUNK_BITS;
      for (let o = 0; o < CHUNK_SIZE; o++) {
        const n = source[o]!;
        if (n !== 0) this.#addAt(base + o, n);
      }
    }
    this.#count += other.#count;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
  }

  /** Forgets every sample but keeps the allocated chunks, so a drained series stays allocation-free. */
  reset(): void {
    for (let c = 0; c < CHUNK_COUNT; c++) {
      if (this.#chunkTotals[c] !== 0) this.#chunks[c]?.fill(0);
    }
    this.#chunkTotals.fill(0);
    this.#count = 0;
    this.#min = Number.POSITIVE_INFINITY;
    this.#max = 0;
  }

  /** Non-empty buckets in value order, for drawing the distribution. */
  *buckets(): IterableIterator<HistogramBucket> {
    for (let c = 0; c < CHUNK_COUNT; c++) {
      if (this.#chunkTotals[c] === 0) continue;
      const chunk = this.#chunks[c]!;
      for (let o = 0; o < CHUNK_SIZE; o++) {
        const count = chunk[o]!;
        if (count === 0) continue;
        const index = (c << CHUNK_BITS) + o;
        yield { lowest: lowestValueAt(index), highest: highestValueAt(index), count };
      }
    }
  }

  clone(): HdrHistogram {
    const copy = new HdrHistogram();
    copy.merge(this);
    return copy;
  }

  encode(): EncodedHistogram {
    const writer = new VarintWriter();
    let emptyRun = 0;
    let lastChunk = CHUNK_COUNT - 1;
    while (lastChunk >= 0 && this.#chunkTotals[lastChunk] === 0) lastChunk--;
    for (let c = 0; c <= lastChunk; c++) {
      const chunk = this.#chunks[c];
      if (chunk === undefined || this.#chunkTotals[c] === 0) {
        emptyRun += CHUNK_SIZE;
        continue;
      }
      for (let o = 0; o < CHUNK_SIZE; o++) {
        const n = chunk[o]!;
        if (n === 0) {
          emptyRun++;
          continue;
        }
        if (emptyRun > 0) {
          writer.write(0);
          writer.write(emptyRun);
          emptyRun = 0;
        }
        writer.write(n);
      }
    }
    return { v: 1, count: this.#count, min: this.min, max: this.#max, counts: encodeBase64(writer.bytes()) };
  }

  static decode(encoded: EncodedHistogram): HdrHistogram {
    const fail = (why: string): never => {
      throw new SnapshotFormatError(`cannot decode histogram: ${why}`);
    };
    if (typeof encoded !== 'object' || encoded === null) return fail('not an object');
    if (encoded.v !== 1) return fail(`unknown layout version ${String(encoded.v)}`);
    const { count, min, max, counts } = encoded;
    if (!isCount(count) || !isCount(min) || !isCount(max) || typeof counts !== 'string') {
      return fail('count, min, max must be non-negative integers and counts a string');
    }
    const bytes = decodeBase64(counts);
    if (bytes === undefined) return fail('counts is not valid base64');
    const histogram = new HdrHistogram();
    const reader = new VarintReader(bytes);
    let index = 0;
    let total = 0;
    while (!reader.done) {
      const token = reader.read();
      if (token === undefined) return fail('truncated or oversized varint');
      if (token === 0) {
        const run = reader.read();
        if (run === undefined || run === 0) return fail('bad empty-bucket run');
        index += run;
        continue;
      }
      if (index > MAX_INDEX) return fail('bucket index out of range');
      histogram.#addAt(index, token);
      total += token;
      index++;
    }
    if (total !== count) return fail(`bucket counts add up to ${total}, expected ${count}`);
    if (count > 0) {
      if (min > max) return fail('min is greater than max');
      const first = histogram.#firstIndex();
      const last = histogram.#lastIndex();
      if (indexOfValue(min) !== first || indexOfValue(max) !== last)
        return fail('min or max outside the buckets');
      histogram.#min = min;
      histogram.#max = max;
    } else if (min !== 0 || max !== 0) {
      return fail('an empty histogram must have min and max 0');
    }
    histogram.#count = count;
    return histogram;
  }

  #addAt(index: number, count: number): void {
    const c = index >> CHUNK_BITS;
    const o = index & CHUNK_MASK;
    let chunk = this.#chunks[c];
    if (chunk === undefined) {
      chunk = new Uint32Array(CHUNK_SIZE);
      this.#chunks[c] = chunk;
    }
    const next = chunk[o]! + count;
    if (next > UINT32_MAX && chunk instanceof Uint32Array) {
      chunk = Float64Array.from(chunk);
      this.#chunks[c] = chunk;
    }
    chunk[o] = next;
    this.#chunkTotals[c]! += count;
  }

  #firstIndex(): number {
    for (let c = 0; c < CHUNK_COUNT; c++) {
      if (this.#chunkTotals[c] === 0) continue;
      const chunk = this.#chunks[c]!;
      for (let o = 0; o < CHUNK_SIZE; o++) if (chunk[o] !== 0) return (c << CHUNK_BITS) + o;
    }
    return -1;
  }

  #lastIndex(): number {
    for (let c = CHUNK_COUNT - 1; c >= 0; c--) {
      if (this.#chunkTotals[c] === 0) continue;
      const chunk = this.#chunks[c]!;
      for (let o = CHUNK_SIZE - 1; o >= 0; o--) if (chunk[o] !== 0) return (c << CHUNK_BITS) + o;
    }
    return -1;
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * 1-based nearest rank for percentile p of n samples: ceil(p/100 * n). The tiny tolerance keeps float
 * noise (99.9 * 1000 = 99900.00000000001) from pushing the rank one sample too far.
 */
export function percentileRank(p: number, n: number): number {
  const exact = (p * n) / 100;
  const rank = Math.ceil(exact - exact * 1e-12);
  return Math.max(rank, 1);
}

/** Bucket bounds for a value, exposed for tests and for reports that draw the histogram. */
export function hdrBucketBounds(value: number): { readonly lowest: number; readonly highest: number } {
  const index = indexOfValue(value);
  return { lowest: lowestValueAt(index), highest: highestValueAt(index) };
}
