import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { count, rate, run, tagValues, trend, useDemoTarget } from './engine-fixtures.js';

const iterations = (n: number, requests: string, extra = '', vus = Math.min(4, n)) => `scenarios:
  s:
    executor: shared-iterations
    vus: ${vus}
    iterations: ${n}
${extra}    requests:
${requests}`;

describe('HTTP measurement', () => {
  const demo = useDemoTarget();

  it('measures a fixed 50 ms delay as p50 within 50–55 ms', async () => {
    const { store } = await run(
      demo.url,
      `scenarios:
  s:
    executor: per-vu-iterations
    vus: 2
    iterations: 40
    requests: [{ name: delay, path: /delay, query: { ms: 50 } }]`,
    );
    const duration = trend(store, 'http_req_duration', { name: 'delay' })!;
    expect(duration.count).toBe(80);
    expect(duration.percentile(50)).toBeGreaterThanOrEqual(50);
    expect(duration.percentile(50)).toBeLessThanOrEqual(55);
    // The server's delay is time to first byte: it shows up in waiting, not in sending or receiving.
    expect(trend(store, 'http_req_waiting')!.percentile(50)).toBeGreaterThanOrEqual(50);
    expect(trend(store, 'http_req_receiving')!.percentile(50)).toBeLessThan(5);
    // Two VUs, one keep-alive connection each: exactly two connections were made.
    const connecting = trend(store, 'http_req_connecting')!;
    const newConnections = [...connecting.histogram.buckets()]
      .filter((b) => b.lowest > 0)
      .reduce((n, b) => n + b.count, 0);
    expect(newConnections).toBe(2);
  });

  it('counts bytes sent and received', async () => {
    const { store } = await run(demo.url, iterations(10, '      - { name: bytes, path: /bytes/10000 }'));
    expect(count(store, 'data_received')).toBeGreaterThanOrEqual(10 * 10_000);
    expect(count(store, 'data_received')).toBeLessThan(10 * 10_000 + 10 * 400);
    expect(count(store, 'data_sent')).toBeGreaterThan(10 * 50);
  });

  it('weighted selection follows the weights (3:1 within ±4 points over 2000 iterations)', async () => {
    const { store } = await run(
      demo.url,
      iterations(
        2000,
        '      - { name: heavy, path: /fast, weight: 3 }\n      - { name: light, path: /fast, weight: 1 }',
      ),
    );
    const heavy = count(store, 'http_reqs', { name: 'heavy' });
    const light = count(store, 'http_reqs', { name: 'light' });
    expect(heavy + light).toBe(2000);
    expect(heavy / 2000).toBeGreaterThan(0.71);
    expect(heavy / 2000).toBeLessThan(0.79);
  });

  it('round-robin takes requests in turn, sequence sends all of them', async () => {
    const rr = await run(
      demo.url,
      iterations(
        30,
        '      - { name: a, path: /fast }\n      - { name: b, path: /fast }\n      - { name: c, path: /fast }',
        '    selection: round-robin\n',
      ),
    );
    expect(['a', 'b', 'c'].map((name) => count(rr.store, 'http_reqs', { name }))).toEqual([10, 10, 10]);
    const seq = await run(
      demo.url,
      iterations(
        5,
        '      - { name: a, path: /fast }\n      - { name: b, path: /fast }',
        '    selection: sequence\n',
      ),
    );
    expect(count(seq.store, 'http_reqs')).toBe(10);
  });

  it('failure rates and checks match what the target was told to do', async () => {
    const { summary, store } = await run(
      demo.url,
      iterations(
        500,
        '      - { name: flaky, path: /fail, query: { ratio: 0.2, key: checks-test }, checks: [{ status: 200 }, { bodyContains: ok }] }',
      ),
    );
    const failed = rate(store, 'http_req_failed')!;
    expect(failed.passes).toBe(100);
    expect(failed.fails).toBe(400);
    expect(count(store, 'http_reqs', { status: '500' })).toBe(100);
    expect(tagValues(store, 'http_reqs', 'error_code')).toEqual(['1500']);
    expect(tagValues(store, 'http_reqs', 'expected_response')).toEqual(['false', 'true']);
    const statusCheck = summary.checks.find((c) => c.name === 'status is 200')!;
    expect([statusCheck.passes, statusCheck.fails]).toEqual([400, 100]);
    expect(rate(store, 'checks')!.total).toBe(1000);
  });

  it('measures refused connections, resets, timeouts and broken bodies without crashing', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const { summary, store } = await run(
      demo.url,
      iterations(
        4,
        `      - { name: refused, url: "http://127.0.0.1:${closedPort}/x" }
      - { name: reset, path: /fault/reset }
      - { name: hang, path: /fault/hang, timeout: 300ms }
      - { name: partial, path: /fault/partial }
      - { name: malformed, path: /fault/malformed-json, checks: [{ jsonPath: $.items, exists: true }] }
      - { name: unavailable, path: /status/503 }`,
        '    selection: sequence\n',
        2,
      ),
    );
    expect(summary.scenarios[0]!.completedIterations).toBe(4);
    const codeOf = (name: string) => {
      const series = [...store.series('http_reqs')].filter((s) => s.tagSet.tags.name === name);
      return [...new Set(series.map((s) => s.tagSet.tags.error_code))];
    };
    expect(codeOf('refused')).toEqual(['1212']);
    expect(codeOf('reset')).toEqual(['1220']);
    expect(codeOf('hang')).toEqual(['1050']);
    expect(codeOf('partial')[0]).toMatch(/^1[02]\d\d$/);
    expect(codeOf('malformed')).toEqual([undefined]);
    expect(codeOf('unavailable')).toEqual(['1503']);
    expect(tagValues(store, 'http_reqs', 'status')).toEqual(['0', '200', '503']);
    expect(rate(store, 'http_req_failed')!.passes).toBe(4 * 5);
    expect(summary.checks.find((c) => c.request === 'malformed')!.fails).toBe(4);
    const hang = trend(store, 'http_req_duration', { name: 'hang' })!;
    expect(hang.min).toBeGreaterThanOrEqual(290);
  });

  it('follows redirects, counting every hop as a request', async () => {
    const { store } = await run(
      demo.url,
      iterations(
        3,
        '      - { name: hop, path: /redirect, query: { to: /fast, n: 2 }, checks: [{ status: 200 }] }',
      ),
    );
    expect(count(store, 'http_reqs', { name: 'hop' })).toBe(9);
    expect(count(store, 'http_reqs', { status: '302' })).toBe(6);
    expect(rate(store, 'checks')!.passes).toBe(3);
  });
});

