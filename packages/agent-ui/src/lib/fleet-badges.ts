import type { FleetAgentState, FleetRegionStatus, PeerHealth, PeerState } from '@fpt/api-types';
import type { VerdictTone } from '@fpt/readable';

/** A state as icon + word + colour: never colour alone. */
export interface Badge {
  readonly icon: string;
  readonly word: string;
  readonly tone: VerdictTone;
}

const healthBadges: Readonly<Record<PeerHealth, Badge>> = {
  ok: { icon: '✓', word: 'online', tone: 'good' },
  unreachable: { icon: '✗', word: 'unreachable', tone: 'bad' },
  timeout: { icon: '⌛', word: 'timed out', tone: 'bad' },
  unauthorized: { icon: '⚠', word: 'token refused', tone: 'bad' },
  error: { icon: '!', word: 'error', tone: 'bad' },
};

/** A peer's health as fleet status reported it. */
export function peerHealthBadge(health: PeerHealth): Badge {
  return healthBadges[health];
}

/** Whether a peer is running something; unknown when it did not answer. */
export function peerBusyBadge(peer: Pick<PeerState, 'busy'>): Badge {
  if (peer.busy === null) return { icon: '?', word: 'not known', tone: 'neutral' };
  return peer.busy ? { icon: '▶', word: 'busy', tone: 'info' } : { icon: '○', word: 'idle', tone: 'neutral' };
}

const agentStateBadges: Readonly<Record<FleetAgentState, Badge>> = {
  starting: { icon: '…', word: 'starting', tone: 'info' },
  running: { icon: '▶', word: 'running', tone: 'info' },
  passed: { icon: '✓', word: 'passed', tone: 'good' },
  failed: { icon: '✗', word: 'failed', tone: 'bad' },
  aborted: { icon: '■', word: 'aborted', tone: 'bad' },
  stopped: { icon: '■', word: 'stopped', tone: 'warn' },
  error: { icon: '!', word: 'error', tone: 'warn' },
  busy: { icon: '⏸', word: 'busy', tone: 'warn' },
  refused: { icon: '✗', word: 'refused', tone: 'bad' },
  unreachable: { icon: '✗', word: 'unreachable', tone: 'bad' },
  timeout: { icon: '⌛', word: 'timed out', tone: 'bad' },
  lost: { icon: '✗', word: 'lost', tone: 'bad' },
};

/** One agent's share of a fleet run, as the coordinator last saw it. */
export function agentStateBadge(state: FleetAgentState): Badge {
  return agentStateBadges[state];
}

/** `starting`: the region was asked for, but the coordinator's first answer lists no regions yet. */
export type RegionRowStatus = FleetRegionStatus | 'starting';

const regionBadges: Readonly<Record<RegionRowStatus, Badge>> = {
  starting: { icon: '…', word: 'starting', tone: 'info' },
  running: { icon: '▶', word: 'running', tone: 'info' },
  complete: { icon: '✓', word: 'complete', tone: 'good' },
  missing: { icon: '✗', word: 'missing', tone: 'bad' },
};

/** A region of a fleet run: running, complete (its agents' data merged) or missing (no result). */
export function regionStatusBadge(status: RegionRowStatus): Badge {
  return regionBadges[status];
}
