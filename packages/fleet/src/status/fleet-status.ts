import { describePeerError } from '../client/describe-peer-error.js';
import { PeerCallError, PeerCallErrorCode } from '../client/peer-call-error.js';
import { PeerClient, type PeerTimeouts } from '../client/peer-client.js';
import { type Peer, type PeerView, peerView } from '../peers/peer.js';

export const PeerHealth = {
  ok: 'ok',
  unreachable: 'unreachable',
  timeout: 'timeout',
  /** It answered, but refused the token; or Cloudflare Access in front of it refused the call. */
  unauthorized: 'unauthorized',
  /** It answered with something else than its status. */
  error: 'error',
} as const;
export type PeerHealth = (typeof PeerHealth)[keyof typeof PeerHealth];

/** One peer as fleet status shows it. Fields the peer would tell are null when it did not answer. */
export interface PeerState extends PeerView {
  readonly health: PeerHealth;
  /** What is wrong, in words; null when healthy. */
  readonly detail: string | null;
  readonly version: string | null;
  readonly agentId: string | null;
  readonly busy: boolean | null;
  /** The run in progress there. */
  readonly runId: string | null;
  /** The region the agent says it is in differs from the registry's: its samples carry the agent's. */
  readonly regionMismatch: string | null;
  /** How long the status call took. */
  readonly latencyMs: number | null;
}

/**
 * Asks every peer for its status at once, each with the short status timeout, so that one dead peer
 * costs the page at most that long and never delays the others.
 */
export async function fleetStatus(
  peers: readonly Peer[],
  options: { timeouts?: PeerTimeouts; now?: () => number } = {},
): Promise<PeerState[]> {
  const now = options.now ?? Date.now;
  return Promise.all(
    peers.map(async (peer): Promise<PeerState> => {
      const view = peerView(peer);
      const started = now();
      try {
        const status = await new PeerClient(peer, options.timeouts).status();
        return {
          ...view,
          health: PeerHealth.ok,
          detail: null,
          version: status.version ?? null,
          agentId: status.agentId ?? null,
          busy: status.busy === true,
          runId: status.run?.id ?? null,
          regionMismatch:
            status.region && status.region !== peer.region
              ? `the registry says ${peer.region}, the agent says ${status.region}`
              : null,
          latencyMs: now() - started,
        };
      } catch (error) {
        return {
          ...view,
          health: healthOf(error),
          detail: describePeerError(error),
          version: null,
          agentId: null,
          busy: null,
          runId: null,
          regionMismatch: null,
          latencyMs: null,
        };
      }
    }),
  );
}

function healthOf(error: unknown): PeerHealth {
  if (!(error instanceof PeerCallError)) return PeerHealth.error;
  if (error.code === PeerCallErrorCode.unreachable) return PeerHealth.unreachable;
  if (error.code === PeerCallErrorCode.timeout) return PeerHealth.timeout;
  if (error.code === PeerCallErrorCode.accessRefused) return PeerHealth.unauthorized;
  if (error.code === PeerCallErrorCode.http && (error.status === 401 || error.status === 403))
    return PeerHealth.unauthorized;
  return PeerHealth.error;
}
