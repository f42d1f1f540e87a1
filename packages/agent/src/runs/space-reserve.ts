import { closeSync, existsSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { freeBytes } from './disk-space.js';

/**
 * Room the agent keeps for itself in its data folder: a file of a few MiB, written while there is space and
 * deleted when the disk is full, so that the agent can still open its index (SQLite needs room for its
 * WAL) and record how its runs ended. It is written again once the disk has room.
 */
export class SpaceReserve {
  readonly #file: string;
  readonly #bytes: number;
  readonly #dataDir: string;

  constructor(dataDir: string, bytes = 4 * 1024 * 1024) {
    this.#dataDir = dataDir;
    this.#file = join(dataDir, '.fpt-reserve');
    this.#bytes = bytes;
  }

  get held(): boolean {
    return existsSync(this.#file);
  }

  /** Room the disk still owes the reserve: while it is given back, free space is not really free. */
  get missingBytes(): number {
    return this.held ? 0 : this.#bytes;
  }

  /** Writes the reserve when it is missing and the disk has room for it and a margin as large. */
  ensure(): void {
    if (this.held) return;
    const free = freeBytes(this.#dataDir);
    if (free === undefined || free < 2 * this.#bytes) return;
    const chunk = Buffer.alloc(64 * 1024);
    let fd: number | undefined;
    try {
      fd = openSync(this.#file, 'w');
      for (let written = 0; written < this.#bytes; written += chunk.length) writeSync(fd, chunk);
    } catch {
      // Lost a race with something else filling the disk: no reserve is better than a partial one.
      rmSync(this.#file, { force: true });
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Gives the reserved room back to the disk; true when there was any to give. */
  release(): boolean {
    if (!this.held) return false;
    rmSync(this.#file, { force: true });
    return true;
  }
}
