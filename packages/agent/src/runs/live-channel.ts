import { appendFileSync } from 'node:fs';
import type { LivePoint } from './live-point.js';
import type { RunRow } from './run-row.js';

/** A server-sent event: its name and its JSON data. */
export interface LiveEvent {
  readonly event: 'point' | 'status' | 'end';
  readonly data: LivePoint | RunRow;
}

export type LiveListener = (event: LiveEvent) => void;

/**
 * The live stream of one run: every point is kept (a late joiner gets the whole series first) and
 * appended to the run's live.ndjson (the replay once the run is over). One channel per run id, so
 * back-to-back runs never share listeners.
 */
export class LiveChannel {
  readonly #file: string | undefined;
  readonly #points: LivePoint[] = [];
  readonly #listeners = new Set<LiveListener>();
  #end: RunRow | undefined;
  #fileFailed = false;

  /** `file`: where points are appended as they come; none for a replay of a finished run. */
  constructor(file?: string) {
    this.#file = file;
  }

  /** A finished run's stream, read back from its live.ndjson lines. */
  static replay(lines: readonly string[], row: RunRow): LiveChannel {
    const channel = new LiveChannel();
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        channel.#points.push(JSON.parse(line) as LivePoint);
      } catch {
        // A line cut short by a crash is skipped; the points before it still replay.
      }
    }
    channel.#end = row;
    return channel;
  }

  get ended(): boolean {
    return this.#end !== undefined;
  }

  publishPoint(point: LivePoint): void {
    this.#points.push(point);
    if (this.#file && !this.#fileFailed) {
      try {
        appendFileSync(this.#file, `${JSON.stringify(point)}\n`);
      } catch {
        // A full disk: the stream goes on from memory; only the replay file is short.
        this.#fileFailed = true;
      }
    }
    this.#emit({ event: 'point', data: point });
  }

  publishStatus(row: RunRow): void {
    this.#emit({ event: 'status', data: row });
  }

  end(row: RunRow): void {
    this.#end = row;
    this.#emit({ event: 'end', data: row });
    this.#listeners.clear();
  }

  /** Replays what happened so far, then follows; returns how to stop following. */
  subscribe(listener: LiveListener): () => void {
    for (const point of this.#points) listener({ event: 'point', data: point });
    if (this.#end) {
      listener({ event: 'end', data: this.#end });
      return () => {};
    }
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: LiveEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
