import { appendFileSync } from 'node:fs';
import type { LivePoint } from './live-point.js';
import type { RunRow } from './run-row.js';

/** A server-sent event: its name and its JSON data. */
export interface LiveEvent<TPoint = LivePoint, TStatus = RunRow, TEnd = TStatus> {
  readonly event: 'point' | 'status' | 'end';
  readonly data: TPoint | TStatus | TEnd;
}

export type LiveListener<TPoint = LivePoint, TStatus = RunRow, TEnd = TStatus> = (
  event: LiveEvent<TPoint, TStatus, TEnd>,
) => void;

/**
 * The live stream of one run: every point is kept (a late joiner gets the whole series first) and
 * appended to the run's live.ndjson (the replay once the run is over). One channel per run id, so
 * back-to-back runs never share listeners. A run's stream by default; a fleet run's merged stream has
 * points, status and end of its own.
 */
export class LiveChannel<TPoint = LivePoint, TStatus = RunRow, TEnd = TStatus> {
  readonly #file: string | undefined;
  readonly #points: TPoint[] = [];
  readonly #listeners = new Set<LiveListener<TPoint, TStatus, TEnd>>();
  #status: TStatus | undefined;
  #end: TEnd | undefined;
  #fileFailed = false;

  /** `file`: where points are appended as they come; none for a replay of a finished run. */
  constructor(file?: string) {
    this.#file = file;
  }

  /** A finished run's stream, read back from its live.ndjson lines. */
  static replay<TPoint = LivePoint, TStatus = RunRow, TEnd = TStatus>(
    lines: readonly string[],
    row: TEnd,
  ): LiveChannel<TPoint, TStatus, TEnd> {
    const channel = new LiveChannel<TPoint, TStatus, TEnd>();
    for (const line of lines) {
      if (line.trim() === '') continue;
      try {
        channel.#points.push(JSON.parse(line) as TPoint);
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

  publishPoint(point: TPoint): void {
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

  /** The latest status is kept too: a late joiner gets it after the points. */
  publishStatus(status: TStatus): void {
    this.#status = status;
    this.#emit({ event: 'status', data: status });
  }

  end(row: TEnd): void {
    this.#end = row;
    this.#emit({ event: 'end', data: row });
    this.#listeners.clear();
  }

  /** Replays what happened so far, then follows; returns how to stop following. */
  subscribe(listener: LiveListener<TPoint, TStatus, TEnd>): () => void {
    for (const point of this.#points) listener({ event: 'point', data: point });
    if (this.#status !== undefined) listener({ event: 'status', data: this.#status });
    if (this.#end) {
      listener({ event: 'end', data: this.#end });
      return () => {};
    }
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: LiveEvent<TPoint, TStatus, TEnd>): void {
    for (const listener of this.#listeners) listener(event);
  }
}
