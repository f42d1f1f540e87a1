import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type Server,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectProxy, createThrowawayCa, startConnectProxy, type ThrowawayCa } from '../src/index.js';

type SeenRequest = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

let origin: Server;
let originPort: number;
const seen: SeenRequest[] = [];
const proxies: ConnectProxy[] = [];

beforeAll(async () => {
  origin = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain', 'x-origin': 'yes' });
      res.end(`origin saw ${req.method} ${req.url}`);
    });
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  originPort = (origin.address() as AddressInfo).port;
});
afterAll(async () => {
  origin.closeAllConnections();
  await new Promise((resolve) => origin.close(resolve));
});
afterEach(async () => {
  seen.length = 0;
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

async function proxy(options: Parameters<typeof startConnectProxy>[0] = {}): Promise<ConnectProxy> {
  const started = await startConnectProxy(options);
  proxies.push(started);
  return started;
}

type Reply = { status: number; headers: IncomingHttpHeaders; body: string };

function viaProxy(
  through: ConnectProxy,
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: through.port,
        method: options.method ?? 'GET',
        path: target,
        headers: { host: new URL(target).host, ...options.headers },
        agent: false,
      },
      (res) =>
        collect(res).then((body) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body })),
    );
    req.once('error', reject);
    req.end(options.body);
  });
}

async function collect(stream: IncomingMessage | Socket): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk;
  return text;
}

type Tunnel = { status: number; socket: Socket; body: string };

function openTunnel(
  through: ConnectProxy,
  target: string,
  headers: Record<string, string> = {},
): Promise<Tunnel> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: through.port,
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
    });
    // Node emits 'connect' for every answer to a CONNECT, 407 and 502 included; those bodies follow.
    req.once('connect', (res, socket, head) => {
      const status = res.statusCode ?? 0;
      if (status === 200) resolve({ status, socket, body: '' });
      else collect(socket).then((rest) => resolve({ status, socket, body: head.toString() + rest }), reject);
    });
    req.once('error', reject);
    req.end();
  });
}

