import { setTimeout as sleep } from 'node:timers/promises';
import { describePeerError } from '../client/describe-peer-error.js';
import type { PeerClient } from '../client/peer-client.js';
import { LiveSourceState } from './fleet-live-point.js';
import type { FleetLiveTiming } from './fleet-live-timing.js';
import { type AgentSecond, readPeerLivePoint } from './read-peer-live-point.js';

export interface PeerLiveFollow {
  readonly client: PeerClient;
  readonly runId: string;
  readonly timing: FleetLiveTiming;
  /** Aborting stops following (the agent was given up, or the fleet run is over). */
  readonly signal: AbortSignal;
  readonly onState: (state: LiveSourceState, reason: string | null) => void;
  readonly onPoint: (point: AgentSecond) => void;
}

/**
 * Follows one agent's live stream until its run ends (the stream's `end`) or the follow is aborted. A
 * stream that is refused, goes quiet or breaks is opened again after a pause, as long as it takes: the
 * agent replays its whole series to every connection, so nothing is lost that the merge can still use.
 * While it is down it is `retrying`, so the merge does not wait for it.
 */
export async function followPeerLive(follow: PeerLiveFollow): Promise<void> {
  const { signal } = follow;
  follow.onState(LiveSourceState.connecting, null);
  while (!signal.aborted) {
    let ended = false;
    let reason: string;
    try {
      await follow.client.liveEvents(follow.runId, {
        idleMs: follow.timing.idleMs,
        signal,
        onOpen: () => follow.onState(LiveSourceState.live, null),
        onEvent: (event) => {
          if (event.event === 'end') ended = true;
          if (event.event !== 'point') return;
          const point = readPeerLivePoint(parseJson(event.data));
          if (point) follow.onPoint(point);
        },
      });
      if (signal.aborted) return;
      if (ended) {
        follow.onState(LiveSourceState.ended, null);
        return;
      }
      reason = 'its live stream closed before its run ended';
    } catch (error) {
      if (signal.aborted) return;
      reason = `its live stream failed: ${describePeerError(error)}`;
    }
    follow.onState(LiveSourceState.retrying, reason);
    await sleep(follow.timing.retryMs, undefined, { signal }).catch(() => {});
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
