import { isDiskFullError } from './disk-space.js';
import type { RunIndex } from './run-index.js';
import type { RunRecord } from './run-row.js';
import type { SpaceReserve } from './space-reserve.js';

/** How often rows that could not be written are tried again. */
const retryIntervalMs = 5000;

/**
 * Run rows the index could not take (a full disk: SQLite answers SQLITE_FULL and rolls the write back,
 * so the file stays whole). They are kept in memory and written as soon as there is room again, newest
 * version of each row winning; the agent meanwhile serves them from here, so a finished run does not
 * look like it still runs.
 */
export class DeferredIndexWrites {
  readonly #index: RunIndex;
  readonly #log: (line: string) => void;
  readonly #reserve: SpaceReserve | undefined;
  readonly #records = new Map<string, RunRecord>();
  #timer: NodeJS.Timeout | undefined;

  constructor(index: RunIndex, log: (line: string) => void, reserve?: SpaceReserve) {
    this.#index = index;
    this.#log = log;
    this.#reserve = reserve;
  }

  /**
   * Writes the row; on a full disk the agent's reserved room is given back and the write tried again, and
   * failing that the row is kept for later. Other failures are logged, never thrown.
   */
  update(record: RunRecord): void {
    try {
      this.#write(record);
      this.#records.delete(record.id);
    } catch (error) {
      if (!isDiskFullError(error)) {
        this.#log(`run ${record.id}: its row could not be written: ${(error as Error).message}`);
        return;
      }
      if (!this.#records.has(record.id))
        this.#log(
          `run ${record.id}: the disk is full; its row is kept in memory and written when there is room`,
        );
      this.#records.set(record.id, record);
      this.#schedule();
    }
  }

  /** A row still waiting for room, if any: the truest version of that run. */
  get(id: string): RunRecord | undefined {
    return this.#records.get(id);
  }

  get size(): number {
    return this.#records.size;
  }

  /** Tries every waiting row now; returns how many are still waiting. */
  flush(): number {
    for (const record of [...this.#records.values()]) {
      try {
        this.#write(record);
        this.#records.delete(record.id);
        this.#log(`run ${record.id}: its row was written now that there is room`);
      } catch (error) {
        if (!isDiskFullError(error)) {
          this.#records.delete(record.id);
          this.#log(`run ${record.id}: its row could not be written: ${(error as Error).message}`);
        }
      }
    }
    return this.#records.size;
  }

  #write(record: RunRecord): void {
    try {
      this.#index.update(record);
    } catch (error) {
      if (!isDiskFullError(error) || !this.#reserve?.release()) throw error;
      this.#log('the disk is full: the agent gave back its reserved room to record how a run ended');
      this.#index.update(record);
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      if (this.flush() === 0) this.stop();
    }, retryIntervalMs);
    this.#timer.unref();
  }
}
