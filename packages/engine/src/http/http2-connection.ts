import {
  type ClientHttp2Session,
  type ClientHttp2Stream,
  constants,
  connect as http2Connect,
  type IncomingHttpHeaders,
  type IncomingHttpStatusHeader,
} from 'node:http2';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ConnectTarget } from './connect-target.js';
import { type Connection, type ExchangeHandler, HttpProtocol } from './connection.js';
import { CodedRequestError, ErrorCode, http2ErrorCode } from './error-codes.js';
import type { ExchangeRequest } from './exchange-request.js';
import { http2RequestHeaders } from './http2-request-headers.js';
import { http2ErrorName } from './http2-error-name.js';
import { openSocket, type OpeningSocket } from './open-socket.js';
import { tlsVersionTag } from './tls-version-tag.js';

/** Go's transport windows: 4 MiB per stream, 1 GiB per connection, so big bodies do not wait on WINDOW_UPDATEs. */
const streamWindowBytes = 4 * 1024 * 1024;
const connectionWindowBytes = 1024 * 1024 * 1024;

/**
 * A request the server never processed (a GOAWAY named an earlier last stream, or REFUSED_STREAM): safe to
 * send again on a new connection, whatever its method (RFC 9113 §8.7).
 */
export class UnprocessedRequestError extends CodedRequestError {
  readonly unprocessed = true;
}

/** An earlier connection's times, when the socket was opened there and handed over (ALPN chose h2). */
export interface ConnectTimes {
  readonly connectStartMs: number;
  readonly tcpConnectedMs: number;
  readonly tlsConnectedMs: number;
}

/**
 * One HTTP/2 connection of a VU (node:http2 over a socket FPT opened), one stream at a time as a k6 VU
 * sends one request at a time. The phases are measured as over HTTP/1.1: blocked until the session can
 * take the request, connecting and TLS of a new connection, sending until the request (and body) is handed
 * to the session, waiting until the response's HEADERS, receiving until the stream ends.
 */
export class Http2Connection implements Connection {
  protocol: HttpProtocol | undefined;
  readonly #target: ConnectTarget;
  readonly #scheme: 'http' | 'https';
  #session: ClientHttp2Session | undefined;
  #socket: Socket | undefined;
  #opening: OpeningSocket | undefined;
  #handed: TLSSocket | undefined;
  #usable = true;
  #handler: ExchangeHandler | undefined;
  #request: ExchangeRequest | undefined;
  #stream: ClientHttp2Stream | undefined;
  #bodyBytes: number | undefined;
  #readBase = 0;
  #writtenBase = 0;
  /** Set by a GOAWAY: streams above it were never processed. */
  #lastStreamId = Number.POSITIVE_INFINITY;
  #goAwayCode = 0;
  completedExchanges = 0;
  tlsVersion: string | undefined;

  fresh = false;
  connectStartMs = 0;
  tcpConnectedMs = 0;
  tlsConnectedMs = 0;
  connectedMs = 0;
  sentMs = 0;
  firstByteMs = 0;
  endMs = 0;
  bytesSent = 0;
  bytesReceived = 0;

  constructor(target: ConnectTarget) {
    this.#target = target;
    this.#scheme = target.tls ? 'https' : 'http';
  }

  /** An HTTP/2 connection over a socket whose handshake chose h2 elsewhere; its first exchange is fresh. */
  static adopt(target: ConnectTarget, socket: TLSSocket, times: ConnectTimes): Http2Connection {
    const connection = new Http2Connection(target);
    connection.#handed = socket;
    connection.connectStartMs = times.connectStartMs;
    connection.tcpConnectedMs = times.tcpConnectedMs;
    connection.tlsConnectedMs = times.tlsConnectedMs;
    connection.tlsVersion = tlsVersionTag(socket);
    return connection;
  }

  usableAt(): boolean {
    return this.#usable;
  }

  exchange(handler: ExchangeHandler, request: ExchangeRequest, nowMs: number): void {
    this.#handler = handler;
    this.#request = request;
    this.bytesSent = 0;
    this.bytesReceived = 0;
    this.firstByteMs = 0;
    this.endMs = 0;
    this.connectedMs = nowMs;
    this.sentMs = nowMs;
    this.#bodyBytes = request.body === undefined ? undefined : Buffer.byteLength(request.body);
    if (this.#session !== undefined) {
      this.fresh = false;
      this.#start();
      return;
    }
    this.fresh = true;
    const handed = this.#handed;
    if (handed !== undefined) {
      this.#handed = undefined;
      this.#begin(handed, this.tlsConnectedMs);
      return;
    }
    this.#open(nowMs);
  }

