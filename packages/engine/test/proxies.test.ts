import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import {
  type ConnectProxy,
  createThrowawayCa,
  startConnectProxy,
  startNginx,
  type ThrowawayCa,
} from '@fpt/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { proxyChooser } from '../src/http/proxy-settings.js';
import { count, run, tagValues } from './engine-fixtures.js';

let ca: ThrowawayCa;
beforeAll(() => {
  ca = createThrowawayCa();
});
afterAll(() => ca?.cleanup());

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function origin(): Promise<{ port: number; seen: { url: string; headers: IncomingHttpHeaders }[] }> {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.end('through');
  });
  closers.push(() => server.close());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, seen };
}

async function proxy(options: Parameters<typeof startConnectProxy>[0] = {}): Promise<ConnectProxy> {
  const started = await startConnectProxy(options);
  closers.push(() => started.close());
  return started;
}

const twice = (target = '') => `${target}scenarios:
  s:
    executor: shared-iterations
    vus: 1
    iterations: 2
    requests:
      - { name: r, path: /via, checks: [{ status: 200 }] }`;

describe('proxies', () => {
  it('forwards http requests in absolute form through target.proxy, with its credentials', async () => {
    const server = await origin();
    const forward = await proxy({ auth: { username: 'load', password: 'p@ss' } });
    const proxyUrl = forward.url.replace('http://', 'http://load:p%40ss@');
    const { summary } = await run(
      `http://127.0.0.1:${server.port}`,
      twice(`  proxy: ${JSON.stringify(proxyUrl)}\n`),
    );
    expect(summary.checks[0]).toMatchObject({ passes: 2, fails: 0 });
    expect(forward.log.map((entry) => [entry.kind, entry.target])).toEqual([
      ['forward', `http://127.0.0.1:${server.port}/via`],
      ['forward', `http://127.0.0.1:${server.port}/via`],
    ]);
    expect(forward.log[0]!.headers['proxy-authorization']).toBe(
      `Basic ${Buffer.from('load:p@ss').toString('base64')}`,
    );
    // The origin never sees the proxy's credentials.
    expect(server.seen[0]!.headers['proxy-authorization']).toBeUndefined();
  });

  it('tunnels https with CONNECT, and HTTP/2 still goes end to end', async () => {
    const cert = ca.issue({ name: 'nginx', commonName: 'localhost', altNames: ['IP:127.0.0.1'] });
    const nginx = await startNginx({ tls: { certPath: cert.certPath, keyPath: cert.keyPath }, http2: true });
    closers.push(() => nginx.stop());
    const tunnel = await proxy();
    const { store } = await run(
      nginx.origin,
      twice(`  proxy: ${tunnel.url}\n  tls: { ca: ${JSON.stringify(ca.caCertPath)} }\n`).replace('/via', '/'),
    );
    expect(count(store, 'http_reqs', { status: '200' })).toBe(2);
    expect(tagValues(store, 'http_reqs', 'proto')).toEqual(['HTTP/2.0']);
    expect(tunnel.log.map((entry) => [entry.kind, entry.target])).toEqual([
      ['connect', `127.0.0.1:${nginx.port}`],
    ]);
    expect((await nginx.accessLog({ atLeast: 2 })).map((e) => e.protocol)).toEqual(['HTTP/2.0', 'HTTP/2.0']);
  });

  it('takes HTTP_PROXY for names but never for loopback, and NO_PROXY exempts hosts', async () => {
    const server = await origin();
    const envProxy = await proxy({ hosts: { 'api.test': '127.0.0.1' } });
    const environment = { httpProxy: envProxy.url };
    // A loopback target goes direct (Go's rule), even with HTTP_PROXY set.
    await run(`http://127.0.0.1:${server.port}`, twice(), { proxyEnvironment: environment });
    expect(envProxy.log).toEqual([]);
    expect(server.seen).toHaveLength(2);
    // A name goes through the proxy (which resolves it); FPT's own dns.hosts is not consulted for it.
    const named = `http://api.test:${server.port}`;
    const { summary } = await run(named, twice('  dns: { hosts: { api.test: 127.0.0.9 } }\n'), {
      proxyEnvironment: environment,
    });
    expect(summary.checks[0]).toMatchObject({ passes: 2 });
    expect(envProxy.log.map((entry) => entry.target)).toEqual([`${named}/via`, `${named}/via`]);
    // NO_PROXY names it: direct, through FPT's own hosts mapping.
    await run(named, twice('  dns: { hosts: { api.test: 127.0.0.1 } }\n'), {
      proxyEnvironment: { ...environment, noProxy: '.example.com,api.test' },
    });
    expect(envProxy.log).toHaveLength(2);
    expect(server.seen).toHaveLength(6);
  });

  it('fails a refused CONNECT as the proxy status (407 → 1407) and says who refused', async () => {
    const cert = ca.issue({ name: 'guarded', commonName: 'localhost', altNames: ['IP:127.0.0.1'] });
    const nginx = await startNginx({ tls: { certPath: cert.certPath, keyPath: cert.keyPath } });
    closers.push(() => nginx.stop());
    const guarded = await proxy({ auth: { username: 'u', password: 'right' } });
    const { store } = await run(
      nginx.origin,
      twice(
        `  proxy: ${guarded.url.replace('http://', 'http://u:wrong@')}\n  tls: { ca: ${JSON.stringify(ca.caCertPath)} }\n`,
      ),
    );
    expect(count(store, 'http_reqs', { error_code: '1407' })).toBe(2);
  });
});

