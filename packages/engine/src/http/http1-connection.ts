import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ConnectTarget } from './connect-target.js';
import { type Connection, type ExchangeHandler, HttpProtocol } from './connection.js';
import type { ExchangeRequest } from './exchange-request.js';
import { RequestHeadCache } from './http1-request-head.js';
import { ResponseParser, type ResponseParserEvents } from './http1-response-parser.js';
import { type OpeningSocket, openSocket } from './open-socket.js';
import { tlsVersionTag } from './tls-version-tag.js';

/** The server closed the connection before the response was complete (or before it began). */
export class ConnectionClosedError extends Error {
  readonly code = 'FPT_CONNECTION_CLOSED';
  constructor(beforeResponse: boolean) {
    super(
      beforeResponse
        ? 'the server closed the connection without responding'
        : 'the server closed the connection before the response was complete',
    );
    this.name = 'ConnectionClosedError';
  }
}

/**
 * Called when the TLS handshake chose HTTP/2 (ALPN "h2"): the socket and the exchange move to an HTTP/2
 * connection, which keeps the connect and handshake times measured here.
 */
export type Http2Handover = (socket: TLSSocket, from: Http1Connection, request: ExchangeRequest) => void;

/**
 * One read buffer for every plain-TCP socket of the thread: a read is parsed synchronously before the next
 * can arrive, so sockets can share it, and no Buffer is allocated per read (bytes a check needs are copied).
 */
const sharedReadBuffer = Buffer.allocUnsafe(64 * 1024);

/** How long before a server's announced keep-alive timeout an idle connection is no longer used. */
const keepAliveMarginMs = 1000;

const alpnHttp1 = ['http/1.1'] as const;
const alpnAny = ['h2', 'http/1.1'] as const;

/**
 * One keep-alive HTTP/1.1 connection, one request at a time (no pipelining, as k6). It opens its socket on
 * the first exchange (openSocket: address, proxy, TLS), times the TCP connect and TLS handshake, writes the
 * request head and body in one go and feeds what arrives to the response parser. Offered "h2" too (the
 * `auto` protocol), it hands the socket over when the server picks HTTP/2.
 */
export class Http1Connection implements Connection, ResponseParserEvents {
  protocol: HttpProtocol | undefined;
  readonly #target: ConnectTarget;
  readonly #parser = new ResponseParser(this);
  readonly #heads: RequestHeadCache;
  readonly #handover: Http2Handover | undefined;
  #socket: Socket | undefined;
  #opening: OpeningSocket | undefined;
  #ready = false;
  #usable = true;
  #idleUntilMs = Number.POSITIVE_INFINITY;
  #handler: ExchangeHandler | undefined;
  #request: ExchangeRequest | undefined;
  #bodyBytes: number | undefined;
  /** The encoded head of the current exchange, ready before any connect. */
  #head: Buffer | undefined;
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

