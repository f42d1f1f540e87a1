import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { type IncomingHttpHeaders as Http2Headers, connect as http2Connect } from 'node:http2';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createThrowawayCa,
  type IssuedCertificate,
  type NginxServer,
  nginxDefaultBodies,
  type StartNginxOptions,
  startNginx,
  type ThrowawayCa,
} from '../src/index.js';

let ca: ThrowawayCa;
let serverCert: IssuedCertificate;
let clientCert: IssuedCertificate;
const running: NginxServer[] = [];

beforeAll(() => {
  ca = createThrowawayCa();
  serverCert = ca.issue({
    name: 'nginx',
    commonName: 'localhost',
    altNames: ['DNS:localhost', 'IP:127.0.0.1'],
  });
  clientCert = ca.issue({ name: 'client', commonName: 'fpt-client', clientAuth: true });
});
afterAll(() => ca.cleanup());
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

async function nginx(options: StartNginxOptions): Promise<NginxServer> {
  const server = await startNginx(options);
  running.push(server);
  return server;
}

type Reply = { status: number; headers: IncomingHttpHeaders; body: Buffer };

function get(url: string, options: RequestOptions = {}): Promise<Reply> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { agent: false, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.once('error', reject);
    req.end();
  });
}

async function http2Get(
  origin: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ headers: Http2Headers; body: string }> {
  const session = http2Connect(origin, { ca: ca.caCert });
  try {
    return await new Promise((resolve, reject) => {
      session.once('error', reject);
      const stream = session.request({ ':path': path, ...headers });
      let body = '';
      let responseHeaders: Http2Headers = {};
      stream.setEncoding('utf8');
      stream.on('response', (h) => {
        responseHeaders = h;
      });
      stream.on('data', (chunk: string) => {
        body += chunk;
      });
      stream.on('end', () => resolve({ headers: responseHeaders, body }));
      stream.on('error', reject);
    });
  } finally {
    session.close();
  }
}

