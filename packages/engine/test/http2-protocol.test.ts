import {
  constants,
  createSecureServer,
  type Http2SecureServer,
  type SecureServerOptions,
  type ServerHttp2Session,
} from 'node:http2';
import { createThrowawayCa, type IssuedCertificate, type ThrowawayCa } from '@fpt/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequest, HttpSession } from '../src/http/http-session.js';
import { findHeader } from '../src/http/response-headers.js';
import { sessionWith } from './http-client-fixtures.js';

let ca: ThrowawayCa;
let cert: IssuedCertificate;
beforeAll(() => {
  ca = createThrowawayCa();
  cert = ca.issue({ name: 'h2', commonName: 'localhost', altNames: ['IP:127.0.0.1'] });
});
afterAll(() => ca?.cleanup());

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A node:http2 (nghttp2) server on loopback; counts its sessions. */
async function h2server(
  handler: Parameters<typeof createSecureServer>[1],
  options: SecureServerOptions = {},
): Promise<{ origin: string; sessions: () => number; server: Http2SecureServer }> {
  const server = createSecureServer({ cert: cert.cert, key: cert.key, ...options }, handler);
  const open = new Set<ServerHttp2Session>();
  let sessions = 0;
  server.on('session', (session) => {
    sessions++;
    open.add(session);
    session.on('close', () => open.delete(session));
  });
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const session of open) session.destroy();
        server.close(() => resolve());
      }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as { port: number }).port}`,
    sessions: () => sessions,
    server,
  };
}

function client(): HttpSession {
  const session = sessionWith(`tls: { ca: ${JSON.stringify(ca.caCertPath)} }`);
  closers.push(() => session.close());
  return session;
}

async function send(session: HttpSession, origin: string, extra: Partial<HttpRequest> = {}) {
  const response = await session.send({
    origin,
    path: '/',
    method: 'GET',
    headers: ['user-agent', 'fpt-test'],
    timeoutMs: 5000,
    keepBody: true,
    ...extra,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: response.body,
    protocol: response.protocol,
    errorCode: response.errorCode,
    errorMessage: response.errorMessage,
    bytesReceived: response.bytesReceived,
  };
}

describe("FPT's HTTP/2 client against nghttp2 (node:http2)", () => {
  it('receives a 5 MB body past the first stream window, acknowledging what it read', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 'x');
    const { origin } = await h2server((_, res) => res.end(big));
    const session = client();
    for (let i = 0; i < 2; i++) {
      const response = await send(session, origin);
      expect(response.protocol).toBe('HTTP/2.0');
      expect(response.body?.length).toBe(big.length);
    }
  });

  it('sends a 1 MB body in DATA frames within the server’s 64 KiB windows', async () => {
    const { origin } = await h2server((req, res) => {
      let length = 0;
      let sum = 0;
      req.on('data', (chunk: Buffer) => {
        length += chunk.length;
        for (const byte of chunk) sum = (sum + byte) % 65521;
      });
      req.on('end', () => res.end(`${length}:${sum}`));
    });
    const body = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < body.length; i++) body[i] = i % 251;
    let sum = 0;
    for (const byte of body) sum = (sum + byte) % 65521;
    const response = await send(client(), origin, { method: 'POST', body });
    expect(response.body?.toString()).toBe(`${body.length}:${sum}`);
  });

  it('reads headers split over CONTINUATION frames, padded frames, trailers and 103 Early Hints', async () => {
    const long = 'v'.repeat(20_000);
    const { origin } = await h2server(
      (req, res) => {
        if (req.url === '/hints') res.writeEarlyHints({ link: '</style.css>; rel=preload' });
        res.setHeader('x-long', long);
        res.addTrailers({ 'x-trailer': 'done' });
        res.end('after the hints');
      },
      { paddingStrategy: constants.PADDING_STRATEGY_MAX },
    );
    const session = client();
    const plain = await send(session, origin);
    expect(findHeader(plain.headers, 'x-long')).toBe(long);
    expect(plain.body?.toString()).toBe('after the hints');
    const hinted = await send(session, origin, { path: '/hints' });
    expect([hinted.status, hinted.body?.toString()]).toEqual([200, 'after the hints']);
  });

  it('keeps HPACK in step with the server over hundreds of changing headers and a server table of 0', async () => {
    for (const settings of [{}, { headerTableSize: 0 }]) {
      const seen: string[] = [];
      const { origin } = await h2server(
        (req, res) => {
          seen.push(`${req.headers['x-n']}|${req.headers.cookie}`);
          res.setHeader('x-echo', `n=${req.headers['x-n']}`);
          res.end();
        },
        { settings },
      );
      const session = client();
      for (let n = 0; n < 300; n++) {
        const response = await send(session, origin, {
          headers: ['user-agent', 'fpt-test', 'x-n', String(n), 'x-pad', 'p'.repeat(n % 50)],
          cookie: `session=${n % 7}`,
        });
        expect(findHeader(response.headers, 'x-echo')).toBe(`n=${n}`);
      }
      expect(seen).toEqual(Array.from({ length: 300 }, (_, n) => `${n}|session=${n % 7}`));
    }
  });

  it('answers the server’s PING', async () => {
    let pinged: Promise<boolean> | undefined;
    const { origin } = await h2server((req, res) => {
      pinged ??= new Promise((resolve) => req.stream.session!.ping((error) => resolve(error === null)));
      res.end('ok');
    });
    const session = client();
    await send(session, origin);
    await send(session, origin);
    expect(await pinged).toBe(true);
  });

  it('retries a request a GOAWAY left unprocessed on a new connection, and reports a GOAWAY with an error', async () => {
    let requests = 0;
    const { origin, sessions } = await h2server((req, res) => {
      requests++;
      // The second request is turned away unprocessed: the GOAWAY names the first stream as the last.
      if (requests === 2) req.stream.session!.goaway(constants.NGHTTP2_NO_ERROR, 1);
      else res.end(`answer ${requests}`);
    });
    const session = client();
    expect((await send(session, origin)).body?.toString()).toBe('answer 1');
    expect((await send(session, origin)).body?.toString()).toBe('answer 3');
    expect(sessions()).toBe(2);

    // nghttp2 names the stream it received as the last one, then the server drops the connection: the
    // request may have been processed, so it is not retried. ENHANCE_YOUR_CALM is 0xb → 1611 + 11.
    const { origin: calm } = await h2server((req) => {
      const session = req.stream.session!;
      session.goaway(constants.NGHTTP2_ENHANCE_YOUR_CALM);
      setTimeout(() => session.destroy(), 20);
    });
    const refused = await send(client(), calm);
    expect([refused.status, refused.errorCode]).toEqual([0, 1622]);
    expect(refused.errorMessage).toMatch(/GOAWAY ENHANCE_YOUR_CALM \(11\)/);
  });

  it('cancels a stream that times out and goes on over the same connection', async () => {
    const { origin, sessions } = await h2server((req, res) => {
      if (req.url === '/slow') setTimeout(() => res.end('late'), 1000).unref();
      else res.end('quick');
    });
    const session = client();
    const slow = await send(session, origin, { path: '/slow', timeoutMs: 100 });
    expect(slow.errorCode).toBe(1050);
    const quick = await send(session, origin, { path: '/quick' });
    expect(quick.body?.toString()).toBe('quick');
    expect(sessions()).toBe(1);
  });

  it('fails a request whose connection the server drops mid-response, and reconnects for the next', async () => {
    const { origin, sessions } = await h2server((req, res) => {
      if (req.url === '/drop') {
        res.write('partial');
        setTimeout(() => req.stream.session!.destroy(), 20);
      } else res.end('fine');
    });
    const session = client();
    const dropped = await send(session, origin, { path: '/drop' });
    expect(dropped.status).toBe(0);
    expect(dropped.errorCode).toBeGreaterThan(1000);
    expect((await send(session, origin)).body?.toString()).toBe('fine');
    expect(sessions()).toBe(2);
  });
});
