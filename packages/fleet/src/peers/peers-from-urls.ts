import { PeerClient, type PeerTimeouts } from '../client/peer-client.js';
import { defaultPeerTokenEnv } from './parse-peer-registry.js';
import type { Peer, PeerAccess } from './peer.js';

/**
 * The variables `fpt run --agents` reads a Cloudflare Access service token from (there is no registry to
 * name others): the listed agents are sent it when both are set.
 */
export const agentUrlsAccessEnv = {
  clientIdEnv: 'CF_ACCESS_CLIENT_ID',
  clientSecretEnv: 'CF_ACCESS_CLIENT_SECRET',
} as const;

/**
 * Peers for a list of agent URLs (`fpt run --agents`): each agent is asked who it is, so its region
 * comes from its own FPT_REGION. An agent that does not answer cannot say its region; it becomes a region
 * of its own, named after its address, which the fleet run then reports missing with the reason. The token
 * is FPT_PEER_TOKEN's, the Access service token CF_ACCESS_CLIENT_ID's and CF_ACCESS_CLIENT_SECRET's.
 */
export async function peersFromUrls(
  urls: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  timeouts?: PeerTimeouts,
): Promise<Peer[]> {
  const token = env[defaultPeerTokenEnv] || undefined;
  const access: PeerAccess = {
    ...agentUrlsAccessEnv,
    clientId: env[agentUrlsAccessEnv.clientIdEnv] || undefined,
    clientSecret: env[agentUrlsAccessEnv.clientSecretEnv] || undefined,
  };
  const found = await Promise.all(
    urls.map(async (text): Promise<Peer> => {
      const url = text.replace(/\/+$/, '');
      const host = new URL(url).host;
      const draft: Peer = {
        id: host,
        region: `unknown@${host}`,
        role: null,
        url,
        privateUrl: null,
        host: null,
        tokenEnv: defaultPeerTokenEnv,
        token,
        access,
      };
      try {
        const status = await new PeerClient(draft, timeouts).status();
        return { ...draft, id: status.agentId || host, region: status.region };
      } catch {
        // Starting its run fails the same way, and that failure is what the result reports.
        return draft;
      }
    }),
  );
  // Two URLs of agents with the same FPT_AGENT_ID stay apart by their address.
  return found.map((peer, position) =>
    found.some((other, at) => at !== position && other.id === peer.id)
      ? { ...peer, id: `${peer.id}@${new URL(peer.url).host}` }
      : peer,
  );
}

/** A preset's regions as the peers know them (the first that answers), for a fleet run that names none. */
export async function presetRegionsFromPeers(
  preset: string,
  peers: readonly Peer[],
  timeouts?: PeerTimeouts,
): Promise<string[] | undefined> {
  for (const peer of peers) {
    try {
      return [...(await new PeerClient(peer, timeouts).presetInfo(preset)).regions];
    } catch {
      // The next peer may have it.
    }
  }
  return undefined;
}
