import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type AccessEdge, startAccessEdge } from '../../../tools/test-support/access-edge.js';
import {
  fleetStatus,
  missingAccessVariables,
  PeerCallError,
  PeerCallErrorCode,
  PeerClient,
  PeerHealth,
  PeerRegistryError,
  parsePeerRegistry,
  peersFromUrls,
} from '../src/index.js';

const serviceToken = { clientId: '0123abcd.access', clientSecret: 'cf-secret-0123456789abcdef' };
const accessEnv = {
  FPT_PEER_TOKEN: 'peer-token',
  CF_ACCESS_CLIENT_ID: serviceToken.clientId,
  CF_ACCESS_CLIENT_SECRET: serviceToken.clientSecret,
};
const status = { version: '9.9.9', region: 'near-a', agentId: 'near-a-1', busy: false, run: null };

const servers: Server[] = [];
const edges: AccessEdge[] = [];
afterEach(async () => {
  for (const edge of edges.splice(0)) await edge.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** An agent's status route on loopback (or its JSON 403 with `refuse`), recording the headers it got. */
async function agentStandIn(
  options: { refuse?: boolean } = {},
): Promise<{ url: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(options.refuse ? 403 : 200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify(options.refuse ? { error: 'target not allowed', hint: 'ask the operator' } : status),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

async function edgeIn(
  front: string,
  token = serviceToken as typeof serviceToken | null,
): Promise<AccessEdge> {
  const edge = await startAccessEdge(front, token);
  edges.push(edge);
  return edge;
}

const withAccess = (url: string) =>
  `[{id: near-a, region: near-a, url: "${url}", accessClientIdEnv: CF_ACCESS_CLIENT_ID, accessClientSecretEnv: CF_ACCESS_CLIENT_SECRET}]`;

async function refusal(call: Promise<unknown>): Promise<PeerCallError> {
  const error = await call.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(PeerCallError);
  return error as PeerCallError;
}

describe('a peer behind Cloudflare Access', () => {
  it('is sent the service token the registry names, with the peer token, and reaches the agent', async () => {
    const agent = await agentStandIn();
    const edge = await edgeIn(agent.url);
    const [peer] = parsePeerRegistry(withAccess(edge.url), 'test', accessEnv);
    expect((await new PeerClient(peer!).status()).agentId).toBe('near-a-1');
    expect(edge.seen).toEqual([
      {
        method: 'GET',
        path: '/api/status',
        clientId: serviceToken.clientId,
        clientSecret: serviceToken.clientSecret,
        authorization: 'Bearer peer-token',
        forwarded: true,
      },
    ]);
    expect(agent.seen[0]?.authorization).toBe('Bearer peer-token');
  });

  it('is refused without the token, and the error says Access refused and which variables to set', async () => {
    const agent = await agentStandIn();
    const edge = await edgeIn(agent.url);
    const [peer] = parsePeerRegistry(withAccess(edge.url), 'test', { FPT_PEER_TOKEN: 'peer-token' });
    const error = await refusal(new PeerClient(peer!).status());
    expect(error.code).toBe(PeerCallErrorCode.accessRefused);
    expect(error.status).toBe(302);
    expect(error.message).toBe(
      `GET ${edge.url}/api/status: Cloudflare Access refused the call (it redirected to its login page (302)); set CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET to the client id and secret of an Access service token the application allows (CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET are not set)`,
    );
    expect(edge.seen.map((r) => [r.clientId, r.forwarded])).toEqual([[undefined, false]]);
    expect(agent.seen).toEqual([]);
  });

  it('names the one variable that is missing, and sends no half token', async () => {
    const edge = await edgeIn((await agentStandIn()).url);
    const env = { CF_ACCESS_CLIENT_ID: serviceToken.clientId };
    const [peer] = parsePeerRegistry(withAccess(edge.url), 'test', env);
    const error = await refusal(new PeerClient(peer!).status());
    expect(error.message).toMatch(/\(CF_ACCESS_CLIENT_SECRET is not set\)$/);
    expect(edge.seen[0]?.clientId).toBeUndefined();
    expect(missingAccessVariables([peer!])).toEqual([
      { variables: ['CF_ACCESS_CLIENT_SECRET'], peers: ['near-a'] },
    ]);
  });

  it('says so when Access does not accept the token it was sent, without repeating it', async () => {
    const edge = await edgeIn((await agentStandIn()).url);
    const env = { ...accessEnv, CF_ACCESS_CLIENT_SECRET: 'revoked-secret-value' };
    const [peer] = parsePeerRegistry(withAccess(edge.url), 'test', env);
    const error = await refusal(new PeerClient(peer!).status());
    expect(error.code).toBe(PeerCallErrorCode.accessRefused);
    expect(error.message).toMatch(
      /Cloudflare Access refused the call \(403 from Cloudflare, not from the agent\); CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET are set but Access does not accept them: .*Service Auth policy/,
    );
    expect(error.message).not.toContain('revoked-secret-value');
    expect(error.message).not.toContain(serviceToken.clientId);
  });

  it('tells a peer the registry sends no token to how to name one', async () => {
    const edge = await edgeIn((await agentStandIn()).url);
    const [peer] = parsePeerRegistry(`[{id: near-a, region: near-a, url: "${edge.url}"}]`, 'test', accessEnv);
    const error = await refusal(new PeerClient(peer!).status());
    expect(error.message).toMatch(
      /Cloudflare Access refused the call \(it redirected to its login page \(302\)\); this peer is sent no Access service token: name the variables that hold one with accessClientIdEnv and accessClientSecretEnv/,
    );
  });

  it('shows as unauthorized in fleet status, with the reason', async () => {
    const edge = await edgeIn((await agentStandIn()).url);
    const peers = parsePeerRegistry(withAccess(edge.url), 'test', {});
    const [state] = await fleetStatus(peers);
    expect(state?.health).toBe(PeerHealth.unauthorized);
    expect(state?.detail).toMatch(
      /Cloudflare Access refused the call .*set CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET/,
    );
  });

  it("does not mistake the agent's own 403 for Access, nor a plain redirect", async () => {
    const agent = await agentStandIn({ refuse: true });
    const edge = await edgeIn(agent.url);
    const [peer] = parsePeerRegistry(withAccess(edge.url), 'test', accessEnv);
    const own = await refusal(new PeerClient(peer!).status());
    expect([own.code, own.status, own.message]).toEqual([
      PeerCallErrorCode.http,
      403,
      'target not allowed (403)',
    ]);

    const redirect = createServer((_request, response) => {
      response.writeHead(301, {
        location: 'https://near-a.fpt.example.com/api/status',
        server: 'cloudflare',
      });
      response.end();
    });
    servers.push(redirect);
    await new Promise<void>((resolve) => redirect.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(redirect.address() as AddressInfo).port}`;
    const [plain] = parsePeerRegistry(withAccess(url), 'test', accessEnv);
    expect((await refusal(new PeerClient(plain!).status())).code).toBe(PeerCallErrorCode.http);
  });
});

describe('a peer not behind Access', () => {
  it('is never sent the service token, even when the variables are set', async () => {
    const open = await edgeIn((await agentStandIn()).url, null);
    const [peer] = parsePeerRegistry(`[{id: far-a, region: far-a, url: "${open.url}"}]`, 'test', accessEnv);
    expect(peer?.access).toBeNull();
    await new PeerClient(peer!).status();
    expect(open.seen.map((r) => [r.clientId, r.clientSecret, r.authorization])).toEqual([
      [undefined, undefined, 'Bearer peer-token'],
    ]);
  });

  it('is sent none on its private route either, unless its entry names the variables', async () => {
    const behind = await edgeIn((await agentStandIn()).url, null);
    const registry = `[{id: near-b, region: near-b, url: "https://near-b.example.test", privateUrl: "${behind.url}"}]`;
    await new PeerClient(parsePeerRegistry(registry, 'test', accessEnv)[0]!).status();
    expect(behind.seen[0]?.clientId).toBeUndefined();
  });
});

describe('fpt run --agents', () => {
  it('sends the Access token from CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET to the listed agents', async () => {
    const edge = await edgeIn((await agentStandIn()).url);
    const [peer] = await peersFromUrls([edge.url], accessEnv);
    expect([peer?.id, peer?.region]).toEqual(['near-a-1', 'near-a']);
    expect(edge.seen[0]?.clientSecret).toBe(serviceToken.clientSecret);
  });

  it('without them, is refused with the variables to set', async () => {
    const edge = await edgeIn((await agentStandIn()).url);
    const [peer] = await peersFromUrls([edge.url], { FPT_PEER_TOKEN: 'peer-token' });
    expect(peer?.region).toMatch(/^unknown@127\.0\.0\.1:/);
    const error = await refusal(new PeerClient(peer!).status());
    expect(error.message).toMatch(/set CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET/);
  });
});

describe('the registry', () => {
  it('keeps only the names of the Access variables; their values come from the environment', () => {
    const [peer] = parsePeerRegistry(
      '[{id: near-a, region: near-a, url: "https://near-a.example.test", accessClientIdEnv: NEAR_CF_ID, accessClientSecretEnv: NEAR_CF_SECRET}]',
      'test',
      { NEAR_CF_ID: 'id.access', NEAR_CF_SECRET: 's' },
    );
    expect(peer?.access).toEqual({
      clientIdEnv: 'NEAR_CF_ID',
      clientSecretEnv: 'NEAR_CF_SECRET',
      clientId: 'id.access',
      clientSecret: 's',
    });
  });

  it('refuses half a service token, a value in place of a name, and one variable for both', () => {
    let error: unknown;
    try {
      parsePeerRegistry(
        `- {id: a, region: near-a, url: "https://a.example.test", accessClientIdEnv: CF_ACCESS_CLIENT_ID}
- {id: b, region: near-b, url: "https://b.example.test", accessClientIdEnv: CF_ACCESS_CLIENT_ID, accessClientSecretEnv: "0123abcd.secret-value"}
- {id: c, region: far-a, url: "https://c.example.test", accessClientIdEnv: CF, accessClientSecretEnv: CF}
- {id: d, region: far-a, url: "https://d.example.test", accessClientSecret: plain}`,
        'peers.yaml',
        {},
      );
    } catch (failure) {
      error = failure;
    }
    expect(error).toBeInstanceOf(PeerRegistryError);
    expect((error as PeerRegistryError).problems).toEqual([
      'peers[0] (a): a Cloudflare Access service token needs both accessClientIdEnv and accessClientSecretEnv (the variables holding its client id and secret), e.g. CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET',
      'peers[1] (b).accessClientSecretEnv: not an environment variable name (letters, digits and _); the registry names the variable, the value stays in the environment',
      'peers[2] (c): accessClientIdEnv and accessClientSecretEnv name the same variable',
      'peers[3] (d).accessClientSecret: unknown field; use id, region, role, url, privateUrl, host, tokenEnv, accessClientIdEnv, accessClientSecretEnv',
    ]);
  });
});
