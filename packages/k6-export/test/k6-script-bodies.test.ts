import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCases } from './export-cases.js';
import { loadK6Scripts } from './load-k6-scripts.js';

/**
 * The http-settings fixture's script, run once with live k6 stand-ins (k6-stand-ins.mjs builds each body as
 * k6/http does: ArrayBuffers as bytes, http.file objects as multipart/form-data, compression) against a
 * loopback server that keeps what it receives: the bytes each request carries are the bytes FPT sends.
 */
interface Received {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const fixture = allCases.find((c) => c.name === 'http-settings')!;
const presetDir = dirname(fixture.loaded.files[0]!);
const fixtureFile = (path: string) => readFileSync(resolve(presetDir, path));
const received: Received[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  const [result] = await loadK6Scripts([
    {
      source: fixture.exported.script,
      env: { TARGET_URL: `http://127.0.0.1:${port}` },
      dir: presetDir,
      run: { iterations: 1 },
    },
  ]);
  if (result?.error !== undefined) throw new Error(result.error);
}, 60_000);
afterAll(async () => {
  await new Promise((closed) => server?.close(closed));
});

function request(path: string): Received {
  const found = received.find((r) => r.url.pathname === path);
  if (!found) throw new Error(`no request to ${path}: got ${received.map((r) => r.url.pathname).join(', ')}`);
  return found;
}

async function formData(body: Buffer, contentType: string | undefined): Promise<FormData> {
  return new Response(new Uint8Array(body), { headers: { 'content-type': contentType ?? '' } }).formData();
}

describe('request bodies and params of the exported script, as a server receives them', () => {
  it('sends every request once, in order', () => {
    expect(received.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'POST /upload/bytes',
      'PUT /upload/file',
      'POST /upload/form',
      'POST /upload/text',
      'GET /graphql',
    ]);
  });

  it('decodes a base64 body to its bytes, compressed as the request asks', () => {
    const { headers, body } = request('/upload/bytes');
    expect(headers['content-type']).toBe('application/x-demo');
    expect(headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(body).toString()).toBe('hello world');
  });

  it("sends a file body as the file's bytes, and Connection: close for keepAlive: false", () => {
    const { headers, body } = request('/upload/file');
    expect(headers['content-type']).toBe('application/octet-stream');
    expect(headers.connection).toBe('close');
    expect(body.equals(fixtureFile('files/payload.bin'))).toBe(true);
  });

  it('sends a multipart body with files as k6 does: file parts with their names and types, text parts rendered', async () => {
    const { headers, body } = request('/upload/form');
    expect(headers['content-encoding']).toBe('br');
    expect(headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await formData(brotliDecompressSync(body), headers['content-type']);
    expect(form.get('title')).toBe('by tester');
    expect(form.get('count')).toBe('3');
    expect(form.get('meta')).toBe('{"who":"tester"}');
    const photo = form.get('photo') as File;
    expect([photo.name, photo.type]).toEqual(['photo.png', 'image/png']);
    expect(Buffer.from(await photo.arrayBuffer()).equals(fixtureFile('files/photo.png'))).toBe(true);
    const notes = form.get('notes') as File;
    expect([notes.name, notes.type]).toEqual(['notes.txt', 'application/octet-stream']);
    expect(Buffer.from(await notes.arrayBuffer()).equals(fixtureFile('files/payload.bin'))).toBe(true);
  });

  it('writes a multipart body of text parts out as FPT does, content types of parts included', () => {
    const { headers, body } = request('/upload/text');
    const boundary = '----FPTk6FormBoundary';
    expect(headers['content-type']).toBe(`multipart/form-data; boundary=${boundary}`);
    expect(body.toString()).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="vu"\r\n\r\n1\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{}\r\n` +
        `--${boundary}--\r\n`,
    );
  });

  it('keeps a GraphQL GET in the URL', () => {
    const { url, body } = request('/graphql');
    expect(url.searchParams.get('query')).toBe('query Item($id: ID!) { item(id: $id) { id } }');
    expect(url.searchParams.get('variables')).toBe('{"id":"tester"}');
    expect(body.length).toBe(0);
  });
});
