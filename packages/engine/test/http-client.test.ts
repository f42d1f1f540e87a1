import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../src/http/error-codes.js';
import type { HttpRequest, HttpSession } from '../src/http/http-session.js';
import { findHeader } from '../src/http/response-headers.js';
import { sessionWith } from './http-client-fixtures.js';

/** Servers started by a test, closed after it. */
const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  servers.push({ close: () => server.close() });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/**
 * A raw TCP server: `answer` gets each request (head and body, framed by content-length) with its
 * connection's number and the request's number on that connection, and writes whatever it likes.
 */
async function rawServer(
  answer: (
    request: { head: string; body: string },
    socket: Socket,
    connection: number,
    index: number,
  ) => void,
): Promise<{ origin: string; requests: string[]; connections: () => number }> {
  const requests: string[] = [];
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    const connection = ++connections;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = '';
    let index = 0;
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (;;) {
        const headEnd = buffered.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = buffered.slice(0, headEnd + 4);
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < headEnd + 4 + length) return;
        const body = buffered.slice(headEnd + 4, headEnd + 4 + length);
        buffered = buffered.slice(headEnd + 4 + length);
        requests.push(head + body);
        answer({ head, body }, socket, connection, ++index);
      }
    });
  });
  const port = await listen(server);
  servers.push({
    close: () => {
      for (const socket of sockets) socket.destroy();
    },
  });
  return { origin: `http://127.0.0.1:${port}`, requests, connections: () => connections };
}

const get = (origin: string, path = '/', extra: Partial<HttpRequest> = {}): HttpRequest => ({
  origin,
  path,
  method: 'GET',
  headers: ['user-agent', 'fpt-test'],
  timeoutMs: 2000,
  keepBody: true,
  ...extra,
});

async function send(session: HttpSession, request: HttpRequest) {
  const response = await session.send(request);
  // The session reuses its response object: copy what the test looks at.
  return {
    status: response.status,
    headers: response.headers,
    body: response.body?.toString(),
    errorCode: response.errorCode,
    errorMessage: response.errorMessage,
    timings: { ...response.timings },
    bytesSent: response.bytesSent,
    bytesReceived: response.bytesReceived,
  };
}

