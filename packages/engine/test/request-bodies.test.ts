import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { loadPresetText } from '@fpt/preset';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runPreset } from '../src/index.js';

interface Received {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

let dir: string;
const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0d, 0x0a, 0x41, 0xc3]);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fpt-bodies-'));
  writeFileSync(join(dir, 'blob.bin'), binary);
  writeFileSync(join(dir, 'avatar.png'), Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), binary]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function recorder(): Promise<{ origin: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.end('ok');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received };
}

/** Runs one iteration of the requests in sequence, the preset living in the temp folder beside its files. */
async function send(baseUrl: string, requests: string) {
  const text = `name: bodies
target:
  baseUrl: ${baseUrl}
variables: { who: Ada }
scenarios:
  s:
    executor: shared-iterations
    vus: 1
    iterations: 1
    selection: sequence
    requests:
${requests}`;
  return runPreset({ loaded: loadPresetText(text, join(dir, 'bodies.yaml')), workers: 1, intervalMs: 250 });
}

describe('request bodies', () => {
  it('sends bytes from base64 and from a file exactly, with their content type', async () => {
    const target = await recorder();
    await send(
      target.origin,
      `      - { name: b64, method: POST, path: /b64, body: { base64: "${binary.toString('base64')}" } }
      - { name: file, method: PUT, path: /file, body: { file: blob.bin, contentType: image/x-test } }`,
    );
    const [b64, file] = target.received;
    expect(b64!.body.equals(binary)).toBe(true);
    expect(b64!.headers['content-type']).toBe('application/octet-stream');
    expect(b64!.headers['content-length']).toBe(String(binary.length));
    expect(file!.body.equals(binary)).toBe(true);
    expect(file!.headers['content-type']).toBe('image/x-test');
  });

  it('writes multipart/form-data that a real parser reads: text, a typed part and a file', async () => {
    const target = await recorder();
    await send(
      target.origin,
      `      - name: upload
        method: POST
        path: /upload
        body:
          multipart:
            greeting: "hello {{who}}"
            meta: { value: '{"size":8}', contentType: application/json }
            avatar: { file: avatar.png, filename: me.png, contentType: image/png }`,
    );
    const upload = target.received[0]!;
    const contentType = upload.headers['content-type']!;
    expect(contentType).toMatch(/^multipart\/form-data; boundary=----FPTFormBoundary[0-9a-f]{24}$/);
    const form = await new Response(upload.body, { headers: { 'content-type': contentType } }).formData();
    expect(form.get('greeting')).toBe('hello Ada');
    expect(form.get('meta')).toBe('{"size":8}');
    const avatar = form.get('avatar') as File;
    expect(avatar.name).toBe('me.png');
    expect(avatar.type).toBe('image/png');
    expect(
      Buffer.from(await avatar.arrayBuffer())
        .subarray(8)
        .equals(binary),
    ).toBe(true);
  });

  it('compresses a body as asked and says so in Content-Encoding', async () => {
    const target = await recorder();
    await send(
      target.origin,
      `      - { name: gz, method: POST, path: /gz, compression: gzip, body: { json: { who: "{{who}}", pad: "${'x'.repeat(300)}" } } }
      - { name: br, method: POST, path: /br, compression: br, body: { raw: "brotli for {{who}}" } }`,
    );
    const [gz, br] = target.received;
    expect(gz!.headers['content-encoding']).toBe('gzip');
    expect(Number(gz!.headers['content-length'])).toBeLessThan(300);
    expect(JSON.parse(zlib.gunzipSync(gz!.body).toString())).toEqual({ who: 'Ada', pad: 'x'.repeat(300) });
    expect(br!.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br!.body).toString()).toBe('brotli for Ada');
  });

  it('turns user:password@ in the URL into Basic authentication, unless the preset sets its own', async () => {
    const target = await recorder();
    const withCredentials = target.origin.replace('http://', 'http://ada:s%3Acret@');
    await send(
      withCredentials,
      `      - { name: basic, path: /basic }
      - { name: own, path: /own, headers: { Authorization: "Bearer mine" } }
      - { name: templated, url: "http://bob:pw@{{host}}/t" }`.replace(
        '{{host}}',
        target.origin.slice('http://'.length),
      ),
    );
    const byUrl = Object.fromEntries(target.received.map((r) => [r.url, r.headers.authorization]));
    expect(byUrl['/basic']).toBe(`Basic ${Buffer.from('ada:s:cret').toString('base64')}`);
    expect(byUrl['/own']).toBe('Bearer mine');
    expect(byUrl['/t']).toBe(`Basic ${Buffer.from('bob:pw').toString('base64')}`);
  });

  it('refuses a body file that is not there when the preset loads, naming the field', () => {
    expect(() =>
      loadPresetText(
        `name: missing
target: { baseUrl: "http://127.0.0.1:1" }
scenarios:
  s:
    executor: shared-iterations
    requests: [{ name: up, method: POST, path: /, body: { file: nowhere.bin } }]`,
        join(dir, 'missing.yaml'),
      ),
    ).toThrow(/missing\.yaml:6:.*file not found: .*nowhere\.bin/s);
  });
});
