import {
  constants,
  createSecureServer,
  createServer as createH2cServer,
  type Http2SecureServer,
  type Http2Server,
  type ServerHttp2Session,
} from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import {
  createThrowawayCa,
  type NginxServer,
  nginxDefaultBodies,
  startNginx,
  type ThrowawayCa,
} from '@fpt/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../src/http/error-codes.js';
import { count, run, tagValues, trend } from './engine-fixtures.js';

let ca: ThrowawayCa;
let server: { certPath: string; keyPath: string; cert: string; key: string };
beforeAll(() => {
  ca = createThrowawayCa();
  server = ca.issue({ name: 'server', commonName: 'localhost', altNames: ['DNS:localhost', 'IP:127.0.0.1'] });
});
afterAll(() => ca?.cleanup());

const closers: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function listen<T extends Http2Server | Http2SecureServer | ReturnType<typeof createHttpsServer>>(
  created: T,
  secure = true,
): Promise<{ origin: string; server: T }> {
  const sessions = new Set<ServerHttp2Session>();
  created.on('session', (session: ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        created.close(() => resolve());
      }),
  );
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  const port = (created.address() as { port: number }).port;
  return { origin: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`, server: created };
}

async function nginx(http2: boolean): Promise<NginxServer> {
  const started = await startNginx({ tls: { certPath: server.certPath, keyPath: server.keyPath }, http2 });
  closers.push(() => started.stop());
  return started;
}

const tlsTarget = () => `  tls: { ca: ${JSON.stringify(ca.caCertPath)} }\n`;

/** Iterations of one VU each, the given requests in sequence. */
const scenario = (requests: string, iterations = 4, vus = 1, target = '') => `${target}scenarios:
  s:
    executor: shared-iterations
    vus: ${vus}
    iterations: ${iterations}
    selection: sequence
    requests:
${requests}`;

describe('HTTP/2 against nginx (ALPN)', () => {
  it('speaks HTTP/2 to an nginx that offers it, tags proto and tls_version, and HTTP/1.1 when asked', async () => {
    const target = await nginx(true);
    const auto = await run(
      target.origin,
      scenario(
        `      - { name: root, path: /, checks: [{ bodyContains: "hello from nginx" }] }
      - { name: json, path: /json, checks: [{ jsonPath: "$.items[2]", equals: 3 }] }`,
        3,
        1,
        tlsTarget(),
      ),
    );
    expect(count(auto.store, 'http_reqs')).toBe(6);
    expect(tagValues(auto.store, 'http_reqs', 'proto')).toEqual(['HTTP/2.0']);
    // nginx 1.22's default ssl_protocols end at TLS 1.2.
    expect(tagValues(auto.store, 'http_reqs', 'tls_version')).toEqual(['tls1.2']);
    expect(auto.summary.checks.every((c) => c.fails === 0 && c.passes === 3)).toBe(true);
    const h2Log = await target.accessLog({ atLeast: 6 });
    expect(h2Log.map((entry) => entry.protocol)).toEqual(Array(6).fill('HTTP/2.0'));

    const forced = await run(
      target.origin,
      scenario('      - { name: root, path: / }', 2, 1, `${tlsTarget()}  http: http1\n`),
    );
    expect(tagValues(forced.store, 'http_reqs', 'proto')).toEqual(['HTTP/1.1']);
    const all = await target.accessLog({ atLeast: 8 });
    expect(all.slice(6).map((entry) => entry.protocol)).toEqual(['HTTP/1.1', 'HTTP/1.1']);
  });

  it('keeps one HTTP/2 connection per VU: connect and TLS times only on its first request', async () => {
    const target = await nginx(true);
    const { store } = await run(
      target.origin,
      scenario('      - { name: root, path: / }', 10, 2, tlsTarget()),
    );
    expect(count(store, 'http_reqs')).toBe(10);
    const connecting = trend(store, 'http_req_connecting')!;
    const tls = trend(store, 'http_req_tls_handshaking')!;
    // 2 VUs → 2 handshakes; the other 8 requests reuse their VU's connection.
    expect(tls.count).toBe(10);
    expect(tls.percentile(70)).toBe(0);
    expect(tls.max).toBeGreaterThan(0);
    expect(connecting.percentile(70)).toBe(0);
    expect(trend(store, 'http_req_waiting')!.max).toBeGreaterThan(0);
    expect(count(store, 'data_received')).toBeGreaterThan(10 * nginxDefaultBodies.root.length);
    expect(count(store, 'data_sent')).toBeGreaterThan(0);
  });

  it('speaks only HTTP/2 with http: http2, and says why when the server offers only HTTP/1.1', async () => {
    const target = await nginx(false);
    const { store, summary } = await run(
      target.origin,
      scenario('      - { name: root, path: / }', 2, 1, `${tlsTarget()}  http: http2\n`),
    );
    // nginx ends the handshake with a no_application_protocol alert: a TLS failure that names the cause.
    expect(count(store, 'http_reqs', { error_code: String(ErrorCode.tlsGeneric) })).toBe(2);
    expect(tagValues(store, 'http_reqs', 'proto')).toEqual([]);
    expect(summary.exitCode).toBe(0);
  });
});

describe('HTTP/2 against node:http2 servers', () => {
  it('reaches an HTTP/2-only server (no HTTP/1.1 fallback), which failed with 1300 before', async () => {
    const { origin } = await listen(
      createSecureServer({ cert: server.cert, key: server.key, allowHTTP1: false }, (req, res) => {
        res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
        res.setHeader('x-city', Buffer.from('café', 'utf8').toString('latin1'));
        res.end(
          JSON.stringify({ path: req.url, cookie: req.headers.cookie ?? null, version: req.httpVersion }),
        );
      }),
    );
    const { store, summary } = await run(
      origin,
      scenario(
        `      - { name: first, path: /one, checks: [{ jsonPath: $.version, equals: "2.0" }, { header: x-city, equals: café }] }
      - { name: second, path: /two, checks: [{ jsonPath: $.cookie, equals: "a=1; b=2" }] }`,
        2,
        1,
        tlsTarget(),
      ),
    );
    expect(tagValues(store, 'http_reqs', 'proto')).toEqual(['HTTP/2.0']);
    expect(summary.checks.map((c) => [c.request, c.passes, c.fails])).toEqual([
      ['first', 2, 0],
      ['first', 2, 0],
      ['second', 2, 0],
    ]);
  });

  it('speaks cleartext HTTP/2 (h2c, prior knowledge) with http: http2 on an http:// target', async () => {
    let sessions = 0;
    const { origin, server: h2c } = await listen(
      createH2cServer((req, res) => res.end(`h2c ${req.httpVersion} ${req.method} ${req.url}`)),
      false,
    );
    h2c.on('session', () => sessions++);
    const { store, summary } = await run(
      origin,
      scenario(
        '      - { name: post, method: POST, path: /p, body: { raw: hello }, checks: [{ bodyContains: "h2c 2.0 POST /p" }] }',
        5,
        1,
        '  http: http2\n',
      ),
    );
    expect(tagValues(store, 'http_reqs', 'proto')).toEqual(['HTTP/2.0']);
    expect(tagValues(store, 'http_reqs', 'tls_version')).toEqual([]);
    expect(summary.checks[0]).toMatchObject({ passes: 5, fails: 0 });
    expect(sessions).toBe(1);
  });

  it('maps a reset stream to the 1631–1649 codes and refused streams to a retry, then 1638', async () => {
    let refused = 0;
    const { origin } = await listen(
      createSecureServer({ cert: server.cert, key: server.key }, (req, res) => {
        if (req.url === '/reset') req.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
        else if (req.url === '/refuse') {
          refused++;
          req.stream.close(constants.NGHTTP2_REFUSED_STREAM);
        } else res.end('ok');
      }),
    );
    const { store, summary } = await run(
      origin,
      scenario(
        `      - { name: reset, path: /reset }
      - { name: refuse, path: /refuse }
      - { name: fine, path: /fine }`,
        2,
        1,
        tlsTarget(),
      ),
    );
    // INTERNAL_ERROR (2) → 1631 + 2; REFUSED_STREAM (7) → 1631 + 7, after one retry on a new connection.
    expect(count(store, 'http_reqs', { name: 'reset', error_code: '1633' })).toBe(2);
    expect(count(store, 'http_reqs', { name: 'refuse', error_code: '1638' })).toBe(2);
    expect(refused).toBe(4);
    expect(count(store, 'http_reqs', { name: 'fine', status: '200' })).toBe(2);
    expect(summary.scenarios[0]!.completedIterations).toBe(2);
  });

  it('sends header values as UTF-8 and a preset Host as :authority', async () => {
    const seen: { authority: string | undefined; city: string | undefined }[] = [];
    const { origin } = await listen(
      createSecureServer({ cert: server.cert, key: server.key }, (req, res) => {
        const raw = req.headers['x-city'];
        seen.push({
          authority: req.headers[':authority'] as string | undefined,
          city: typeof raw === 'string' ? Buffer.from(raw, 'latin1').toString('utf8') : undefined,
        });
        res.end('ok');
      }),
    );
    await run(
      origin,
      scenario(
        '      - { name: r, path: /, headers: { X-City: "café 日本", Connection: keep-alive, Host: "localhost" } }',
        1,
        1,
        tlsTarget(),
      ),
    );
    expect(seen).toEqual([{ authority: 'localhost', city: 'café 日本' }]);
  });
});

describe('HTTP/1.1 stays the path where the server has nothing else', () => {
  it('uses HTTP/1.1 over TLS when the server offers only http/1.1, with tls_version', async () => {
    const { origin } = await listen(
      createHttpsServer({ cert: server.cert, key: server.key, maxVersion: 'TLSv1.2' }, (_, res) =>
        res.end('one'),
      ),
    );
    const { store } = await run(origin, scenario('      - { name: r, path: / }', 2, 1, tlsTarget()));
    expect(tagValues(store, 'http_reqs', 'proto')).toEqual(['HTTP/1.1']);
    expect(tagValues(store, 'http_reqs', 'tls_version')).toEqual(['tls1.2']);
  });

  it('reports HTTP/1.1 on plain http:// in auto mode', async () => {
    const { origin } = await listen(
      createHttpsServer({ cert: server.cert, key: server.key }, (_, res) => res.end()),
    );
    // An https server spoken to in plain HTTP: the exchange fails, and nothing is tagged HTTP/2.
    const { store } = await run(
      origin.replace('https:', 'http:'),
      scenario('      - { name: r, path: / }', 1),
    );
    expect(tagValues(store, 'http_reqs', 'proto')).not.toContain('HTTP/2.0');
  });
});
