import type { AgentStatus, RunRow } from '@fpt/api-types';

/** What the page last learnt of a run from the live stream (or a start's answer), and when. */
export interface LiveRunUpdate {
  readonly run: RunRow;
  /** Date.now() when it was learnt. */
  readonly atMs: number;
}

/** An answer of GET /api/status, with when it was asked (not when it arrived: the agent answered as of then). */
export interface PolledStatus {
  readonly status: AgentStatus;
  readonly askedAtMs: number;
}

type Listener = (update: LiveRunUpdate) => void;

const listeners = new Set<Listener>();
let latest: LiveRunUpdate | undefined;

/**
 * Tells the status bar what the live stream (or a run's start) just said about a run, so that it does
 * not wait for its next poll: "busy" the moment a run starts or streams, "idle" the moment it ends.
 */
export function publishLiveRun(run: RunRow, atMs = Date.now()): void {
  latest = { run, atMs };
  for (const listener of listeners) listener(latest);
}

/** Follows publishLiveRun; hands over the latest update at once. Returns how to stop. */
export function subscribeLiveRun(listener: Listener): () => void {
  listeners.add(listener);
  if (latest) listener(latest);
  return () => listeners.delete(listener);
}

export type StatusSource = 'poll' | 'live';

/**
 * The agent's status as the status bar shows it: the newer of the last poll and the live stream. The
 * stream only speaks of its own run: it makes the agent busy with that run while it runs, and idle once it
 * ends if the poll still had it busy with that run; it never clears another run the poll knows of.
 */
export function mergeAgentStatus(
  polled: PolledStatus | undefined,
  live: LiveRunUpdate | undefined,
): { readonly status: AgentStatus | undefined; readonly source: StatusSource } {
  if (!polled) return { status: undefined, source: 'poll' };
  if (!live || live.atMs <= polled.askedAtMs) return { status: polled.status, source: 'poll' };
  const { status } = polled;
  if (live.run.status === 'running') {
    return { status: { ...status, busy: true, run: live.run }, source: 'live' };
  }
  if (status.run?.id === live.run.id)
    return { status: { ...status, busy: false, run: null }, source: 'live' };
  return { status, source: 'poll' };
}