describe("the engine's HTTP/1.1 client against real servers", () => {
  it('keeps one connection for many requests and reads chunked bodies from node:http', async () => {
    const connections = new Set<unknown>();
    const port = await listen(
      createHttpServer((req, res) => {
        connections.add(req.socket);
        res.write('{"part":1,');
        setImmediate(() => res.end(`"path":"${req.url}"}`));
      }),
    );
    const session = sessionWith();
    for (let i = 0; i < 20; i++) {
      const response = await send(session, get(`http://127.0.0.1:${port}`, `/n/${i}`));
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body!)).toEqual({ part: 1, path: `/n/${i}` });
      expect(findHeader(response.headers, 'TRANSFER-ENCODING')).toBe('chunked');
      expect(response.timings.connectingMs > 0).toBe(i === 0);
    }
    expect(connections.size).toBe(1);
    await session.close();
  });

  it('sends exactly the bytes of the request: host, headers, body and its length', async () => {
    const server = await rawServer((_, socket) =>
      socket.write('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n'),
    );
    const session = sessionWith();
    const body = '{"name":"café"}';
    const response = await send(session, {
      ...get(server.origin, '/items?x=1'),
      method: 'POST',
      headers: ['content-type', 'application/json'],
      body,
    });
    expect(response.status).toBe(201);
    const expected = `POST /items?x=1 HTTP/1.1\r\nhost: ${server.origin.slice(7)}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${Buffer.from(body).toString('latin1')}`;
    expect(server.requests).toEqual([expected]);
    expect(response.bytesSent).toBe(Buffer.byteLength(expected, 'latin1'));
    expect(response.bytesReceived).toBe('HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n'.length);
    await session.close();
  });

  it('retries an idempotent request once when the server dropped the kept-alive connection, never a POST', async () => {
    // The server answers the first request of each connection and drops the connection at the second:
    // what a keep-alive timeout racing with a new request looks like from the client.
    const server = await rawServer((_, socket, __, index) => {
      if (index === 1) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      else socket.destroy();
    });
    const session = sessionWith();
    expect((await send(session, get(server.origin))).status).toBe(200);
    const retried = await send(session, get(server.origin));
    expect(retried.status).toBe(200);
    expect(server.connections()).toBe(2);
    const post = await send(session, { ...get(server.origin), method: 'POST', body: 'x' });
    expect(post.status).toBe(0);
    expect(post.errorCode).toBe(ErrorCode.tcpGeneric);
    expect(post.errorMessage).toMatch(/closed the connection without responding/);
    expect(server.connections()).toBe(2);
    await session.close();
  });

  it('opens a new connection after Connection: close and after a body that ran until close', async () => {
    const server = await rawServer((_, socket, connection) => {
      if (connection === 1)
        socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\none');
      else socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close');
    });
    const session = sessionWith();
    expect((await send(session, get(server.origin))).body).toBe('one');
    expect((await send(session, get(server.origin))).body).toBe('until close');
    expect((await send(session, get(server.origin))).body).toBe('until close');
    expect(server.connections()).toBe(3);
    await session.close();
  });

  it('skips 100 Continue, and does not wait for a body after HEAD', async () => {
    const server = await rawServer(({ head }, socket) => {
      if (head.startsWith('HEAD')) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n');
      else socket.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone');
    });
    const session = sessionWith();
    expect((await send(session, get(server.origin))).body).toBe('done');
    const head = await send(session, { ...get(server.origin), method: 'HEAD' });
    expect([head.status, head.body, findHeader(head.headers, 'content-length')]).toEqual([
      200,
      undefined,
      '1000',
    ]);
    expect((await send(session, get(server.origin))).body).toBe('done');
    expect(server.connections()).toBe(1);
    await session.close();
  });

  it('waits for the final response: a 103 Early Hints does not end the time to first byte', async () => {
    const server = await rawServer((_, socket) => {
      socket.write('HTTP/1.1 103 Early Hints\r\nLink: </app.css>; rel=preload\r\n\r\n');
      setTimeout(() => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'), 150);
    });
    const session = sessionWith();
    const response = await send(session, get(server.origin));
    expect([response.status, response.body]).toEqual([200, 'ok']);
    expect(response.timings.waitingMs).toBeGreaterThanOrEqual(140);
    expect(response.timings.receivingMs).toBeLessThan(50);
    await session.close();
  });

  it('closing the session ends a request in flight without retrying it elsewhere', async () => {
    const server = await rawServer((_, socket, __, index) => {
      if (index === 1) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    });
    const session = sessionWith();
    expect((await send(session, get(server.origin))).status).toBe(200);
    const inFlight = send(session, get(server.origin));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await session.close();
    const response = await inFlight;
    expect(response.status).toBe(0);
    expect(server.connections()).toBe(1);
  });

  it('measures a malformed response as a failure and does not reuse its connection', async () => {
    const server = await rawServer((_, socket, connection) => {
      socket.write(
        connection === 1 ? 'HTTP/1.1 abc nonsense\r\n\r\n' : 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
      );
    });
    const session = sessionWith();
    const broken = await send(session, get(server.origin));
    expect([broken.status, broken.errorCode]).toEqual([0, ErrorCode.generic]);
    expect(broken.errorMessage).toMatch(/malformed HTTP response: bad status code/);
    expect((await send(session, get(server.origin))).status).toBe(200);
    expect(server.connections()).toBe(2);
    await session.close();
  });

  it('refuses a header value that would split the request, sending nothing', async () => {
    const server = await rawServer((_, socket) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'),
    );
    const session = sessionWith();
    const refused = await send(session, { ...get(server.origin), headers: ['x-token', 'a\r\nx-admin: 1'] });
    expect([refused.status, refused.errorCode]).toEqual([0, ErrorCode.invalidUrl]);
    expect(refused.errorMessage).toMatch(/x-token has a character a header cannot carry/);
    expect(server.requests).toEqual([]);
    // Refused before connecting: an unsendable request costs the target nothing.
    expect(server.connections()).toBe(0);
    expect((await send(session, get(server.origin))).status).toBe(200);
    await session.close();
  });

  it('times out a server that stops answering, also when an earlier request had a longer timeout', async () => {
    const server = await rawServer((_, socket, connection, index) => {
      if (connection === 1 && index === 1) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    });
    const session = sessionWith();
    expect((await send(session, { ...get(server.origin), timeoutMs: 60_000 })).status).toBe(200);
    const response = await send(session, { ...get(server.origin), timeoutMs: 200 });
    expect([response.status, response.errorCode]).toEqual([0, ErrorCode.requestTimeout]);
    expect(response.timings.durationMs).toBeGreaterThanOrEqual(195);
    expect(response.timings.durationMs).toBeLessThan(5000);
    // The timed-out connection is not reused: the next request opens another, which hangs again.
    expect((await send(session, { ...get(server.origin), timeoutMs: 100 })).errorCode).toBe(
      ErrorCode.requestTimeout,
    );
    expect(server.connections()).toBe(2);
    await session.close();
  });

  it('speaks HTTPS: times the handshake once, verifies certificates unless told not to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fpt-tls-'));
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=fpt-test']
        .concat(['-addext', 'subjectAltName=IP:127.0.0.1'])
        .concat(['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]),
      { stdio: 'ignore' },
    );
    const port = await listen(
      createHttpsServer(
        { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        (_, res) => res.end('secure'),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
    const origin = `https://127.0.0.1:${port}`;
    const lenient = sessionWith('insecureSkipTLSVerify: true');
    const first = await send(lenient, get(origin));
    const second = await send(lenient, get(origin));
    expect([first.status, first.body, second.body]).toEqual([200, 'secure', 'secure']);
    expect(first.timings.connectingMs).toBeGreaterThan(0);
    expect(first.timings.tlsHandshakingMs).toBeGreaterThan(0);
    expect(second.timings.connectingMs).toBe(0);
    expect(second.timings.tlsHandshakingMs).toBe(0);
    await lenient.close();
    const strict = sessionWith();
    const refused = await send(strict, get(origin));
    expect([refused.status, refused.errorCode]).toEqual([0, ErrorCode.tlsUnknownAuthority]);
    await strict.close();
  });
});
