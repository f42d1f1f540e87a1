import type { ProcessIdentity } from './process-identity.js';
import { leaseHeartbeatMs, removeRunLease, renewRunLease, writeRunLease } from './run-lease.js';

/**
 * The leases of this agent process's runs (run-lease.ts): taken when a run starts, touched every few
 * seconds, given up once the run's final row is in the index. A row a full disk holds back keeps its lease,
 * so that no other agent process settles the run from its files meanwhile.
 */
export class RunLeaseKeeper {
  readonly #owner: ProcessIdentity;
  /** Whether this process still owes the run its final row (it runs, or its row waits for room). */
  readonly #stillOwned: (runId: string) => boolean;
  /** Run id → run folder. */
  readonly #held = new Map<string, string>();
  #timer: NodeJS.Timeout | undefined;

  constructor(owner: ProcessIdentity, stillOwned: (runId: string) => boolean) {
    this.#owner = owner;
    this.#stillOwned = stillOwned;
  }

  get owner(): ProcessIdentity {
    return this.#owner;
  }

  /** Before the run's row is inserted: no other process can see the run without its owner. */
  take(runId: string, runDir: string): void {
    writeRunLease(runDir, { runId, owner: this.#owner });
    this.#held.set(runId, runDir);
    if (!this.#timer) {
      this.#timer = setInterval(() => this.#beat(), leaseHeartbeatMs);
      this.#timer.unref();
    }
  }

  /** Gives up the leases of runs whose final row is written. */
  releaseSettled(): void {
    for (const [runId, runDir] of this.#held) {
      if (this.#stillOwned(runId)) continue;
      removeRunLease(runDir);
      this.#held.delete(runId);
    }
    if (this.#held.size === 0) this.stop();
  }

  /** Stops the heartbeat; leases still held go stale, and the next agent settles their runs from their files. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #beat(): void {
    this.releaseSettled();
    const now = new Date();
    for (const runDir of this.#held.values()) {
      try {
        renewRunLease(runDir, now);
      } catch {
        // A lease that cannot be touched goes stale: at worst another agent settles the run early, and this
        // process's own final row, written later, replaces what it wrote.
      }
    }
  }
}
