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
 * How a channel keeps a point's heavy part (a run's per-second latency histogram, which only a fleet
 * coordinator reads, to merge agents exactly): in full for the newest `fullPoints` points, which a coordinator
 * whose stream broke gets again; slimmed (`slim`) in older points, in the live.ndjson replay, and for any
 * listener that did not ask for it. A long soak run would otherwise keep, write and replay to every browser
 * tab a few KB for each of its seconds.
 */
export interface PointSlimming<TPoint> {
  readonly slim: (point: TPoint) => TPoint;
  readonly fullPoints: number;
}

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
  readonly #slimming: PointSlimming<TPoint> | undefined;

  /** `file`: where points are appended as they come; none for a replay of a finished run. */
  constructor(file?: string, slimming?: PointSlimming<TPoint>) {
    this.#file = file;
    this.#slimming = slimming;
  }

  /** A point as a listener that did not ask for the heavy part gets it. */
  slim(point: TPoint): TPoint {
    return this.#slimming ? this.#slimming.slim(point) : point;
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
    const older = this.#points.length - 1 - (this.#slimming?.fullPoints ?? Number.POSITIVE_INFINITY);
    if (older >= 0) this.#points[older] = this.slim(this.#points[older]!);
    if (this.#file && !this.#fileFailed) {
      try {
        appendFileSync(this.#file, `${JSON.stringify(this.slim(point))}\n`);
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
