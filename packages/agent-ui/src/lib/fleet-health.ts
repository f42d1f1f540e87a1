import type { PeerState } from '@fpt/api-types';
import type { VerdictTone } from '@fpt/readable';

export interface FleetHealth {
  /** The verdict's badge: FLEET HEALTHY, DEGRADED, OFFLINE or NO PEERS. */
  readonly badge: string;
  readonly icon: string;
  readonly tone: VerdictTone;
  /** "Fleet healthy: 3/3 online", or "Degraded: 1 unreachable, 1 region mismatch (2/3 online)". */
  readonly line: string;
  /** "2 idle, 1 busy, 0 offline, 0 on another version". */
  readonly counts: string;
}

function mismatches(count: number, what: string): string {
  return `${count} ${what} mismatch${count === 1 ? '' : 'es'}`;
}

const problemWords = {
  unreachable: 'unreachable',
  timeout: 'timed out',
  unauthorized: 'token refused',
  error: 'in error',
} as const;

/**
 * The Fleet page's verdict line from fleet status. A peer that does not answer, one whose own region
 * differs from the registry's, or one on another version than this agent makes the fleet degraded: each
 * can make a fleet run's regions missing or its results hard to compare.
 */
export function fleetHealth(peers: readonly PeerState[], ownVersion?: string): FleetHealth {
  const total = peers.length;
  if (total === 0) {
    return {
      badge: 'NO PEERS',
      icon: '○',
      tone: 'neutral',
      line: 'No peers: this agent has no peer registry, so it cannot coordinate a fleet run.',
      counts: '',
    };
  }
  const online = peers.filter((p) => p.health === 'ok');
  const problems: string[] = [];
  for (const health of ['unreachable', 'timeout', 'unauthorized', 'error'] as const) {
    const count = peers.filter((p) => p.health === health).length;
    if (count > 0) problems.push(`${count} ${problemWords[health]}`);
  }
  const mismatched = online.filter((p) => p.regionMismatch !== null).length;
  if (mismatched > 0) problems.push(mismatches(mismatched, 'region'));
  const otherVersion = ownVersion
    ? online.filter((p) => p.version !== null && p.version !== ownVersion).length
    : 0;
  if (otherVersion > 0) problems.push(mismatches(otherVersion, 'version'));
  const busy = online.filter((p) => p.busy === true).length;
  const counts = `${online.length - busy} idle, ${busy} busy, ${total - online.length} offline, ${otherVersion} on another version`;
  const share = `${online.length}/${total} online`;
  if (problems.length === 0)
    return { badge: 'FLEET HEALTHY', icon: '✓', tone: 'good', line: `Fleet healthy: ${share}`, counts };
  return {
    badge: online.length === 0 ? 'OFFLINE' : 'DEGRADED',
    icon: online.length === 0 ? '✗' : '⚠',
    tone: online.length === 0 ? 'bad' : 'warn',
    line: `Degraded: ${problems.join(', ')} (${share})`,
    counts,
  };
}
