import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { headersForRedirect, keepsCredentials, resolveRedirect } from '../src/api/redirect-target.js';
import { count, run, tagValues } from './engine-fixtures.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A node:http server on `host` that records every request and answers with `answer`. */
async function server(
  host: string,
  answer: (
    seen: Seen,
    respond: (status: number, headers?: Record<string, string>, body?: string) => void,
  ) => void,
): Promise<{ origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const created = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(entry);
      answer(entry, (status, headers = {}, text = '') => {
        res.writeHead(status, { 'content-length': Buffer.byteLength(text), ...headers });
        res.end(text);
      });
    });
  });
  servers.push(created);
  await new Promise<void>((resolve) => created.listen(0, host, resolve));
  const { port } = created.address() as { port: number };
  return { origin: `http://${host}:${port}`, seen };
}

const once = (requests: string, iterations = 1) => `scenarios:
  s:
    executor: shared-iterations
    vus: 1
    iterations: ${iterations}
    selection: sequence
    requests:
${requests}`;

describe('redirects', () => {
  it('drops credentials when a redirect leaves the host, and keeps them on the same host', async () => {
    // 127.0.0.2 is another host on loopback: Linux answers the whole 127.0.0.0/8 on lo.
    const other = await server('127.0.0.2', (_, respond) => respond(200, {}, 'elsewhere'));
    const home = await server('127.0.0.1', (seen, respond) => {
      if (seen.url === '/away') respond(302, { location: `${other.origin}/landing` });
      else if (seen.url === '/stay') respond(307, { location: '/here' });
      else respond(200, {}, 'home');
    });
    const { store } = await run(
      home.origin,
      once(`      - name: away
        path: /away
        headers: { Authorization: "Bearer secret-token", Cookie: "session=abc", Proxy-Authorization: "Basic eDp5", X-Trace: kept }
      - name: stay
        path: /stay
        headers: { Authorization: "Bearer secret-token" }`),
    );
    expect(count(store, 'http_reqs')).toBe(4);
    const landing = other.seen.find((s) => s.url === '/landing')!;
    expect(landing).toBeDefined();
    expect(landing.headers.authorization).toBeUndefined();
    expect(landing.headers.cookie).toBeUndefined();
    expect(landing.headers['proxy-authorization']).toBeUndefined();
    expect(landing.headers['x-trace']).toBe('kept');
    const first = home.seen.find((s) => s.url === '/away')!;
    expect(first.headers.authorization).toBe('Bearer secret-token');
    expect(first.headers.cookie).toBe('session=abc');
    expect(home.seen.find((s) => s.url === '/here')!.headers.authorization).toBe('Bearer secret-token');
  });

  it('fails a redirect to file:, javascript: or a malformed URL with its own error code and goes on', async () => {
    const locations = ['file:///etc/passwd', 'javascript:alert(1)', 'http://[bad', 'mailto:root@example.com'];
    const home = await server('127.0.0.1', (seen, respond) => {
      const index = Number(new URL(seen.url, 'http://x').searchParams.get('i'));
      respond(302, { location: locations[index]! });
    });
    const requests = locations
      .map((_, i) => `      - { name: r${i}, path: "/go?i=${i}", checks: [{ status: 200 }] }`)
      .join('\n');
    const { summary, store } = await run(home.origin, once(requests, 3));
    expect(summary.exitCode).toBe(0);
    expect(summary.scenarios[0]!.completedIterations).toBe(3);
    // Each request: the 302 (a real exchange) and the refused follow-up.
    expect(count(store, 'http_reqs', { status: '302' })).toBe(12);
    expect(count(store, 'http_reqs', { error_code: '1021' })).toBe(12);
    expect(home.seen).toHaveLength(12);
    expect(summary.checks.every((c) => c.passes === 0 && c.fails === 3)).toBe(true);
  });

  it('turns a POST into a GET without its body on 301/302/303, keeps both on 307/308', async () => {
    const home = await server('127.0.0.1', (seen, respond) => {
      const status = Number(/^\/s(\d+)$/.exec(seen.url)?.[1] ?? 0);
      if (status > 0) respond(status, { location: '/final' });
      else respond(200, {}, 'ok');
    });
    const statuses = [301, 302, 303, 307, 308];
    const requests = statuses
      .map((s) => `      - { name: r${s}, method: PUT, path: /s${s}, body: { raw: "payload" } }`)
      .join('\n');
    await run(home.origin, once(requests));
    const finals = home.seen.filter((s) => s.url === '/final');
    expect(finals.map((s) => [s.method, s.body])).toEqual([
      ['GET', ''],
      ['GET', ''],
      ['GET', ''],
      ['PUT', 'payload'],
      ['PUT', 'payload'],
    ]);
  });

  it('follows up to the request’s own maxRedirects and warns once when it stops there', async () => {
    const home = await server('127.0.0.1', (seen, respond) => {
      const n = Number(/^\/loop\/(\d+)$/.exec(seen.url)?.[1] ?? 0);
      respond(302, { location: `/loop/${n + 1}` });
    });
    const { summary, store } = await run(
      home.origin,
      once('      - { name: loop, path: /loop/0, maxRedirects: 2 }', 2),
    );
    expect(count(store, 'http_reqs')).toBe(6);
    const warnings = summary.warnings.filter((w) => w.includes('stopped after 2 redirects'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('request loop');
  });
});

describe('GraphQL requests', () => {
  it('go out as a JSON POST without a method, and as GET with the query in the URL when asked', async () => {
    const api = await server('127.0.0.1', (_, respond) =>
      respond(200, { 'content-type': 'application/json' }, '{"data":{"ok":true}}'),
    );
    const { store } = await run(
      api.origin,
      `${once(`      - name: post
        graphql: { query: "query Items($n: Int) { items(first: $n) { id } }", variables: { n: 2 }, operationName: Items }
      - name: get
        method: GET
        graphql: { query: "query Items($n: Int) { items(first: $n) { id } }", variables: { n: 2 }, operationName: Items }`)}`,
    );
    expect(tagValues(store, 'http_reqs', 'method').sort()).toEqual(['GET', 'POST']);
    const [post, get] = api.seen;
    expect(post!.method).toBe('POST');
    expect(post!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post!.body)).toEqual({
      query: 'query Items($n: Int) { items(first: $n) { id } }',
      variables: { n: 2 },
      operationName: 'Items',
    });
    expect(get!.method).toBe('GET');
    expect(get!.body).toBe('');
    expect(get!.headers['content-type']).toBeUndefined();
    const params = new URL(get!.url, 'http://x').searchParams;
    expect(params.get('query')).toBe('query Items($n: Int) { items(first: $n) { id } }');
    expect(JSON.parse(params.get('variables')!)).toEqual({ n: 2 });
    expect(params.get('operationName')).toBe('Items');
    expect(new URL(get!.url, 'http://x').pathname).toBe('/graphql');
  });
});

describe('redirect rules (units)', () => {
  it('keeps credentials for the same host and its subdomains only', () => {
    expect(keepsCredentials('example.com', 'example.com')).toBe(true);
    expect(keepsCredentials('example.com', 'api.example.com')).toBe(true);
    expect(keepsCredentials('Example.COM', 'example.com.')).toBe(true);
    expect(keepsCredentials('api.example.com', 'example.com')).toBe(false);
    expect(keepsCredentials('example.com', 'badexample.com')).toBe(false);
    expect(keepsCredentials('10.0.0.1', '1.10.0.0.1')).toBe(false);
    expect(keepsCredentials('[::1]', '::1')).toBe(true);
  });

  it('refuses Locations that are not http(s) URLs, with the reason', () => {
    expect(resolveRedirect('/next?a=1', 'http://h:1/a/b').ok).toBe(true);
    expect(resolveRedirect('//other:2/x', 'https://h/a')).toMatchObject({ ok: true });
    const file = resolveRedirect('file:///etc/passwd', 'http://h/');
    expect(file).toMatchObject({ ok: false });
    expect(!file.ok && file.reason).toContain('a file: URL');
    const bad = resolveRedirect('http://[bad', 'http://h/');
    expect(!bad.ok && bad.reason).toContain('malformed Location "http://[bad"');
  });

  it('removes credential headers (any case) and a preset Host, keeping the list when nothing goes', () => {
    const headers = ['User-Agent', 'x', 'Authorization', 'a', 'host', 'h', 'COOKIE', 'c', 'accept', '*/*'];
    expect(headersForRedirect(headers, false, false)).toEqual(['User-Agent', 'x', 'accept', '*/*']);
    expect(headersForRedirect(headers, true, false)).toEqual([
      'User-Agent',
      'x',
      'Authorization',
      'a',
      'COOKIE',
      'c',
      'accept',
      '*/*',
    ]);
    expect(headersForRedirect(headers, true, true)).toBe(headers);
  });
});
