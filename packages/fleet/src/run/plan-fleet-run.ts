import type { ExecutionSegment } from '@fpt/preset';
import type { Peer } from '../peers/peer.js';

export interface RegionPlan {
  readonly region: string;
  /** Each agent of the region with its share; empty when the registry has no peer there. */
  readonly shares: readonly { readonly peer: Peer; readonly segment: ExecutionSegment }[];
}

/**
 * Who runs what: every agent of each requested region, the region's load split into as many equal
 * segments as it has agents (in id order, so a plan is reproducible), so the region runs the whole preset.
 */
export function planFleetRun(peers: readonly Peer[], regions: readonly string[]): RegionPlan[] {
  return [...new Set(regions)].map((region) => {
    const members = peers.filter((peer) => peer.region === region).sort((a, b) => (a.id < b.id ? -1 : 1));
    return {
      region,
      shares: members.map((peer, index) => ({ peer, segment: { index, count: members.length } })),
    };
  });
}

/** The regions a fleet run uses when none are named: the preset's, else every region of the registry. */
export function defaultRegions(
  presetRegions: readonly string[] | undefined,
  peers: readonly Peer[],
): string[] {
  if (presetRegions && presetRegions.length > 0) return [...presetRegions];
  return [...new Set(peers.map((peer) => peer.region))];
}