describe('startConnectProxy: absolute-form requests', () => {
  it('forwards to the origin, resolving names through hosts, and answers with its response', async () => {
    const p = await proxy({ hosts: { 'api.test': '127.0.0.1' } });
    expect(p.url).toBe(`http://127.0.0.1:${p.port}`);
    const target = `http://api.test:${originPort}/hello?x=1`;
    const reply = await viaProxy(p, target, {
      headers: { 'x-custom': 'kept', 'proxy-connection': 'keep-alive' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('origin saw GET /hello?x=1');
    expect(reply.headers['x-origin']).toBe('yes');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe('/hello?x=1');
    expect(seen[0]?.headers['host']).toBe(`api.test:${originPort}`);
    expect(seen[0]?.headers['x-custom']).toBe('kept');
    expect(seen[0]?.headers['proxy-connection']).toBeUndefined();
    expect(p.log).toEqual([
      {
        kind: 'forward',
        method: 'GET',
        target,
        headers: expect.objectContaining({ 'x-custom': 'kept', host: `api.test:${originPort}` }),
        status: 200,
      },
    ]);
  });

  it('forwards request bodies with the method', async () => {
    const p = await proxy();
    const reply = await viaProxy(p, `http://127.0.0.1:${originPort}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"x"}',
    });
    expect(reply.body).toBe('origin saw POST /items');
    expect(seen[0]).toMatchObject({ method: 'POST', body: '{"name":"x"}' });
  });

  it('answers 400 to origin-form requests, which a forward proxy cannot route', async () => {
    const p = await proxy();
    const reply = await new Promise<Reply>((resolve, reject) => {
      request({ host: '127.0.0.1', port: p.port, path: '/hello', agent: false }, (res) =>
        collect(res).then((body) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body })),
      )
        .once('error', reject)
        .end();
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatch(/absolute-form/);
    expect(seen).toHaveLength(0);
  });
});

describe('startConnectProxy: CONNECT tunnels', () => {
  it('tunnels a plain connection to the target', async () => {
    const p = await proxy({ hosts: { 'api.test': '127.0.0.1' } });
    // Clients name the target in Host too, as RFC 9110 9.3.6 asks.
    const tunnel = await openTunnel(p, `api.test:${originPort}`, { host: `api.test:${originPort}` });
    expect(tunnel.status).toBe(200);
    tunnel.socket.end(`GET /through-tunnel HTTP/1.1\r\nHost: api.test\r\nConnection: close\r\n\r\n`);
    const raw = await collect(tunnel.socket);
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(raw).toMatch(/\r\norigin saw GET \/through-tunnel\r\n/);
    expect(seen[0]?.url).toBe('/through-tunnel');
    expect(p.log).toEqual([
      {
        kind: 'connect',
        method: 'CONNECT',
        target: `api.test:${originPort}`,
        headers: { host: `api.test:${originPort}`, connection: 'close' },
        status: 200,
      },
    ]);
  });

  it('tunnels TLS end to end: the client verifies the origin certificate by name', async () => {
    const ca: ThrowawayCa = createThrowawayCa();
    const https = createHttpsServer(
      ca.issue({ name: 'api', commonName: 'api.test', altNames: ['DNS:api.test'] }),
      (_req, res) => res.end('secret over tls'),
    );
    try {
      await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
      const httpsPort = (https.address() as AddressInfo).port;
      const p = await proxy({ hosts: { 'api.test': '127.0.0.1' } });
      const tunnel = await openTunnel(p, `api.test:${httpsPort}`);
      expect(tunnel.status).toBe(200);
      const tls = tlsConnect({ socket: tunnel.socket, servername: 'api.test', ca: ca.caCert });
      await new Promise<void>((resolve, reject) => {
        tls.once('secureConnect', resolve);
        tls.once('error', reject);
      });
      expect(tls.authorized).toBe(true);
      tls.end('GET / HTTP/1.1\r\nHost: api.test\r\nConnection: close\r\n\r\n');
      expect(await collect(tls as unknown as Socket)).toMatch(/secret over tls$/);
    } finally {
      https.closeAllConnections();
      await new Promise((resolve) => https.close(resolve));
      ca.cleanup();
    }
  });

  it('answers 502 when nothing listens at a loopback target', async () => {
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    const closedPort = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    const p = await proxy();
    const tunnel = await openTunnel(p, `127.0.0.1:${closedPort}`);
    expect(tunnel.status).toBe(502);
    expect(tunnel.body).toMatch(/could not connect/);
  });

  it('destroys open tunnels on close', async () => {
    const p = await proxy();
    const tunnel = await openTunnel(p, `127.0.0.1:${originPort}`);
    expect(tunnel.status).toBe(200);
    const closed = new Promise((resolve) => tunnel.socket.once('close', resolve));
    await p.close();
    await closed;
    expect(tunnel.socket.destroyed).toBe(true);
  });
});

describe('startConnectProxy: Basic auth', () => {
  const auth = { username: 'fpt', password: 's3cret' };
  const good = `Basic ${Buffer.from('fpt:s3cret').toString('base64')}`;

  it('answers 407 with a Basic challenge without credentials, and forwards with them', async () => {
    const p = await proxy({ auth });
    const target = `http://127.0.0.1:${originPort}/private`;
    const refused = await viaProxy(p, target);
    expect(refused.status).toBe(407);
    expect(refused.headers['proxy-authenticate']).toBe('Basic realm="fpt-test"');
    const wrong = await viaProxy(p, target, {
      headers: { 'proxy-authorization': `Basic ${Buffer.from('fpt:nope').toString('base64')}` },
    });
    expect(wrong.status).toBe(407);
    expect(seen).toHaveLength(0);

    const accepted = await viaProxy(p, target, { headers: { 'proxy-authorization': good } });
    expect(accepted.status).toBe(200);
    expect(seen).toHaveLength(1);
    // The credentials are for the proxy alone.
    expect(seen[0]?.headers['proxy-authorization']).toBeUndefined();
    expect(p.log.map((entry) => [entry.status, entry.headers['proxy-authorization']])).toEqual([
      [407, undefined],
      [407, `Basic ${Buffer.from('fpt:nope').toString('base64')}`],
      [200, good],
    ]);
  });

  it('guards CONNECT the same way', async () => {
    const p = await proxy({ auth });
    const refused = await openTunnel(p, `127.0.0.1:${originPort}`);
    expect(refused.status).toBe(407);
    expect(refused.body).toMatch(/Proxy-Authorization/);
    const opened = await openTunnel(p, `127.0.0.1:${originPort}`, { 'proxy-authorization': good });
    expect(opened.status).toBe(200);
    opened.socket.destroy();
    expect(p.log.map((entry) => [entry.kind, entry.status, entry.headers['proxy-authorization']])).toEqual([
      ['connect', 407, undefined],
      ['connect', 200, good],
    ]);
  });
});

describe('startConnectProxy: loopback only', () => {
  // 192.0.2.0/24 is TEST-NET-1, reserved for documentation: never routed, so never reachable anyway.
  const hosts = { 'evil.test': '192.0.2.10', 'api.test': '127.0.0.1' };

  it('refuses a name that maps to a non-loopback address with 403, before connecting', async () => {
    const p = await proxy({ hosts });
    const forwarded = await viaProxy(p, 'http://evil.test/steal');
    expect(forwarded.status).toBe(403);
    expect(forwarded.body).toMatch(/refuses "evil\.test" \(192\.0\.2\.10\): it only connects to loopback/);
    const tunnel = await openTunnel(p, 'evil.test:443');
    // A connection attempt would have ended in 200 or 502, not 403.
    expect(tunnel.status).toBe(403);
    expect(p.log.map((entry) => [entry.kind, entry.target, entry.status])).toEqual([
      ['forward', 'http://evil.test/steal', 403],
      ['connect', 'evil.test:443', 403],
    ]);
  });

  it('refuses non-loopback IP literals and names it was not told about, without asking DNS', async () => {
    const p = await proxy({ hosts });
    expect((await openTunnel(p, '192.0.2.10:443')).status).toBe(403);
    const unknown = await viaProxy(p, 'http://example.invalid/');
    expect(unknown.status).toBe(403);
    expect(unknown.body).toMatch(/does not resolve "example\.invalid": add it to startConnectProxy's hosts/);
    expect(seen).toHaveLength(0);
  });

  it('takes localhost and any 127.0.0.0/8 address', async () => {
    const p = await proxy();
    expect((await viaProxy(p, `http://localhost:${originPort}/a`)).status).toBe(200);
    expect((await viaProxy(p, `http://127.0.0.1:${originPort}/b`)).status).toBe(200);
    expect(seen.map((r) => r.url)).toEqual(['/a', '/b']);
  });

  it('rejects hosts entries that are not IP addresses', async () => {
    await expect(startConnectProxy({ hosts: { 'api.test': 'localhost' } })).rejects.toThrow(
      /not an IP address/,
    );
  });
});
