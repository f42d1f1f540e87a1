import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { InvalidRequestError, RequestHeadCache } from './http1-request-head.js';
import { ResponseParser, type ResponseParserEvents } from './http1-response-parser.js';

/** Where a connection goes, parsed once from the origin. */
export interface ConnectTarget {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** TLS server name (SNI); undefined for IP addresses. */
  readonly servername: string | undefined;
  readonly rejectUnauthorized: boolean;
  /** The Host header: host, and port when it is not the scheme's default. */
  readonly hostHeader: string;
}

/** The connect target of an origin ("http://host:port"); throws for anything but http and https. */
export function connectTargetOf(origin: string, insecureSkipTLSVerify: boolean): ConnectTarget {
  const url = new URL(origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidRequestError(`unsupported URL scheme "${url.protocol}" in ${origin}: use http or https`);
  const tls = url.protocol === 'https:';
  // URL keeps the brackets of an IPv6 literal in hostname; connect() wants the bare address.
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return {
    host,
    port: url.port === '' ? (tls ? 443 : 80) : Number(url.port),
    tls,
    servername: tls && isIP(host) === 0 ? host : undefined,
    rejectUnauthorized: !insecureSkipTLSVerify,
    hostHeader: url.host,
  };
}

/** The request bytes of one exchange. */
export interface ExchangeRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: readonly string[];
  /** The cookie jar's Cookie header for this request, if any. */
  readonly cookie?: string | undefined;
  readonly body?: string | Buffer;
}

/** Receives one exchange's response; exactly one onExchangeEnd per exchange. */
export interface ExchangeHandler {
  onResponseHead(status: number, headers: string, setsCookies: boolean): void;
  onResponseBody(buf: Buffer, start: number, end: number): void;
  onExchangeEnd(error: Error | undefined): void;
}

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
 * One read buffer for every plain-TCP socket of the thread: a read is parsed synchronously before the next
 * can arrive, so sockets can share it, and no Buffer is allocated per read (bytes a check needs are copied).
 */
const sharedReadBuffer = Buffer.allocUnsafe(64 * 1024);

/** How long before a server's announced keep-alive timeout an idle connection is no longer used. */
const keepAliveMarginMs = 1000;

/**
 * One keep-alive HTTP/1.1 connection, one request at a time (no pipelining, as k6). It opens its socket on
 * the first exchange, times the TCP connect and TLS handshake, writes the request head and body in one
 * go and feeds what arrives to the response parser. Its public fields are the moments of the current
 * exchange (performance.now() ms), read by the session once the exchange ends.
 */
export class Http1Connection implements ResponseParserEvents {
  readonly #target: ConnectTarget;
  readonly #parser = new ResponseParser(this);
  readonly #heads = new RequestHeadCache();
  #socket: Socket | undefined;
  #ready = false;
  #usable = true;
  #idleUntilMs = Number.POSITIVE_INFINITY;
  #handler: ExchangeHandler | undefined;
  #request: ExchangeRequest | undefined;
  #bodyBytes: number | undefined;
  /** The encoded head of the current exchange, ready before any connect. */
  #head: Buffer | undefined;
  /** Exchanges completed on this socket: a failure on a reused one may be a keep-alive race. */
  completedExchanges = 0;

  /** True when the current exchange opened the connection (connect and TLS times belong to it). */
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
  }

  /** Whether a new exchange may go over this connection at `nowMs`. */
  usableAt(nowMs: number): boolean {
    return this.#usable && nowMs < this.#idleUntilMs;
  }

  /** Sends one request; the handler hears about the response. */
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
      this.#head = this.#heads.encode(request, this.#target.hostHeader, this.#bodyBytes);
    } catch (error) {
      this.#end(error as Error);
      return;
    }
    if (this.#socket === undefined) {
      this.fresh = true;
      this.#open(nowMs);
      return;
    }
    this.fresh = false;
    this.#write();
  }

  /** Ends the current exchange with `reason` (a timeout, an interrupted iteration); the socket is closed. */
  abort(reason: Error): void {
    this.#fail(reason);
  }

  close(): void {
    this.#usable = false;
    this.#socket?.destroy();
    if (this.#handler) this.#fail(new ConnectionClosedError(true));
  }

  #open(nowMs: number): void {
    const target = this.#target;
    this.connectStartMs = nowMs;
    this.tcpConnectedMs = nowMs;
    this.tlsConnectedMs = 0;
    let socket: Socket;
    if (target.tls) {
      socket = tlsConnect({
        host: target.host,
        port: target.port,
        servername: target.servername,
        rejectUnauthorized: target.rejectUnauthorized,
        ALPNProtocols: ['http/1.1'],
      });
      socket.once('secureConnect', () => {
        this.tlsConnectedMs = performance.now();
        this.#onReady(this.tlsConnectedMs);
      });
      socket.on('data', (chunk: Buffer) => this.#onData(chunk, chunk.length));
    } else {
      socket = netConnect({
        host: target.host,
        port: target.port,
        onread: {
          buffer: sharedReadBuffer,
          callback: (bytes: number, buf: Uint8Array) => this.#onData(buf as Buffer, bytes),
        },
      });
    }
    socket.once('connect', () => {
      this.tcpConnectedMs = performance.now();
      if (!target.tls) this.#onReady(this.tcpConnectedMs);
    });
    socket.setNoDelay(true);
    socket.on('error', (error) => this.#fail(error));
    socket.on('end', () => this.#onEnd());
    socket.on('close', () => this.#onClose());
    this.#socket = socket;
  }

  #onReady(nowMs: number): void {
    this.#ready = true;
    this.connectedMs = nowMs;
    if (this.#request) this.#write();
  }

  #write(): void {
    const socket = this.#socket!;
    if (!this.#ready) return;
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
    if (!keepAlive) {
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
