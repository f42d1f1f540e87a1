import type { TrendSink } from '@fpt/metrics';

/** One group a request runs in: its k6 path and where its group_duration goes. */
export interface GroupLevel {
  readonly path: string;
  readonly duration: TrendSink;
}

interface OpenGroup {
  readonly level: GroupLevel;
  readonly startMs: number;
}

/**
 * The groups a VU is inside during one iteration. Requests next to each other in a sequence with the same
 * group (or groups nested in it) run as one group() call would in k6: the group opens before its first
 * request, closes after its last, and its group_duration is the time in between, pauses included.
 */
export class GroupStack {
  readonly #open: OpenGroup[] = [];

  /** Moves into the groups of the next request (outermost first), closing the ones it is not in. */
  enter(levels: readonly GroupLevel[], nowMs: number): void {
    let shared = 0;
    while (
      shared < this.#open.length &&
      shared < levels.length &&
      this.#open[shared]!.level.path === levels[shared]!.path
    )
      shared++;
    this.#closeTo(shared, nowMs);
    for (let depth = shared; depth < levels.length; depth++)
      this.#open.push({ level: levels[depth]!, startMs: nowMs });
  }

  /** The iteration ended: every open group closes and records its duration. */
  closeAll(nowMs: number): void {
    this.#closeTo(0, nowMs);
  }

  /** The iteration was interrupted: the open groups did not finish, so they record nothing (as in k6). */
  abandon(): void {
    this.#open.length = 0;
  }

  #closeTo(depth: number, nowMs: number): void {
    while (this.#open.length > depth) {
      const group = this.#open.pop()!;
      group.level.duration.add(nowMs - group.startMs);
    }
  }
}