  /** With `handover`, TLS offers h2 as well and the server's choice decides. */
  constructor(target: ConnectTarget, handover?: Http2Handover) {
    this.#target = target;
    this.#handover = handover;
    // Through a proxy without a tunnel, requests name their origin in full (absolute form).
    const forwarded = target.proxy !== undefined && !target.tls;
    this.#heads = new RequestHeadCache({
      hostHeader: target.hostHeader,
      targetPrefix: forwarded ? target.origin : '',
      extraLines:
        forwarded && target.proxy?.authorization
          ? `proxy-authorization: ${target.proxy.authorization}\r\n`
          : '',
    });
  }

  usableAt(nowMs: number): boolean {
    return this.#usable && nowMs < this.#idleUntilMs;
  }

  exchange(handler: ExchangeHandler, request: ExchangeRequest, nowMs: number): void {
    this.fresh = false;
    this.#handler = handler;
    this.#request = request;
    this.#parser.expect(request.method);
    this.bytesSent = 0;
    this.bytesReceived = 0;
    this.firstByteMs = 0;
    this.endMs = 0;
    this.connectedMs = nowMs;
    this.sentMs = nowMs;
    this.#bodyBytes = request.body === undefined ? undefined : Buffer.byteLength(request.body);
    try {
      // Encoded (and so validated) before any connect: a request that cannot be written costs no connection.
      this.#head = this.#heads.encode(request, this.#bodyBytes);
    } catch (error) {
      this.#end(error as Error);
      return;
    }
    if (this.#socket === undefined && this.#opening === undefined) {
      this.fresh = true;
      this.#open(nowMs);
      return;
    }
    this.#write();
  }

  abort(reason: Error): void {
    this.#fail(reason);
  }

  close(): void {
    this.#usable = false;
    const opening = this.#opening;
    this.#opening = undefined;
    opening?.destroy();
    this.#socket?.destroy();
    if (this.#handler) this.#fail(new ConnectionClosedError(true));
  }

  #open(nowMs: number): void {
    const target = this.#target;
    this.connectStartMs = nowMs;
    this.tcpConnectedMs = nowMs;
    this.tlsConnectedMs = 0;
    this.#opening = openSocket(
      target,
      {
        alpn: this.#handover ? alpnAny : alpnHttp1,
        onread: {
          buffer: sharedReadBuffer,
          callback: (bytes: number, buf: Uint8Array) => this.#onData(buf as Buffer, bytes),
        },
      },
      {
        onTcpConnected: (atMs) => {
          this.tcpConnectedMs = atMs;
        },
        onReady: (socket, atMs) => this.#onReady(socket, atMs),
        onFailed: (error) => {
          this.#opening = undefined;
          this.#fail(error);
        },
      },
    );
  }

  #onReady(socket: Socket, atMs: number): void {
    this.#opening = undefined;
    if (this.#target.tls) {
      const tlsSocket = socket as TLSSocket;
      this.tlsConnectedMs = atMs;
      this.tlsVersion = tlsVersionTag(tlsSocket);
      if (tlsSocket.alpnProtocol === 'h2' && this.#handover && this.#request) {
        // The exchange continues on HTTP/2; this connection is done without having carried a request.
        const request = this.#request;
        this.#usable = false;
        this.#handler = undefined;
        this.#request = undefined;
        this.#handover(tlsSocket, this, request);
        return;
      }
      socket.on('data', (chunk: Buffer) => this.#onData(chunk, chunk.length));
    }
    this.protocol = HttpProtocol.http1;
    socket.setNoDelay(true);
    socket.on('error', (error) => this.#fail(error));
    socket.on('end', () => this.#onEnd());
    socket.on('close', () => this.#onClose());
    this.#socket = socket;
    this.#ready = true;
    this.connectedMs = atMs;
    if (this.#request) this.#write();
  }

  #write(): void {
    const socket = this.#socket;
    if (!this.#ready || socket === undefined) return;
    const request = this.#request!;
    const head = this.#head!;
    if (request.body === undefined) {
      socket.write(head);
    } else {
      socket.cork();
      socket.write(head);
      socket.write(request.body);
      socket.uncork();
    }
    this.bytesSent = head.length + (this.#bodyBytes ?? 0);
    this.sentMs = performance.now();
  }

  #onData(buf: Buffer, end: number): boolean {
    const nowMs = performance.now();
    if (this.#handler === undefined) {
      // Bytes nobody asked for: the server is out of step with us, so this connection is done.
      this.#usable = false;
      this.#socket?.destroy();
      return false;
    }
    this.bytesReceived += end;
    this.endMs = nowMs;
    let stoppedAt: number;
    try {
      stoppedAt = this.#parser.feed(buf, 0, end);
    } catch (error) {
      this.#fail(error as Error);
      return false;
    }
    if (stoppedAt < end) {
      this.#usable = false;
      this.#socket?.destroy();
    }
    return true;
  }

  // The parser's events.

  onResponseHead(status: number, headers: string, setsCookies: boolean): void {
    // Time to the final response's head, as undici's onHeaders was: a 103 Early Hints before it does not
    // end the wait. endMs is the moment of the read being parsed.
    this.firstByteMs = this.endMs;
    this.#handler?.onResponseHead(status, headers, setsCookies);
  }

  onResponseBody(buf: Buffer, start: number, end: number): void {
    this.#handler?.onResponseBody(buf, start, end);
  }

  onResponseComplete(keepAlive: boolean): void {
    this.completedExchanges++;
    const hint = this.#parser.keepAliveHintMs;
    this.#idleUntilMs = hint === undefined ? Number.POSITIVE_INFINITY : this.endMs + hint - keepAliveMarginMs;
    if (!keepAlive || this.#request?.closeAfter) {
      this.#usable = false;
      this.#socket?.end();
    }
    this.#end(undefined);
  }

  #onEnd(): void {
    // A body that runs until the connection closes is complete now; anything else was cut short.
    this.#usable = false;
    if (this.#handler === undefined || this.#parser.finishAtClose()) return;
    this.#fail(new ConnectionClosedError(this.bytesReceived === 0));
  }

  #onClose(): void {
    this.#usable = false;
    if (this.#handler) this.#fail(new ConnectionClosedError(this.bytesReceived === 0));
  }

  #fail(error: Error): void {
    if (this.#handler === undefined) return;
    this.#usable = false;
    const opening = this.#opening;
    this.#opening = undefined;
    opening?.destroy();
    this.#socket?.destroy();
    this.endMs = performance.now();
    this.#end(error);
  }

  #end(error: Error | undefined): void {
    const handler = this.#handler;
    this.#handler = undefined;
    this.#request = undefined;
    handler?.onExchangeEnd(error);
  }
}
