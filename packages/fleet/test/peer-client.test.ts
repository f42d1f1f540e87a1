import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fleetStatus,
  type Peer,
  PeerCallError,
  PeerClient,
  PeerHealth,
  parsePeerRegistry,
} from '../src/index.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A loopback HTTP server answering with `handler`, recording the headers of every request. */
async function serve(
  handler: (path: string, reply: (status: number, body: string) => void) => void,
): Promise<{ url: string; seen: { path: string; headers: IncomingHttpHeaders }[] }> {
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', headers: request.headers });
    handler(request.url ?? '', (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** A port nothing listens on: a server is started, its port taken, and it is closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function peer(yaml: string, env: Record<string, string> = { FPT_PEER_TOKEN: 'peer-token' }): Peer {
  return parsePeerRegistry(yaml, 'test', env)[0]!;
}

const status = JSON.stringify({
  version: '9.9.9',
  region: 'eu-near',
  agentId: 'near-a',
  busy: false,
  run: null,
});

describe('the peer client', () => {
  it('sends the public Host header and the peer token over the private route', async () => {
    const behind = await serve((_path, reply) => reply(200, status));
    const client = new PeerClient(
      peer(
        `[{id: near-a, region: eu-near, url: "https://near-a.example.test", privateUrl: "${behind.url}"}]`,
      ),
    );
    expect((await client.status()).agentId).toBe('near-a');
    expect(behind.seen[0]?.headers.host).toBe('near-a.example.test');
    expect(behind.seen[0]?.headers.authorization).toBe('Bearer peer-token');
    // People get the public address, never the private one.
    expect(client.link('/api/runs/x/report.html')).toBe('https://near-a.example.test/api/runs/x/report.html');
  });

  it('uses an explicit host, and the public URL with its own Host when there is no private route', async () => {
    const target = await serve((_path, reply) => reply(200, status));
    await new PeerClient(
      peer(
        `[{id: a, region: eu, url: "https://a.example.test", privateUrl: "${target.url}", host: "edge.example.test:8443"}]`,
      ),
    ).status();
    await new PeerClient(peer(`[{id: b, region: eu, url: "${target.url}"}]`)).status();
    expect(target.seen.map((s) => s.headers.host)).toEqual([
      'edge.example.test:8443',
      new URL(target.url).host,
    ]);
  });

  it('reports a refusal with the status and the body the agent sent (a busy agent names its run)', async () => {
    const busy = await serve((_path, reply) =>
      reply(409, JSON.stringify({ error: 'a run is in progress: r1', hint: 'wait', runId: 'r1' })),
    );
    const error = await new PeerClient(peer(`[{id: a, region: eu, url: "${busy.url}"}]`))
      .startRun({ preset: 'quick', overrides: {}, tags: {}, segment: { index: 0, count: 1 } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PeerCallError);
    expect(error).toMatchObject({ code: 'http', status: 409, body: { runId: 'r1' } });
  });

  it('tells unreachable, timed out and not-an-agent apart', async () => {
    const port = await closedPort();
    const unreachable = await new PeerClient(peer(`[{id: a, region: eu, url: "http://127.0.0.1:${port}"}]`))
      .status()
      .catch((caught: unknown) => caught);
    expect(unreachable).toMatchObject({ code: 'unreachable' });
    expect((unreachable as Error).message).toMatch(/ECONNREFUSED/);

    const silent = await serve(() => {});
    const timedOut = await new PeerClient(peer(`[{id: a, region: eu, url: "${silent.url}"}]`), {
      statusMs: 200,
      callMs: 200,
      transferMs: 200,
    })
      .status()
      .catch((caught: unknown) => caught);
    expect(timedOut).toMatchObject({ code: 'timeout' });

    const html = await serve((_path, reply) => reply(200, '<html>not an agent</html>'));
    const garbage = await new PeerClient(peer(`[{id: a, region: eu, url: "${html.url}"}]`))
      .status()
      .catch((caught: unknown) => caught);
    expect(garbage).toMatchObject({ code: 'bad-response' });
  });
});

describe('fleet status', () => {
  it('shows every peer: healthy ones with version and busy state, the others with what is wrong', async () => {
    const healthy = await serve((_path, reply) =>
      reply(
        200,
        JSON.stringify({
          version: '1.2.3',
          region: 'eu-far',
          agentId: 'far-a',
          busy: true,
          run: { id: 'r9' },
        }),
      ),
    );
    const locked = await serve((_path, reply) =>
      reply(401, JSON.stringify({ error: 'the token is not valid' })),
    );
    const port = await closedPort();
    const peers = parsePeerRegistry(
      `- {id: near-a, region: eu-near, url: "${healthy.url}"}
- {id: far-a, region: eu-far, url: "${locked.url}"}
- {id: gone, region: us-east, url: "http://127.0.0.1:${port}"}`,
      'test',
      {},
    );
    const states = await fleetStatus(peers);
    expect(states.map((s) => [s.id, s.health, s.busy, s.runId, s.version])).toEqual([
      ['near-a', PeerHealth.ok, true, 'r9', '1.2.3'],
      ['far-a', PeerHealth.unauthorized, null, null, null],
      ['gone', PeerHealth.unreachable, null, null, null],
    ]);
    expect(states[0]?.regionMismatch).toBe('the registry says eu-near, the agent says eu-far');
    expect(states[1]?.detail).toMatch(/refused the peer token \(401\)/);
    expect(states[2]?.detail).toMatch(/^unreachable: .*ECONNREFUSED/);
  });
});
