import type { FleetLiveRegion, FleetLiveSource, FleetRegion } from '@fpt/api-types';
import { agentStateBadge, type Badge, regionStatusBadge } from './fleet-badges.js';

export interface RegionLiveState {
  readonly badge: Badge;
  /** Why, in words (a tooltip); null when there is nothing to say. */
  readonly detail: string | null;
}

const streamLost: Badge = { icon: '⚠', word: 'stream lost', tone: 'bad' };
const noLiveData: Badge = { icon: '✗', word: 'no live data', tone: 'bad' };
const ended: Badge = { icon: '■', word: 'ended', tone: 'neutral' };
const live: Badge = { icon: '▶', word: 'live', tone: 'info' };
const starting: Badge = { icon: '…', word: 'starting', tone: 'info' };

/**
 * How a region stands in a fleet run's live stream. It is `live` only while each of its agents delivers
 * every second: a region whose agent could not start, was lost, or whose stream broke says so, and is never
 * shown as running. `region` is the fleet run's (its agents' states), `sources` the stream's latest word on
 * each agent's stream, `latest` the region in the newest second.
 */
export function regionLiveState(
  region: FleetRegion | undefined,
  sources: readonly FleetLiveSource[],
  latest: FleetLiveRegion | undefined,
): RegionLiveState {
  if (region?.status === 'missing') {
    const culprit = region.agents.find((agent) => agent.state !== 'running' && agent.state !== 'starting');
    return {
      badge: culprit ? agentStateBadge(culprit.state) : regionStatusBadge('missing'),
      detail: region.reason,
    };
  }
  const own = sources.filter((source) => source.region === (region?.region ?? latest?.region));
  const retrying = own.find((source) => source.state === 'retrying');
  if (retrying)
    return { badge: streamLost, detail: `${retrying.peer}: ${retrying.reason ?? 'reconnecting'}` };
  const off = own.find((source) => source.state === 'off');
  if (off) return { badge: noLiveData, detail: `${off.peer}: ${off.reason ?? 'not followed'}` };
  if (own.length > 0 && own.every((source) => source.state === 'ended'))
    return { badge: ended, detail: null };
  if (latest && latest.reporting < latest.agents) {
    return {
      badge: { icon: '⚠', word: `${latest.reporting} of ${latest.agents} agents`, tone: 'warn' },
      detail: "the other agents' latest second did not arrive in time",
    };
  }
  if (latest && latest.reporting > 0 && own.every((source) => source.state === 'live'))
    return { badge: live, detail: null };
  return { badge: starting, detail: null };
}