  abort(reason: Error): void {
    // Only the stream is cancelled (RST_STREAM CANCEL); the connection stays for the VU's next request.
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream && !stream.closed) stream.close(constants.NGHTTP2_CANCEL);
    if (this.#session === undefined) this.close();
    this.#fail(reason);
  }

  close(): void {
    this.#usable = false;
    const opening = this.#opening;
    this.#opening = undefined;
    opening?.destroy();
    this.#handed?.destroy();
    this.#session?.destroy();
    this.#socket?.destroy();
    if (this.#handler)
      this.#fail(new CodedRequestError(ErrorCode.http2Generic, 'the HTTP/2 connection was closed'));
  }

  #open(nowMs: number): void {
    this.connectStartMs = nowMs;
    this.tcpConnectedMs = nowMs;
    this.tlsConnectedMs = 0;
    this.#opening = openSocket(
      this.#target,
      { alpn: ['h2'], tunnelPlain: true },
      {
        onTcpConnected: (atMs) => {
          this.tcpConnectedMs = atMs;
        },
        onReady: (socket, atMs) => {
          this.#opening = undefined;
          if (this.#target.tls) {
            const tlsSocket = socket as TLSSocket;
            this.tlsConnectedMs = atMs;
            this.tlsVersion = tlsVersionTag(tlsSocket);
            if (tlsSocket.alpnProtocol !== 'h2') {
              socket.destroy();
              this.#usable = false;
              this.#fail(
                new CodedRequestError(
                  ErrorCode.http2Generic,
                  `the server does not offer HTTP/2 (ALPN chose ${tlsSocket.alpnProtocol || 'nothing'}); use target.http: auto or http1`,
                ),
              );
              return;
            }
          }
          this.#begin(socket, atMs);
        },
        onFailed: (error) => {
          this.#opening = undefined;
          this.#usable = false;
          this.#fail(error);
        },
      },
    );
  }

  /** Starts the HTTP/2 session on a ready socket and sends the waiting request. */
  #begin(socket: Socket, readyMs: number): void {
    this.protocol = HttpProtocol.http2;
    this.#socket = socket;
    this.connectedMs = readyMs;
    const session = http2Connect(`${this.#scheme}://${this.#target.hostHeader}`, {
      createConnection: () => socket,
      settings: { enablePush: false, initialWindowSize: streamWindowBytes },
    });
    this.#session = session;
    session.on('connect', () => session.setLocalWindowSize(connectionWindowBytes));
    session.on('goaway', (errorCode: number, lastStreamId: number) => {
      this.#usable = false;
      this.#lastStreamId = lastStreamId;
      this.#goAwayCode = errorCode;
    });
    session.on('error', (error: Error) => {
      this.#usable = false;
      this.#fail(this.#sessionError(error));
    });
    session.on('close', () => {
      this.#usable = false;
      if (this.#handler) this.#fail(this.#sessionError(undefined));
    });
    if (this.#request) this.#start();
  }

  #start(): void {
    const session = this.#session!;
    const request = this.#request!;
    const socket = this.#socket!;
    this.#readBase = socket.bytesRead;
    this.#writtenBase = socket.bytesWritten;
    let stream: ClientHttp2Stream;
    try {
      const headers = http2RequestHeaders(request, this.#scheme, this.#target.hostHeader, this.#bodyBytes);
      stream = session.request(headers, { endStream: request.body === undefined });
    } catch (error) {
      this.#fail(error as Error);
      return;
    }
    this.#stream = stream;
    stream.on('response', (headers: IncomingHttpHeaders & IncomingHttpStatusHeader) => {
      if (this.#stream !== stream) return;
      this.firstByteMs = performance.now();
      const { block, setsCookies } = headerBlock(headers);
      this.#handler?.onResponseHead(Number(headers[':status']), block, setsCookies);
    });
    stream.on('data', (chunk: Buffer) => {
      if (this.#stream === stream) this.#handler?.onResponseBody(chunk, 0, chunk.length);
    });
    stream.on('end', () => {
      if (this.#stream !== stream) return;
      this.completedExchanges++;
      if (request.closeAfter) this.#usable = false;
      this.#end(undefined);
      if (request.closeAfter) session.close();
    });
    stream.on('error', () => {
      // Reported once the stream closes, with its reset code.
    });
    stream.on('close', () => {
      if (this.#stream !== stream) return;
      this.#fail(this.#streamError(stream));
    });
    if (request.body !== undefined) stream.end(request.body);
    this.sentMs = performance.now();
  }

  /** Why a stream closed before its end: a reset by the server, a GOAWAY, or the session's own failure. */
  #streamError(stream: ClientHttp2Stream): Error {
    const id = stream.id ?? 0;
    if (id > this.#lastStreamId || stream.rstCode === constants.NGHTTP2_REFUSED_STREAM) {
      const code =
        stream.rstCode === constants.NGHTTP2_REFUSED_STREAM
          ? http2ErrorCode('stream', constants.NGHTTP2_REFUSED_STREAM)
          : http2ErrorCode('goaway', this.#goAwayCode);
      const why =
        stream.rstCode === constants.NGHTTP2_REFUSED_STREAM
          ? 'the server refused the stream (REFUSED_STREAM) before processing it'
          : `the server sent GOAWAY (${http2ErrorName(this.#goAwayCode)}) before processing the request`;
      return new UnprocessedRequestError(code, `HTTP/2: ${why}`);
    }
    if (this.#goAwayCode !== 0 && this.#lastStreamId !== Number.POSITIVE_INFINITY)
      return new CodedRequestError(
        http2ErrorCode('goaway', this.#goAwayCode),
        `HTTP/2: the server ended the connection with GOAWAY ${http2ErrorName(this.#goAwayCode)}`,
      );
    return new CodedRequestError(
      http2ErrorCode('stream', stream.rstCode),
      `HTTP/2: the stream was reset with ${http2ErrorName(stream.rstCode)}`,
    );
  }

  #sessionError(error: Error | undefined): Error {
    if (this.#goAwayCode !== 0)
      return new CodedRequestError(
        http2ErrorCode('goaway', this.#goAwayCode),
        `HTTP/2: the server ended the connection with GOAWAY ${http2ErrorName(this.#goAwayCode)}`,
        { cause: error },
      );
    const code = (error as { code?: string } | undefined)?.code;
    if (error && code !== 'ERR_HTTP2_SESSION_ERROR' && code !== 'ERR_HTTP2_ERROR') return error;
    const h2Code = Number(/error code (\d+)/.exec(error?.message ?? '')?.[1]);
    return new CodedRequestError(
      http2ErrorCode('connection', Number.isNaN(h2Code) ? undefined : h2Code),
      error
        ? `HTTP/2 connection error: ${error.message}`
        : 'HTTP/2: the connection closed before the response was complete',
      { cause: error },
    );
  }

  #fail(error: Error): void {
    if (this.#handler === undefined) return;
    this.#stream = undefined;
    this.endMs = performance.now();
    this.#end(error);
  }

  #end(error: Error | undefined): void {
    this.#stream = undefined;
    if (this.endMs === 0) this.endMs = performance.now();
    const socket = this.#socket;
    if (socket) {
      this.bytesReceived = socket.bytesRead - this.#readBase;
      this.bytesSent = socket.bytesWritten - this.#writtenBase;
    }
    const handler = this.#handler;
    this.#handler = undefined;
    this.#request = undefined;
    handler?.onExchangeEnd(error);
  }
}

/** The response headers as the raw "Name: value\r\n" block checks read; each Set-Cookie on its own line. */
function headerBlock(headers: IncomingHttpHeaders): { block: string; setsCookies: boolean } {
  let block = '';
  let setsCookies = false;
  for (const name in headers) {
    if (name.charCodeAt(0) === 58) continue; // ":status" and other pseudo-headers
    const value = headers[name];
    if (value === undefined) continue;
    if (name === 'set-cookie') setsCookies = true;
    if (Array.isArray(value)) for (const one of value) block += `${name}: ${one}\r\n`;
    else block += `${name}: ${value}\r\n`;
  }
  return { block, setsCookies };
}
