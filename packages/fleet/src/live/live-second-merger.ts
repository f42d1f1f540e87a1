import { timelineSecond } from '../merge/timeline-second.js';
import { type FleetLivePoint, LiveSourceState } from './fleet-live-point.js';
import { type LiveTotals, mergeLiveFigures } from './merge-live-figures.js';
import type { AgentSecond } from './read-peer-live-point.js';

interface Source {
  readonly region: string;
  state: LiveSourceState;
  /** Its run started: it counts among its region's agents from then on, even once it is lost. */
  started: boolean;
  /** Of the last point taken: a reconnected stream replays every point, and those are skipped. */
  lastTMs: number;
  lastSecond: number;
  /**
   * When its run's clock read zero, in the coordinator's time, as its points tell (the earliest arrival less
   * its tMs): the agents do not start at one moment, so each one's seconds are awaited on its own clock.
   */
  startedAtMs: number | undefined;
  plannedMs: number;
  /** As of the latest second that went out. */
  totals: LiveTotals;
  totalsSecond: number;
}

interface PendingSecond {
  /** When the first agent delivered it: the lag counts from here. */
  readonly firstAtMs: number;
  readonly points: Map<string, AgentSecond>;
}

/** Agents whose next second may still come: those whose stream is opening, open, or whose run is starting. */
const awaited: ReadonlySet<LiveSourceState> = new Set([
  LiveSourceState.waiting,
  LiveSourceState.connecting,
  LiveSourceState.live,
]);

/**
 * Merges the agents' live points second by second (each agent's seconds on its own run's clock, as the
 * final merge aligns them). A second goes out, in order, once every agent that may still deliver it has (or
 * has moved past it), or `lagMs` after the later of its first arrival and each missing agent's own expected
 * arrival: an agent that started late is waited for on its own clock (at most `maxWaitMs`), one that lags or
 * dropped out never holds the stream up for long, and its late point is left out of a second already gone
 * (its running totals still count). Pure: the caller says what time it is.
 */
export class LiveSecondMerger {
  readonly #regions: readonly string[];
  readonly #lagMs: number;
  readonly #maxWaitMs: number;
  readonly #sources = new Map<string, Source>();
  readonly #pending = new Map<number, PendingSecond>();
  /** Seconds below this have gone out. */
  #next = 1;

  constructor(options: {
    readonly regions: readonly string[];
    readonly lagMs: number;
    /** The longest a second waits for an agent behind the others; 10 s unless given. */
    readonly maxWaitMs?: number;
  }) {
    this.#regions = options.regions;
    this.#lagMs = options.lagMs;
    this.#maxWaitMs = options.maxWaitMs ?? 10_000;
  }

  /** Declares an agent (by its peer id) in its region, or changes how its stream stands. */
  setSource(peer: string, region: string, state: LiveSourceState): void {
    const source = this.#sources.get(peer);
    const started = state !== LiveSourceState.waiting && state !== LiveSourceState.off;
    if (source) {
      source.state = state;
      source.started ||= started;
      return;
    }
    this.#sources.set(peer, {
      region,
      state,
      started,
      lastTMs: Number.NEGATIVE_INFINITY,
      lastSecond: 0,
      startedAtMs: undefined,
      plannedMs: 0,
      totals: { totalRequests: 0, totalFailed: 0 },
      totalsSecond: 0,
    });
  }

  add(peer: string, point: AgentSecond, nowMs: number): void {
    const source = this.#sources.get(peer);
    if (!source || point.tMs <= source.lastTMs) return;
    source.lastTMs = point.tMs;
    source.startedAtMs = Math.min(source.startedAtMs ?? Number.POSITIVE_INFINITY, nowMs - point.tMs);
    source.lastSecond = timelineSecond(point.tMs, source.lastSecond);
    source.plannedMs = point.plannedMs;
    if (source.lastSecond < this.#next) {
      this.#settleTotals(source, point, source.lastSecond);
      return;
    }
    let pending = this.#pending.get(source.lastSecond);
    if (!pending) {
      pending = { firstAtMs: nowMs, points: new Map() };
      this.#pending.set(source.lastSecond, pending);
    }
    pending.points.set(peer, point);
  }

  /** The seconds that may go out now, in order. */
  due(nowMs: number): FleetLivePoint[] {
    const out: FleetLivePoint[] = [];
    for (let second = this.#earliestPending(); second !== undefined; second = this.#earliestPending()) {
      const pending = this.#pending.get(second)!;
      if (nowMs < this.#deadline(second, pending)) break;
      out.push(this.#emit(second, pending));
    }
    return out;
  }

  /**
   * Until when a second waits: for each agent that may still deliver it, the lag after its own expected
   * arrival (its start plus the second, on its clock) or after the second's first arrival, whichever is
   * later (only the latter for an agent not heard from yet); never longer than `maxWaitMs` after the first arrival, so one agent far behind does not
   * hold every second back.
   */
  #deadline(second: number, pending: PendingSecond): number {
    let deadline = Number.NEGATIVE_INFINITY;
    for (const source of this.#sources.values()) {
      if (!awaited.has(source.state) || source.lastSecond >= second) continue;
      const expected =
        source.startedAtMs === undefined
          ? pending.firstAtMs
          : Math.max(pending.firstAtMs, source.startedAtMs + second * 1000);
      deadline = Math.max(deadline, expected + this.#lagMs);
    }
    return Math.min(deadline, pending.firstAtMs + this.#maxWaitMs);
  }

  /** Every second still held, whoever is missing: the fleet run is over. */
  flush(): FleetLivePoint[] {
    return this.due(Number.POSITIVE_INFINITY);
  }

  #earliestPending(): number | undefined {
    let earliest: number | undefined;
    for (const second of this.#pending.keys())
      if (earliest === undefined || second < earliest) earliest = second;
    return earliest;
  }

  #emit(second: number, pending: PendingSecond): FleetLivePoint {
    this.#pending.delete(second);
    this.#next = second + 1;
    for (const [peer, point] of pending.points) this.#settleTotals(this.#sources.get(peer)!, point, second);
    const entries = [...this.#sources.entries()];
    const figuresOf = (members: typeof entries) =>
      mergeLiveFigures(
        members.flatMap(([peer]) => pending.points.get(peer) ?? []),
        members.map(([, source]) => source.totals),
        members.filter(([, source]) => source.started).length,
      );
    const regions = [...new Set([...this.#regions, ...entries.map(([, source]) => source.region)])];
    return {
      second,
      elapsedMs: Math.max(...[...pending.points.values()].map((point) => point.elapsedMs)),
      plannedMs: Math.max(0, ...entries.map(([, source]) => source.plannedMs)),
      fleet: figuresOf(entries),
      regions: regions.map((region) => ({
        region,
        ...figuresOf(entries.filter(([, source]) => source.region === region)),
      })),
    };
  }

  #settleTotals(source: Source, point: AgentSecond, second: number): void {
    if (second < source.totalsSecond) return;
    source.totals = { totalRequests: point.totalRequests, totalFailed: point.totalFailed };
    source.totalsSecond = second;
  }
}
