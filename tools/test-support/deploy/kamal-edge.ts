import { isIP } from 'node:net';
import { parse } from 'yaml';
import { type Config, type Destination, envOf, get } from './kamal-fleet.js';
import { isRecord } from './key-schema.js';

export interface Peer {
  id: string;
  url: string;
  privateUrl?: string;
  host?: string;
}

/** The fleet's peer registry as every agent gets it (FPT_PEERS, inline YAML in config/deploy.yml). */
export function peersOf(config: Config): Peer[] {
  const text = envOf(config.env).clear.FPT_PEERS;
  if (text === undefined) return [];
  const peers = parse(text) as unknown;
  if (!Array.isArray(peers)) throw new Error('FPT_PEERS is not a list');
  return peers.filter(isRecord).map((peer) => ({
    id: String(peer.id),
    url: String(peer.url),
    ...(peer.privateUrl === undefined ? {} : { privateUrl: String(peer.privateUrl) }),
    ...(peer.host === undefined ? {} : { host: String(peer.host) }),
  }));
}

/** RFC 1918 addresses: reachable on a private network only, never from the internet. */
export function isPrivateIPv4(address: string): boolean {
  if (isIP(address) !== 4) return false;
  const [a, b] = address.split('.').map(Number) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * What leaves a destination's kamal-proxy open beyond the private peer route, one sentence each. Kamal
 * publishes the proxy's 80 and 443 on every interface unless proxy.run.bind_ips names addresses
 * (`--publish <ip>:80:80`); plain HTTP with bearer tokens, and forward_headers trusting any client's
 * X-Forwarded-*, are safe only when the proxy is reachable from cloudflared (the Docker network) and the
 * private network alone.
 */
export function proxyEdgeProblems(destination: Destination): string[] {
  const { name, config } = destination;
  const problems: string[] = [];
  const run = get(config, 'proxy', 'run');
  const bindIps = get(run, 'bind_ips');
  const publicHost = get(config, 'proxy', 'host');
  const peer = peersOf(config).find((p) => p.host === publicHost);

  if (get(run, 'publish') === false) {
    problems.push(`${name}: proxy.run.publish is false, so the peer route (privateUrl) reaches nothing`);
  } else if (!Array.isArray(bindIps) || bindIps.length === 0) {
    problems.push(
      `${name}: kamal-proxy publishes 80 and 443 on every interface; set proxy.run.bind_ips to the host's private address`,
    );
  } else {
    for (const ip of bindIps.map(String)) {
      if (!isPrivateIPv4(ip)) {
        problems.push(`${name}: proxy.run.bind_ips has ${ip}, which is not a private (RFC 1918) address`);
      }
    }
    const route = peer?.privateUrl ? new URL(peer.privateUrl) : undefined;
    if (!route) {
      problems.push(`${name}: no peer in FPT_PEERS with host ${String(publicHost)} and a privateUrl`);
    } else {
      if (!bindIps.map(String).includes(route.hostname) || bindIps.length !== 1) {
        problems.push(
          `${name}: proxy.run.bind_ips should be [${route.hostname}], the private route peers use (FPT_PEERS privateUrl)`,
        );
      }
      const httpPort = Number(get(run, 'http_port') ?? 80);
      const routePort = Number(route.port || 80);
      if (route.protocol !== 'http:' || routePort !== httpPort) {
        problems.push(
          `${name}: the peer route ${peer?.privateUrl} is not kamal-proxy's http://<address>:${httpPort}`,
        );
      }
    }
  }
  if (peer && new URL(peer.url).protocol !== 'https:') {
    problems.push(
      `${name}: the public URL ${peer.url} is not HTTPS; people and CI must come through Cloudflare`,
    );
  }
  if (get(config, 'proxy', 'forward_headers') === true && problems.length > 0) {
    problems.push(
      `${name}: forward_headers trusts X-Forwarded-* from whoever reaches the proxy, and it is reachable beyond the tunnel and the private network`,
    );
  }
  return problems;
}
