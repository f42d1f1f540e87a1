import { describe, expect, it } from 'vitest';
import { isPrivateIPv4, peersOf, proxyEdgeProblems } from '../../test-support/deploy/kamal-edge.js';
import {
  type Destination,
  deepMerge,
  get,
  loadBaseConfig,
  loadDestinations,
} from '../../test-support/deploy/kamal-fleet.js';
import { readRepoFile } from '../../test-support/deploy/repo-files.js';

// The edge: people and CI arrive through Cloudflare (TLS, Access) and the tunnel, which reaches kamal-proxy
// over the Docker network; peers arrive over the private network. kamal-proxy must publish its ports on the
// host's private address only, never on every interface: plain HTTP with bearer tokens and forwarded
// headers that any client could set would otherwise face the internet.
const base = loadBaseConfig();
const destinations = loadDestinations();

/** A destination with its proxy changed as someone might, merged as Kamal merges. */
function withProxy(d: Destination, proxy: Record<string, unknown> | undefined): Destination {
  const own = { ...d.own, proxy: proxy === undefined ? { host: get(d.own, 'proxy', 'host') } : proxy };
  return { ...d, own, config: deepMerge(base, own) };
}

describe("kamal-proxy's ports face the private network only", () => {
  it.each(destinations.map((d) => [d.name, d] as const))(
    '%s binds the proxy to its private address, the peer route',
    (_name, d) => {
      expect(proxyEdgeProblems(d)).toEqual([]);
    },
  );

  it('leaves the binding to each destination (one private address per host)', () => {
    expect(get(base, 'proxy', 'run')).toBeUndefined();
    const addresses = destinations.map((d) => String(get(d.config, 'proxy', 'run', 'bind_ips', '0')));
    expect(new Set(addresses).size).toBe(destinations.length);
  });

  it('fails when someone re-opens the edge', () => {
    const nearA = destinations.find((d) => d.name === 'near-a')!;
    const host = get(nearA.own, 'proxy', 'host');
    const open = withProxy(nearA, undefined);
    expect(proxyEdgeProblems(open)).toEqual([
      "near-a: kamal-proxy publishes 80 and 443 on every interface; set proxy.run.bind_ips to the host's private address",
      expect.stringMatching(/^near-a: forward_headers trusts X-Forwarded-\*/),
    ]);
    const everywhere = proxyEdgeProblems(withProxy(nearA, { host, run: { bind_ips: ['0.0.0.0'] } }));
    expect(everywhere).toContain(
      'near-a: proxy.run.bind_ips has 0.0.0.0, which is not a private (RFC 1918) address',
    );
    const publicAddress = proxyEdgeProblems(withProxy(nearA, { host, run: { bind_ips: ['192.0.2.10'] } }));
    expect(publicAddress[0]).toBe(
      'near-a: proxy.run.bind_ips has 192.0.2.10, which is not a private (RFC 1918) address',
    );
    const wrongPeer = proxyEdgeProblems(withProxy(nearA, { host, run: { bind_ips: ['10.8.0.20'] } }));
    expect(wrongPeer[0]).toBe(
      'near-a: proxy.run.bind_ips should be [10.8.0.10], the private route peers use (FPT_PEERS privateUrl)',
    );
    const moved = proxyEdgeProblems(
      withProxy(nearA, { host, run: { bind_ips: ['10.8.0.10'], http_port: 8080 } }),
    );
    expect(moved[0]).toBe(
      "near-a: the peer route http://10.8.0.10 is not kamal-proxy's http://<address>:8080",
    );
    const unpublished = proxyEdgeProblems(withProxy(nearA, { host, run: { publish: false } }));
    expect(unpublished[0]).toBe(
      'near-a: proxy.run.publish is false, so the peer route (privateUrl) reaches nothing',
    );
  });

  it('tells private addresses from the others', () => {
    for (const address of ['10.8.0.10', '172.16.0.1', '172.31.255.254', '192.168.1.1'])
      expect(isPrivateIPv4(address), address).toBe(true);
    for (const address of ['0.0.0.0', '192.0.2.10', '172.32.0.1', '8.8.8.8', '::', 'fd00::1', 'kamal-proxy'])
      expect(isPrivateIPv4(address), address).toBe(false);
  });

  it("publishes InfluxDB on the same private address as the metrics node's proxy", () => {
    for (const d of destinations) {
      const port = get(d.config, 'accessories', 'influxdb', 'port');
      if (port === undefined) continue;
      expect(String(port).split(':')[0]).toBe(String(get(d.config, 'proxy', 'run', 'bind_ips', '0')));
    }
  });

  it('gives people and CI the HTTPS names, and agents the private routes', () => {
    const peers = peersOf(base);
    expect(peers.map((p) => p.host).sort()).toEqual(
      destinations.map((d) => get(d.config, 'proxy', 'host')).sort(),
    );
    for (const peer of peers) expect(peer.url).toBe(`https://${peer.host}`);
  });

  it('says in the runbook how to check the bindings on each host', () => {
    const runbook = readRepoFile('docs/deploy.md');
    expect(runbook).toContain('ss -ltn');
    for (const d of destinations) {
      expect(runbook).toContain(`${String(get(d.config, 'proxy', 'run', 'bind_ips', '0'))}:80`);
    }
  });
});