describe('startNginx over TLS', () => {
  it('speaks HTTP/2 with http2: true, and logs the protocol, user agent and authorization', async () => {
    const server = await nginx({ tls: serverCert, http2: true });
    expect(server.origin).toBe(`https://127.0.0.1:${server.port}`);
    const reply = await http2Get(server.origin, '/json', {
      'user-agent': 'fpt-test/1.0',
      authorization: 'Bearer tok-1',
    });
    expect(reply.headers[':status']).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.body).toBe(nginxDefaultBodies.json);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, items: [1, 2, 3], message: 'hello from nginx' });
    expect(await server.accessLog({ atLeast: 1 })).toEqual([
      {
        protocol: 'HTTP/2.0',
        method: 'GET',
        uri: '/json',
        status: 200,
        userAgent: 'fpt-test/1.0',
        authorization: 'Bearer tok-1',
      },
    ]);
  });

  it('offers only http/1.1 by ALPN with http2 off, and answers HTTP/1.1', async () => {
    const server = await nginx({ tls: serverCert });
    const alpn = await new Promise<string | false | null>((resolve, reject) => {
      const socket = tlsConnect({
        host: '127.0.0.1',
        port: server.port,
        ca: ca.caCert,
        ALPNProtocols: ['h2', 'http/1.1'],
      });
      socket.once('secureConnect', () => {
        resolve(socket.alpnProtocol);
        socket.destroy();
      });
      socket.once('error', reject);
    });
    expect(alpn).toBe('http/1.1');
    const reply = await get(`${server.origin}/?q=1`, { ca: ca.caCert });
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe(nginxDefaultBodies.root);
    const log = await server.accessLog({ atLeast: 1 });
    expect(log).toEqual([
      {
        protocol: 'HTTP/1.1',
        method: 'GET',
        uri: '/?q=1',
        status: 200,
        userAgent: undefined,
        authorization: undefined,
      },
    ]);
  });

  it('is not trusted without the CA', async () => {
    const server = await nginx({ tls: serverCert });
    await expect(get(server.origin)).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('gzips /text for clients that accept gzip, with gzip: true', async () => {
    const server = await nginx({ tls: serverCert, gzip: true });
    expect(nginxDefaultBodies.text.length).toBeGreaterThan(1024);
    const zipped = await get(`${server.origin}/text`, {
      ca: ca.caCert,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toMatch(/^text\/plain/);
    expect(zipped.body.length).toBeLessThan(nginxDefaultBodies.text.length / 4);
    expect(gunzipSync(zipped.body).toString()).toBe(nginxDefaultBodies.text);
    const json = await get(`${server.origin}/json`, {
      ca: ca.caCert,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(json.headers['content-encoding']).toBe('gzip');
    const plain = await get(`${server.origin}/text`, { ca: ca.caCert });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(nginxDefaultBodies.text);
  });

  it('does not gzip by default', async () => {
    const server = await nginx({ tls: serverCert });
    const reply = await get(`${server.origin}/text`, {
      ca: ca.caCert,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.body.toString()).toBe(nginxDefaultBodies.text);
  });

  it('requires a client certificate from the given CA with clientCaPath', async () => {
    const server = await nginx({ tls: { ...serverCert, clientCaPath: ca.caCertPath } });
    const without = await get(server.origin, { ca: ca.caCert });
    expect(without.status).toBe(400);
    expect(without.body.toString()).toMatch(/No required SSL certificate was sent/);
    const withCert = await get(server.origin, { ca: ca.caCert, key: clientCert.key, cert: clientCert.cert });
    expect(withCert.status).toBe(200);
    expect(withCert.body.toString()).toBe(nginxDefaultBodies.root);
  });
});

describe('startNginx in cleartext', () => {
  it('serves HTTP/1.1 with extra locations', async () => {
    const server = await nginx({
      locations: 'location = /created { return 201 "made\\n"; }',
      workerProcesses: 2,
    });
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    const reply = await get(`${server.origin}/created`, {
      // Node sends header strings as latin1; these are the UTF-8 bytes of the text.
      headers: { 'user-agent': Buffer.from('ua "quoted" é').toString('latin1') },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.toString()).toBe('made\n');
    expect((await get(`${server.origin}/missing`)).status).toBe(404);
    const log = await server.accessLog({ atLeast: 2 });
    expect(log.map((entry) => [entry.protocol, entry.uri, entry.status])).toEqual([
      ['HTTP/1.1', '/created', 201],
      ['HTTP/1.1', '/missing', 404],
    ]);
    // nginx escapes quotes and non-ASCII bytes in its log; the parser undoes that.
    expect(log[0]?.userAgent).toBe('ua "quoted" é');
  });

  it('speaks h2c with prior knowledge when http2 is on without tls', async () => {
    const server = await nginx({ http2: true });
    const reply = await http2Get(server.origin, '/');
    expect(reply.headers[':status']).toBe(200);
    expect(reply.body).toBe(nginxDefaultBodies.root);
    expect((await server.accessLog({ atLeast: 1 }))[0]?.protocol).toBe('HTTP/2.0');
  });

  it('stops for good, idempotently, freeing the port', async () => {
    const server = await startNginx({});
    running.push(server);
    await server.stop();
    await server.stop();
    const refused = await new Promise<string>((resolve) => {
      const socket = netConnect({ host: '127.0.0.1', port: server.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });

  it('rejects with the error log when nginx refuses the config', async () => {
    await expect(startNginx({ locations: 'location = /x { no_such_directive on; }' })).rejects.toThrow(
      /unknown directive "no_such_directive"[\s\S]*nginx\.conf line \d+: location = \/x \{ no_such_directive on; \}/,
    );
  });

  it('rejects with the error log when a certificate file is missing', async () => {
    await expect(
      startNginx({ tls: { certPath: `${ca.dir}/missing.pem`, keyPath: serverCert.keyPath } }),
    ).rejects.toThrow(/missing\.pem/);
  });
});
