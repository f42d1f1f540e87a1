import { defaultPeerTimeouts, type PeerTimeouts } from '../client/peer-client.js';

/** How the coordinator paces itself and when it gives up on a peer. */
export interface FleetTiming {
  /** Between two looks at a running agent run. */
  readonly pollMs: number;
  /** A peer that does not answer for this long during its run is lost (killed, or its network gone). */
  readonly lostAfterMs: number;
  /** How far past its planned end a run may go before the coordinator stops it as timed out. */
  readonly overrunMs: number;
  /** After asking a run to stop, how long it may take to end and write its evidence. */
  readonly stopGraceMs: number;
  readonly timeouts: PeerTimeouts;
}

export const defaultFleetTiming: FleetTiming = {
  pollMs: 1_000,
  lostAfterMs: 15_000,
  overrunMs: 60_000,
  // The agent kills a run 30 s after asking it to stop; a little more covers writing its files.
  stopGraceMs: 40_000,
  timeouts: defaultPeerTimeouts,
};