describe('proxy choice (Go rules)', () => {
  const route = (
    env: Parameters<typeof proxyChooser>[1],
    url: string,
    explicit?: Parameters<typeof proxyChooser>[0],
  ) => proxyChooser(explicit, env)(new URL(url))?.display;

  it('uses HTTPS_PROXY for https and HTTP_PROXY for http, and never for loopback', () => {
    const env = { httpProxy: 'proxy:3128', httpsProxy: 'http://secure:8443' };
    expect(route(env, 'http://api.example.com/')).toBe('http://proxy:3128');
    expect(route(env, 'https://api.example.com/')).toBe('http://secure:8443');
    expect(route(env, 'http://localhost:8080/')).toBeUndefined();
    expect(route(env, 'http://127.0.0.5/')).toBeUndefined();
    expect(route(env, 'http://[::1]:80/')).toBeUndefined();
  });

  it('matches NO_PROXY entries: domains with their subdomains, .subdomains only, ports, CIDR, *', () => {
    const env = (noProxy: string) => ({ httpProxy: 'http://p:1', noProxy });
    expect(route(env('example.com'), 'http://api.example.com/')).toBeUndefined();
    expect(route(env('example.com'), 'http://example.com/')).toBeUndefined();
    expect(route(env('.example.com'), 'http://example.com/')).toBe('http://p:1');
    expect(route(env('.example.com'), 'http://a.example.com/')).toBeUndefined();
    expect(route(env('example.com:8080'), 'http://example.com:9090/')).toBe('http://p:1');
    expect(route(env('example.com:8080'), 'http://example.com:8080/')).toBeUndefined();
    expect(route(env('10.0.0.0/8'), 'http://10.1.2.3/')).toBeUndefined();
    expect(route(env('10.0.0.0/8'), 'http://11.1.2.3/')).toBe('http://p:1');
    expect(route(env('*'), 'http://anything/')).toBeUndefined();
    expect(route(env('badexample.com'), 'http://example.com/')).toBe('http://p:1');
  });

  it("lets a preset's own proxy cover loopback, and 'none' ignore the environment", () => {
    expect(route({}, 'http://127.0.0.1:9/', { url: 'http://p:2' })).toBe('http://p:2');
    expect(route({ httpProxy: 'http://p:1' }, 'http://api.example.com/', 'none')).toBeUndefined();
    expect(() => proxyChooser({ url: 'socks5://p:1' }, {})).toThrow(/plain HTTP/);
  });
});
