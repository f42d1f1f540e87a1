import { createServer, type Server } from 'node:http';
import * as zlib from 'node:zlib';
import { startNginx } from '@fpt/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBody } from '../src/http/decode-body.js';
import { count, rate, run } from './engine-fixtures.js';

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const document = JSON.stringify({
  message: 'Welcome, compressed world',
  items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item-${i}` })),
});

/** A server answering /<coding> with the document encoded that way, and /garbage with a broken gzip body. */
async function encodingServer(): Promise<{ origin: string; wireBytes: Map<string, number> }> {
  const plain = Buffer.from(document);
  const bodies: Record<string, Buffer> = {
    gzip: zlib.gzipSync(plain),
    deflate: zlib.deflateSync(plain),
    'deflate-raw': zlib.deflateRawSync(plain),
    br: zlib.brotliCompressSync(plain),
    'gzip-then-br': zlib.brotliCompressSync(zlib.gzipSync(plain)),
    garbage: Buffer.from('this is not gzip at all'),
    zstd: Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00]),
    bomb: zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024)),
    huge: Buffer.alloc(3 * 1024 * 1024, 'y'),
  };
  const encodingOf: Record<string, string> = {
    gzip: 'gzip',
    deflate: 'deflate',
    'deflate-raw': 'deflate',
    br: 'br',
    'gzip-then-br': 'gzip, br',
    garbage: 'gzip',
    zstd: 'zstd',
    bomb: 'gzip',
    huge: 'identity',
  };
  const server: Server = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    const body = bodies[name];
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-encoding': encodingOf[name]!,
      'content-length': body.length,
    });
    res.end(body);
  });
  closers.push(() => server.close());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const wireBytes = new Map(Object.entries(bodies).map(([name, body]) => [name, body.length]));
  return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, wireBytes };
}

const requestOf = (name: string) =>
  `      - name: ${name}
        path: /${name}
        headers: { Accept-Encoding: "gzip, deflate, br" }
        checks: [{ bodyContains: "Welcome, compressed world" }, { jsonPath: "$.items[199].name", equals: item-199 }]
        captures: [{ name: last_${name.replace(/-/g, '_')}, jsonPath: "$.items[199].id" }]`;

const sequence = (requests: string, target = '') => `${target}scenarios:
  s:
    executor: shared-iterations
    vus: 1
    iterations: 2
    selection: sequence
    requests:
${requests}`;

describe('compressed responses', () => {
  it('decodes gzip, deflate (zlib and raw), br and stacked codings for checks and captures', async () => {
    const { origin } = await encodingServer();
    const names = ['gzip', 'deflate', 'deflate-raw', 'br', 'gzip-then-br'];
    const { summary, store } = await run(origin, sequence(names.map(requestOf).join('\n')));
    expect(count(store, 'http_reqs', { status: '200' })).toBe(10);
    expect(summary.checks.filter((c) => c.fails > 0)).toEqual([]);
    expect(summary.checks.filter((c) => c.name.startsWith('capture')).length).toBe(0);
    expect(summary.warnings.filter((w) => w.includes('capture'))).toEqual([]);
  });

  it('counts data_received as the compressed bytes on the wire, not the decoded size', async () => {
    const { origin, wireBytes } = await encodingServer();
    const { store } = await run(origin, sequence(requestOf('br')));
    const received = count(store, 'data_received');
    const headBytes = 200; // status line and headers, per response
    expect(received).toBeGreaterThan(2 * wireBytes.get('br')!);
    expect(received).toBeLessThan(2 * (wireBytes.get('br')! + headBytes));
    expect(received).toBeLessThan(document.length);
  });

  it('fails an undecodable body with 1701 and a message, keeping its status; zstd is reported on Node 20', async () => {
    const { origin } = await encodingServer();
    const { store, summary } = await run(origin, sequence(`${requestOf('garbage')}\n${requestOf('zstd')}`));
    expect(count(store, 'http_reqs', { status: '200', error_code: '1701' })).toBe(4);
    expect(rate(store, 'http_req_failed')!.passes).toBe(4);
    expect(summary.checks.every((c) => c.passes === 0)).toBe(true);
  });

  it('stops a body that decodes past maxResponseBodySize with error 1040 (a 20 MB gzip bomb, 1 MB limit)', async () => {
    const { origin } = await encodingServer();
    const { store } = await run(origin, sequence(requestOf('bomb'), '  maxResponseBodySize: 1MB\n'));
    expect(count(store, 'http_reqs', { error_code: '1040' })).toBe(2);
  });

  it('fails a plain body over maxResponseBodySize with 1040 when checks need it, and counts it when they do not', async () => {
    const { origin } = await encodingServer();
    const { store } = await run(
      origin,
      sequence(
        `      - { name: checked, path: /huge, checks: [{ bodyContains: "y" }] }
      - { name: unread, path: /huge, checks: [{ status: 200 }] }`,
        '  maxResponseBodySize: 1MB\n',
      ),
    );
    expect(count(store, 'http_reqs', { name: 'checked', error_code: '1040' })).toBe(2);
    // A body no check reads is not kept, so it is not limited: counted in full.
    expect(count(store, 'http_reqs', { name: 'unread', status: '200' })).toBe(2);
    expect(count(store, 'data_received')).toBeGreaterThan(2 * 3 * 1024 * 1024);
  });

  it('decodes what a real nginx gzips', async () => {
    const nginx = await startNginx({ gzip: true });
    closers.push(() => nginx.stop());
    const { summary, store } = await run(
      nginx.origin,
      sequence(`      - name: text
        path: /text
        headers: { Accept-Encoding: gzip }
        checks: [{ header: content-encoding, equals: gzip }, { bodyContains: "line 40: text from nginx" }]`),
    );
    expect(summary.checks.map((c) => c.fails)).toEqual([0, 0]);
    // The 2,960-byte text arrives in far fewer bytes.
    expect(count(store, 'data_received')).toBeLessThan(2 * 1000);
  });
});

describe('decodeBody (units)', () => {
  it('refuses an unknown coding by name and keeps identity as it is', () => {
    expect(decodeBody(Buffer.from('as is'), 'identity', 100).toString()).toBe('as is');
    expect(() => decodeBody(Buffer.from('x'), 'compress', 100)).toThrow(
      /"compress", which FPT cannot decode/,
    );
  });
});
