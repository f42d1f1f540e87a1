import type { Peer } from './peer.js';

/**
 * Peers whose registry entry names Access service-token variables that are not set, grouped by the
 * missing names: such a peer is sent no Access headers, and Cloudflare Access in front of it will refuse
 * every call. A warning at start-up says so before the first refusal does.
 */
export function missingAccessVariables(
  peers: readonly Peer[],
): { readonly variables: readonly string[]; readonly peers: readonly string[] }[] {
  const groups = new Map<string, { variables: string[]; peers: string[] }>();
  for (const peer of peers) {
    const { access } = peer;
    if (!access) continue;
    const variables = [
      access.clientId === undefined ? access.clientIdEnv : undefined,
      access.clientSecret === undefined ? access.clientSecretEnv : undefined,
    ].filter((name): name is string => name !== undefined);
    if (variables.length === 0) continue;
    const key = variables.join(',');
    const group = groups.get(key) ?? { variables, peers: [] };
    group.peers.push(peer.id);
    groups.set(key, group);
  }
  return [...groups.values()];
}
