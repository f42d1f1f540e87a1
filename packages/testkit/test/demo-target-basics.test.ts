import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoTarget, demoTargetLimits, demoTargetRoutes, startDemoTarget } from '../src/index.js';
import { countBodyBytes, rawGet } from './http-helpers.js';

let target: DemoTarget;

beforeAll(async () => {
  target = await startDemoTarget();
});
afterAll(() => target.close());

beforeEach(() => target.resetStats());

describe('startDemoTarget', () => {
  it('listens on 127.0.0.1 with an OS-chosen port by default', () => {
    expect(target.host).toBe('127.0.0.1');
    expect(target.port).toBeGreaterThan(0);
    expect(target.url).toBe(`http://127.0.0.1:${target.port}`);
  });

  it('keeps connections alive for about a minute and reuses them', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await rawGet(`${target.url}/fast`, agent);
      const second = await rawGet(`${target.url}/fast`, agent);
      expect(first.headers['keep-alive']).toBe('timeout=60');
      expect(second.localPort).toBe(first.localPort);
    } finally {
      agent.destroy();
    }
  });

  it('counts requests per route name and resets the counts', async () => {
    await fetch(`${target.url}/fast`);
    await fetch(`${target.url}/fast`);
    await fetch(`${target.url}/delay/0`);
    await fetch(`${target.url}/delay?ms=0`);
    await fetch(`${target.url}/nope`);
    const stats = target.stats();
    expect(stats.byRoute.fast).toBe(2);
    expect(stats.byRoute.delay).toBe(2);
    expect(stats.byRoute.health).toBe(0);
    expect(stats.unmatchedRequests).toBe(1);
    expect(stats.totalRequests).toBe(5);
    target.resetStats();
    expect(target.stats()).toMatchObject({ totalRequests: 0, unmatchedRequests: 0, byRoute: { fast: 0 } });
  });

  it('returns a stats snapshot, not a live view', async () => {
    const before = target.stats();
    await fetch(`${target.url}/fast`);
    expect(before.byRoute.fast).toBe(0);
  });

  it('closes idempotently, ending idle keep-alive sockets', async () => {
    const own = await startDemoTarget();
    const agent = new Agent({ keepAlive: true });
    try {
      await rawGet(`${own.url}/fast`, agent);
      const first = own.close();
      expect(own.close()).toBe(first);
      await first;
      await expect(fetch(`${own.url}/fast`)).rejects.toThrow();
    } finally {
      agent.destroy();
      await own.close();
    }
  });

  it('accepts an explicit loopback host and port', async () => {
    const probe = await startDemoTarget();
    const { port } = probe;
    await probe.close();
    const own = await startDemoTarget({ host: '127.0.0.1', port });
    try {
      expect(own.port).toBe(port);
      expect((await fetch(`${own.url}/health`)).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it('rejects when the port is taken', async () => {
    await expect(startDemoTarget({ port: target.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('index and routing', () => {
  it('serves the route table at GET /', async () => {
    const res = await fetch(`${target.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const index = (await res.json()) as { name: string; routes: unknown };
    expect(index.name).toBe('fpt-demo-target');
    expect(index.routes).toEqual(JSON.parse(JSON.stringify(demoTargetRoutes)));
  });

  it('answers every documented non-fault route (no 404/405)', async () => {
    const examples: Record<string, string> = { ':ms': '0', ':code': '200', ':n': '3', ':id': '1' };
    for (const route of demoTargetRoutes) {
      if (route.name.startsWith('fault-')) continue;
      const path = route.path.replace(/:[a-z]+/g, (param) => examples[param] ?? 'x');
      const res = await fetch(`${target.url}${path}`, {
        method: route.method,
        redirect: 'manual',
        ...(route.method === 'POST'
          ? { body: '{"query":"{ __typename }","username":"a","password":"b","name":"n"}' }
          : {}),
        headers: { 'content-type': 'application/json' },
      });
      await res.arrayBuffer();
      expect([404, 405], `${route.method} ${path}`).not.toContain(res.status);
    }
  });

  it('answers unknown paths with 404 JSON naming the path', async () => {
    const res = await fetch(`${target.url}/no/such/thing?x=1`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not found', path: '/no/such/thing' });
  });

  it('answers a known path with the wrong method with 405 and allow', async () => {
    const res = await fetch(`${target.url}/fast`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    const items = await fetch(`${target.url}/api/items`, { method: 'PUT' });
    expect(items.status).toBe(405);
    expect(items.headers.get('allow')).toBe('GET, POST');
    await items.arrayBuffer();
  });

  it('serves HEAD from the GET route without a body', async () => {
    const res = await fetch(`${target.url}/fast`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('11');
    expect(await res.text()).toBe('');
  });
});

describe('GET /fast and /health', () => {
  it('/fast answers {"ok":true}', async () => {
    const res = await fetch(`${target.url}/fast`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.text()).toBe('{"ok":true}');
  });

  it('/health answers ok', async () => {
    const res = await fetch(`${target.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toBe('ok');
  });
});

describe('GET /delay', () => {
  it('waits at least ms before answering (query form)', async () => {
    const startMs = performance.now();
    const res = await fetch(`${target.url}/delay?ms=50`);
    const body = await res.json();
    expect(performance.now() - startMs).toBeGreaterThanOrEqual(50);
    expect(res.status).toBe(200);
    expect(body).toEqual({ ok: true, delayMs: 50 });
  });

  it('waits at least ms before answering (path form)', async () => {
    const startMs = performance.now();
    const res = await fetch(`${target.url}/delay/80`);
    await res.json();
    expect(performance.now() - startMs).toBeGreaterThanOrEqual(80);
  });

  it('serves concurrent delays in parallel, not one after another', async () => {
    const startMs = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${target.url}/delay?ms=100`).then((r) => r.json())),
    );
    const elapsedMs = performance.now() - startMs;
    expect(responses).toHaveLength(20);
    expect(elapsedMs).toBeGreaterThanOrEqual(100);
    expect(elapsedMs).toBeLessThan(1000);
  });

  it('rejects bad or over-cap delays with 400', async () => {
    for (const query of ['ms=abc', 'ms=-1', 'ms=1.5', `ms=${demoTargetLimits.maxDelayMs + 1}`]) {
      const res = await fetch(`${target.url}/delay?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain('ms must be an integer 0..60000');
    }
  });
});

describe('GET /status/:code', () => {
  it('answers with the asked status and a tiny JSON body', async () => {
    for (const code of [200, 201, 302, 404, 418, 500, 503, 599]) {
      const res = await fetch(`${target.url}/status/${code}`, { redirect: 'manual' });
      expect(res.status).toBe(code);
      expect(await res.json()).toEqual({ status: code });
    }
  });

  it('answers 204 and 304 without a body', async () => {
    for (const code of [204, 304]) {
      const res = await rawGet(`${target.url}/status/${code}`);
      expect(res.status).toBe(code);
      expect(res.body.length).toBe(0);
    }
  });

  it('rejects codes outside 200..599 with 400, 1xx included', async () => {
    for (const code of ['99', '100', '101', '199', '600', 'abc', '2000']) {
      const res = await fetch(`${target.url}/status/${code}`);
      expect(res.status, code).toBe(400);
      await res.arrayBuffer();
    }
  });
});

describe('GET /bytes/:n', () => {
  it('sends exactly n bytes of octet-stream', async () => {
    for (const n of [0, 1, 100, 65_535, 65_536, 65_537, 131_072, 1_000_000]) {
      const res = await fetch(`${target.url}/bytes/${n}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('content-length')).toBe(String(n));
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length, `n=${n}`).toBe(n);
      if (n > 0) expect(body.subarray(0, 3).toString()).toBe('abc'.slice(0, Math.min(3, n)));
    }
  });

  it('sends the 50 MiB cap exactly', async () => {
    const result = await countBodyBytes(`${target.url}/bytes/${demoTargetLimits.maxBodyBytes}`);
    expect(result).toEqual({ status: 200, sizeBytes: 52_428_800, firstByte: 0x61 });
  });

  it('rejects sizes over the cap or not integers with 400', async () => {
    for (const n of [String(demoTargetLimits.maxBodyBytes + 1), '-1', '1e3', 'x']) {
      const res = await fetch(`${target.url}/bytes/${n}`);
      expect(res.status, n).toBe(400);
      await res.arrayBuffer();
    }
  });
});

describe('GET /redirect', () => {
  it('redirects once to the target by default', async () => {
    const res = await fetch(`${target.url}/redirect?to=/health`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/health');
    await res.arrayBuffer();
  });

  it('defaults to /fast', async () => {
    const res = await fetch(`${target.url}/redirect`, { redirect: 'manual' });
    expect(res.headers.get('location')).toBe('/fast');
    await res.arrayBuffer();
  });

  it('chains n hops before reaching the target', async () => {
    const res = await fetch(`${target.url}/redirect?to=${encodeURIComponent('/delay?ms=0')}&n=3`);
    expect(res.status).toBe(200);
    expect(res.redirected).toBe(true);
    expect(await res.json()).toEqual({ ok: true, delayMs: 0 });
    expect(target.stats().byRoute.redirect).toBe(3);
    expect(target.stats().byRoute.delay).toBe(1);
  });

  it('refuses targets that would leave this server', async () => {
    for (const to of [
      '//example.com/',
      'http://example.com/',
      '/\\example.com',
      'fast',
      '/a\r\nset-cookie:x=1',
    ]) {
      const res = await fetch(`${target.url}/redirect?to=${encodeURIComponent(to)}`, { redirect: 'manual' });
      expect(res.status, to).toBe(400);
      await res.arrayBuffer();
    }
  });

  it('rejects hop counts outside 1..50', async () => {
    for (const n of ['0', '51', 'x']) {
      const res = await fetch(`${target.url}/redirect?n=${n}`, { redirect: 'manual' });
      expect(res.status, n).toBe(400);
      await res.arrayBuffer();
    }
  });
});
