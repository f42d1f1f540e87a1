import { describePeerError } from '../client/describe-peer-error.js';
import type { PeerRunRow } from '../client/peer-api.js';
import type { PeerClient } from '../client/peer-client.js';
import type { FleetTiming } from './fleet-timing.js';

export type FollowOutcome =
  | { readonly kind: 'ended'; readonly row: PeerRunRow }
  | { readonly kind: 'lost'; readonly reason: string }
  | { readonly kind: 'timeout'; readonly reason: string };

export interface FollowOptions {
  readonly timing: FleetTiming;
  readonly now: () => number;
  /** When the run should be over at the latest (epoch ms); moved later when a stop is asked for. */
  readonly deadline: () => number;
  readonly onRow: (row: PeerRunRow) => void;
}

/**
 * Watches one agent run until it is no longer running. Failed looks are tolerated until the peer has
 * been silent for `lostAfterMs` (a restart or a short network blip is not a lost region); a run still
 * going past its deadline is reported as timed out for the caller to stop.
 */
export async function followPeerRun(
  client: PeerClient,
  runId: string,
  options: FollowOptions,
): Promise<FollowOutcome> {
  const { timing, now } = options;
  let lastAnswer = now();
  for (;;) {
    try {
      const row = await client.run(runId);
      lastAnswer = now();
      options.onRow(row);
      if (row.status !== 'running') return { kind: 'ended', row };
    } catch (error) {
      const silentMs = now() - lastAnswer;
      if (silentMs >= timing.lostAfterMs) {
        return {
          kind: 'lost',
          reason: `the agent stopped answering during the run (silent for ${Math.round(silentMs / 1000)} s; last: ${describePeerError(error)})`,
        };
      }
    }
    if (now() > options.deadline()) {
      return { kind: 'timeout', reason: 'the run went on past its planned end and the allowed overrun' };
    }
    await new Promise((resolve) => setTimeout(resolve, timing.pollMs));
  }
}
