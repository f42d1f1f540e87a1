import { SnapshotFormatError } from './snapshot-format-error.js';

/** What a failed request was and why, as the summary lists it. */
export interface FailureKey {
  readonly scenario: string;
  readonly name: string;
  readonly method: string;
  /** The HTTP status as text; "0" when no response arrived. */
  readonly status: string;
  /** k6's error code as text; "" when there is none. */
  readonly errorCode: string;
  /** Why, in words: the network or TLS failure, the status, the body that could not be read. */
  readonly message: string;
}

export interface FailureEntry extends FailureKey {
  readonly count: number;
  /** When it was first seen, epoch ms. */
  readonly firstSeenMs: number;
}

/** The log as it travels in snapshots: its entries, and the failures left out once it was full. */
export interface EncodedFailures {
  readonly entries: readonly FailureEntry[];
  /** Failures whose reason was not kept (the log held `maxFailureReasons` distinct ones already). */
  readonly others: number;
}

/** Distinct reasons kept per run; a target failing in endless ways cannot grow memory or the summary. */
export const maxFailureReasons = 100;

type MutableEntry = { -readonly [K in keyof FailureEntry]: FailureEntry[K] };

/**
 * Why requests failed, in bounded form: per request, status, error code and message, a count and when it
 * was first seen. At most `maxFailureReasons` distinct reasons are kept; later new ones only count as
 * `others`. Merges like the metrics it travels with (counts add, first-seen takes the earliest), so the
 * log of a whole run, of every worker and agent, is one log.
 */
export class FailureLog {
  readonly #entries = new Map<string, MutableEntry>();
  #others = 0;

  get size(): number {
    return this.#entries.size;
  }

  get others(): number {
    return this.#others;
  }

  record(key: FailureKey, atMs: number, count = 1): void {
    const id = keyOf(key);
    const entry = this.#entries.get(id);
    if (entry) {
      entry.count += count;
      if (atMs < entry.firstSeenMs) entry.firstSeenMs = atMs;
      return;
    }
    if (this.#entries.size >= maxFailureReasons) {
      this.#others += count;
      return;
    }
    this.#entries.set(id, {
      scenario: key.scenario,
      name: key.name,
      method: key.method,
      status: key.status,
      errorCode: key.errorCode,
      message: key.message,
      count,
      firstSeenMs: atMs,
    });
  }

  /** Entries, most frequent first, earliest first among equals. */
  entries(): FailureEntry[] {
    return [...this.#entries.values()]
      .map((entry) => ({ ...entry }))
      .sort((a, b) => b.count - a.count || a.firstSeenMs - b.firstSeenMs);
  }

  encode(): EncodedFailures {
    return { entries: this.entries(), others: this.#others };
  }

  merge(encoded: EncodedFailures): void {
    for (const entry of encoded.entries) this.record(entry, entry.firstSeenMs, entry.count);
    this.#others += encoded.others;
  }

  clear(): void {
    this.#entries.clear();
    this.#others = 0;
  }

  /** Checks a log that came from elsewhere (a file, another agent) before anything of it is merged. */
  static validate(value: unknown): EncodedFailures {
    const log = value as EncodedFailures | undefined;
    if (
      typeof log !== 'object' ||
      log === null ||
      !Array.isArray(log.entries) ||
      typeof log.others !== 'number' ||
      !Number.isFinite(log.others) ||
      log.others < 0
    )
      throw new SnapshotFormatError('a snapshot\'s "failures" needs an entries array and an others count');
    for (const entry of log.entries) {
      const fields = ['scenario', 'name', 'method', 'status', 'errorCode', 'message'] as const;
      if (
        typeof entry !== 'object' ||
        entry === null ||
        fields.some((field) => typeof entry[field] !== 'string') ||
        !Number.isInteger(entry.count) ||
        entry.count < 1 ||
        !Number.isFinite(entry.firstSeenMs)
      )
        throw new SnapshotFormatError(`a snapshot has a malformed failure entry ${JSON.stringify(entry)}`);
    }
    return log;
  }
}

function keyOf(key: FailureKey): string {
  return `${key.scenario}\u0000${key.name}\u0000${key.method}\u0000${key.status}\u0000${key.errorCode}\u0000${key.message}`;
}