describe('correlation: setup, captures, data files, GraphQL', () => {
  const demo = useDemoTarget();

  it('logs in once in setup and every VU uses the token', async () => {
    const { store, summary } = await run(
      demo.url,
      `setup:
  - name: login
    method: POST
    path: /api/login
    body: { json: { username: ann, password: secret } }
    captures: [{ name: token, jsonPath: $.token }]
scenarios:
  s:
    executor: shared-iterations
    vus: 3
    iterations: 9
    requests:
      - name: items
        path: /api/items
        query: { auth: 1 }
        headers: { authorization: "Bearer {{token}}" }
        checks: [{ status: 200 }]`,
    );
    expect(count(store, 'http_reqs', { name: 'login', scenario: 'setup' })).toBe(1);
    expect(count(store, 'http_reqs', { name: 'items', status: '200' })).toBe(9);
    expect(summary.warnings).toEqual([]);
  });

  it('passes captures along a sequence and fails a capture that finds nothing, warning once', async () => {
    const warnings: string[] = [];
    const { store, summary } = await run(
      demo.url,
      `scenarios:
  s:
    executor: shared-iterations
    vus: 2
    iterations: 6
    selection: sequence
    requests:
      - name: create
        method: POST
        path: /api/items
        body: { json: { name: "w-{{__VU}}", price: 7 } }
        captures: [{ name: id, jsonPath: $.id }, { name: nothing, jsonPath: $.missing }]
      - name: read
        path: "/api/items/{{id}}"
        checks: [{ jsonPath: $.price, equals: 7 }]`,
      { onWarning: (message) => warnings.push(message) },
    );
    expect(count(store, 'http_reqs', { name: 'read', status: '200' })).toBe(6);
    expect(summary.checks.find((c) => c.request === 'read')).toMatchObject({ passes: 6, fails: 0 });
    expect(summary.checks.find((c) => c.name === 'capture nothing')).toMatchObject({ passes: 0, fails: 6 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/capture "nothing" \(\$\.missing\) found nothing/);
  });

  it('keeps the session cookie a login sets, per iteration (k6), per VU, or not at all', async () => {
    // One VU, round-robin: iterations alternate login, items, login, items. A sequence does both in one.
    const cookieRun = (mode: string, selection: string) =>
      run(
        demo.url,
        `  cookies: ${mode}
scenarios:
  s:
    executor: per-vu-iterations
    vus: 1
    iterations: 4
    selection: ${selection}
    requests:
      - { name: login, method: POST, path: /api/login, body: { json: { username: ann, password: secret } } }
      - { name: items, path: /api/items, query: { auth: cookie } }`,
      );
    /** How many `items` requests got 200 and how many 401. */
    const statuses = async (mode: string, selection: string) => {
      const { store } = await cookieRun(mode, selection);
      return [200, 401].map((status) => count(store, 'http_reqs', { name: 'items', status: String(status) }));
    };
    expect(await statuses('iteration', 'sequence')).toEqual([4, 0]);
    expect(await statuses('iteration', 'round-robin')).toEqual([0, 2]);
    expect(await statuses('vu', 'round-robin')).toEqual([2, 0]);
    expect(await statuses('off', 'sequence')).toEqual([0, 4]);
  });

  it('fails the GraphQL check on an errors array even with status 200', async () => {
    const { summary, store } = await run(
      demo.url,
      iterations(
        4,
        `      - { name: good, path: /graphql, method: POST, graphql: { query: "query { items { id } }" } }
      - { name: bad, path: /graphql, method: POST, graphql: { query: "query { nope }" } }`,
        '    selection: sequence\n',
      ),
    );
    expect(count(store, 'http_reqs', { status: '200' })).toBe(8);
    expect(summary.checks.find((c) => c.request === 'good')).toMatchObject({ passes: 4, fails: 0 });
    expect(summary.checks.find((c) => c.request === 'bad')).toMatchObject({ passes: 0, fails: 4 });
  });
});
