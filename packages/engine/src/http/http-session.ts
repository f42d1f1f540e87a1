import type { TLSSocket } from 'node:tls';
import { onAbort } from '../abort-fanout.js';
import { type ConnectTarget, connectTargetOf } from './connect-target.js';
import type { Connection, ExchangeHandler, HttpProtocol } from './connection.js';
import { decodeBody } from './decode-body.js';
import {
  CodedRequestError,
  classifyNetworkError,
  ErrorCode,
  errorCodeForStatus,
  RequestTimeoutError,
} from './error-codes.js';
import type { ExchangeRequest } from './exchange-request.js';
import { type HttpClientOptions, HttpVersionMode } from './http-client-options.js';
import { emptyTimings, type HttpTimings } from './http-timings.js';
import { Http1Connection } from './http1-connection.js';
import { Http2Connection } from './http2-connection.js';
import { findHeader } from './response-headers.js';

export interface HttpRequest extends ExchangeRequest {
  /** scheme://host:port */
  readonly origin: string;
  readonly timeoutMs: number;
  /** Keep the body for checks and captures; otherwise it is counted and dropped. */
  readonly keepBody: boolean;
}

/** One response (or failure). Reused by the session for every request: read it before sending the next one. */
export interface HttpResponse {
  status: number;
  /** The raw header block as received: "Name: value\r\n" lines (read them with findHeader). */
  headers: string;
  /** A Set-Cookie is among the headers. */
  setsCookies: boolean;
  /** The body as the server meant it (Content-Encoding undone), when it was kept. */
  body: Buffer | undefined;
  errorCode: number | undefined;
  errorMessage: string | undefined;
  /**
   * The response arrived but its body could not be read (not decodable): the request counts as failed
   * although it has a status.
   */
  bodyFailed: boolean;
  /** The protocol it came over (k6's `proto`), undefined when no connection was made. */
  protocol: HttpProtocol | undefined;
  /** k6's `tls_version` ("tls1.3"), undefined without TLS. */
  tlsVersion: string | undefined;
  timings: HttpTimings;
  bytesSent: number;
  bytesReceived: number;
}

const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/**
 * One VU's HTTP connections: one keep-alive connection per origin, as each k6 VU has its own connections,
 * over HTTP/1.1 or HTTP/2 as the server and the preset choose. One request at a time per session, so a
 * single response object is reused and the session itself handles each exchange's events (no handler
 * object or closure per request).
 */
export class HttpSession implements ExchangeHandler {
  readonly #connections = new Map<string, Connection>();
  readonly #targets = new Map<string, ConnectTarget>();
  readonly #options: HttpClientOptions;
  readonly #response: HttpResponse = {
    status: 0,
    headers: '',
    setsCookies: false,
    body: undefined,
    errorCode: undefined,
    errorMessage: undefined,
    bodyFailed: false,
    protocol: undefined,
    tlsVersion: undefined,
    timings: emptyTimings(),
    bytesSent: 0,
    bytesReceived: 0,
  };
  #request: HttpRequest | undefined;
  #current: Connection | undefined;
  #resolve: ((response: HttpResponse) => void) | undefined;
  #signal: AbortSignal | undefined;
  #unsubscribe: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires (performance.now() ms). */
  #timerDueMs = 0;
  /** When the current request times out (performance.now() ms); Infinity when none is in flight. */
  #deadlineMs = Number.POSITIVE_INFINITY;
  #timeoutMs = 0;
  #settled = true;
  #retried = false;
  /** Set by close(): nothing more is sent, and a request cut by the close is not retried. */
  #closed = false;
  #keepBody = false;
  #chunks: Buffer[] | undefined;
  #keptBytes = 0;
  #dispatchedMs = 0;

  constructor(options: HttpClientOptions) {
    this.#options = options;
  }

  send(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    this.#resetResponse();
    this.#request = request;
    this.#keepBody = request.keepBody && request.method !== 'HEAD';
    this.#settled = false;
    this.#retried = false;
    this.#listenTo(signal);
    const done = new Promise<HttpResponse>((resolve) => {
      this.#resolve = resolve;
    });
    this.#dispatch();
    this.#armTimeout(request.timeoutMs);
    return done;
  }

  #dispatch(): void {
    if (this.#closed) {
      this.#current = undefined;
      this.#finish(new Error('the session is closed (its VU has finished)'));
      return;
    }
    const request = this.#request!;
    this.#chunks = undefined;
    this.#keptBytes = 0;
    this.#dispatchedMs = performance.now();
    let connection: Connection;
    try {
      connection = this.#connection(request.origin, this.#dispatchedMs);
    } catch (error) {
      this.#current = undefined;
      this.#finish(error as Error);
      return;
    }
    this.#current = connection;
    connection.exchange(this, request, this.#dispatchedMs);
  }

  // The connection's events for the current exchange.

  onResponseHead(status: number, headers: string, setsCookies: boolean): void {
    this.#response.status = status;
    this.#response.headers = headers;
    this.#response.setsCookies = setsCookies;
    if (this.#keepBody) this.#chunks = [];
  }

  onResponseBody(buf: Buffer, start: number, end: number): void {
    const chunks = this.#chunks;
    if (chunks === undefined) return;
    const length = end - start;
    if (this.#keptBytes + length > this.#options.maxResponseBodyBytes) {
      // Checks need this body and it does not fit: the transfer stops here rather than be cut silently.
      this.#chunks = undefined;
      this.#abortCurrent(
        new CodedRequestError(
          ErrorCode.responseTooLarge,
          `the response body is larger than maxResponseBodySize (${this.#options.maxResponseBodyBytes} bytes), so checks could not read it; raise target.maxResponseBodySize`,
        ),
      );
      return;
    }
    // The read buffer is shared and reused: keep a copy.
    const copy = Buffer.allocUnsafe(length);
    buf.copy(copy, 0, start, end);
    chunks.push(copy);
    this.#keptBytes += length;
  }

  onExchangeEnd(error: Error | undefined): void {
    if (error !== undefined && this.#worthRetrying(error)) {
      // A reused keep-alive connection the server had already closed: k6 (Go) retries these too.
      this.#retried = true;
      this.#resetResponse();
      this.#dispatch();
      return;
    }
    this.#finish(error);
  }

  /** The server dropped an idle connection as the request went out: nothing of a response came back. */
  #worthRetrying(error: Error): boolean {
    const connection = this.#current;
    if (this.#retried || this.#settled || this.#closed || !connection || this.#signal?.aborted) return false;
    // HTTP/2 says when a request was never processed (GOAWAY, REFUSED_STREAM): safe for any method.
    if ((error as { unprocessed?: unknown }).unprocessed === true) return true;
    if (connection.fresh || connection.completedExchanges === 0 || connection.bytesReceived > 0) return false;
    const code = (error as { code?: unknown }).code;
    return (
      idempotentMethods.has(this.#request!.method) &&
      (code === 'FPT_CONNECTION_CLOSED' || code === 'ECONNRESET' || code === 'EPIPE')
    );
  }

  #finish(error: Error | undefined): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#deadlineMs = Number.POSITIVE_INFINITY;
    const response = this.#response;
    const timings = response.timings;
    const connection = this.#current;
    if (connection === undefined) {
      Object.assign(timings, emptyTimings());
    } else {
      const endMs = connection.endMs > 0 ? connection.endMs : performance.now();
      if (connection.fresh) {
        timings.connectingMs = Math.max(0, connection.tcpConnectedMs - connection.connectStartMs);
        timings.tlsHandshakingMs =
          connection.tlsConnectedMs > 0
            ? Math.max(0, connection.tlsConnectedMs - connection.tcpConnectedMs)
            : 0;
      } else {
        timings.connectingMs = 0;
        timings.tlsHandshakingMs = 0;
      }
      const waitedMs = connection.connectedMs - this.#dispatchedMs;
      timings.blockedMs = Math.max(0, waitedMs - timings.connectingMs - timings.tlsHandshakingMs);
      timings.sendingMs = Math.max(0, connection.sentMs - connection.connectedMs);
      if (connection.firstByteMs > 0) {
        timings.waitingMs = Math.max(0, connection.firstByteMs - connection.sentMs);
        timings.receivingMs = Math.max(0, endMs - connection.firstByteMs);
      } else {
        timings.waitingMs = Math.max(0, endMs - connection.sentMs);
        timings.receivingMs = 0;
      }
      timings.durationMs = timings.sendingMs + timings.waitingMs + timings.receivingMs;
      response.bytesSent = connection.bytesSent;
      response.bytesReceived = connection.bytesReceived;
      response.protocol = connection.protocol;
      response.tlsVersion = connection.tlsVersion;
    }
    if (error !== undefined) {
      response.status = 0;
      response.headers = '';
      response.setsCookies = false;
      const failure = classifyNetworkError(error);
      response.errorCode = failure.code;
      response.errorMessage = failure.message;
    } else {
      response.errorCode = errorCodeForStatus(response.status);
      const chunks = this.#chunks;
      if (chunks)
        this.#storeBody(response, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.#keptBytes));
    }
    this.#request = undefined;
    const resolve = this.#resolve;
    this.#resolve = undefined;
    resolve?.(response);
  }

  /** Keeps the body for checks, decoded when the server compressed it; an undecodable body fails the request. */
  #storeBody(response: HttpResponse, body: Buffer): void {
    const encoding = response.headers === '' ? undefined : findHeader(response.headers, 'content-encoding');
    if (encoding === undefined) {
      response.body = body;
      return;
    }
    try {
      response.body = decodeBody(body, encoding, this.#options.maxResponseBodyBytes);
    } catch (error) {
      const failure = classifyNetworkError(error);
      response.errorCode = failure.code;
      response.errorMessage = failure.message;
      response.bodyFailed = true;
    }
  }

  #abortCurrent(reason: Error): void {
    if (this.#settled) return;
    if (this.#current) this.#current.abort(reason);
    else this.#finish(reason);
  }

  readonly #onSignal = () => {
    const reason = this.#signal?.reason;
    this.#abortCurrent(reason instanceof Error ? reason : new Error('iteration interrupted'));
  };

  /** Listens to the iteration's signal once per signal, not once per request. */
  #listenTo(signal: AbortSignal | undefined): void {
    if (signal === this.#signal) return;
    this.#unsubscribe?.();
    this.#signal = signal;
    this.#unsubscribe = signal ? onAbort(signal, this.#onSignal) : undefined;
  }

  /**
   * The request must end by dispatch + timeout. One lazy timer per session serves every request: a request
   * only moves the deadline, and the timer, when it fires early for a later request, waits out the rest.
   * Re-arming a timer per request would cost a timer-list update for each one; it is only re-armed when a
   * request has a shorter timeout than the pending timer allows.
   */
  #armTimeout(timeoutMs: number): void {
    if (this.#settled) return;
    this.#timeoutMs = timeoutMs;
    this.#deadlineMs = this.#dispatchedMs + timeoutMs;
    if (this.#timer !== undefined && this.#timerDueMs <= this.#deadlineMs) return;
    clearTimeout(this.#timer);
    this.#startTimer(this.#deadlineMs - performance.now());
  }

  #startTimer(delayMs: number): void {
    const waitMs = Math.max(1, Math.ceil(delayMs));
    this.#timerDueMs = performance.now() + waitMs;
    this.#timer = setTimeout(this.#onTimer, waitMs);
    this.#timer.unref();
  }

  readonly #onTimer = () => {
    this.#timer = undefined;
    if (this.#settled) return;
    const leftMs = this.#deadlineMs - performance.now();
    if (leftMs > 0) this.#startTimer(leftMs);
    else this.#abortCurrent(new RequestTimeoutError(this.#timeoutMs));
  };

  /** A request that could not even be sent (an invalid URL): measured as a failure with zero timings. */
  failWithoutSending(errorCode: number, message: string): HttpResponse {
    const response = this.#resetResponse();
    response.errorCode = errorCode;
    response.errorMessage = message;
    Object.assign(response.timings, emptyTimings());
    return response;
  }

  /** Drops every connection (k6's noVUConnectionReuse, between iterations); the next request connects anew. */
  dropConnections(): void {
    for (const connection of this.#connections.values()) connection.close();
    this.#connections.clear();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#unsubscribe?.();
    for (const connection of this.#connections.values()) connection.close();
    this.#connections.clear();
  }

  #resetResponse(): HttpResponse {
    const response = this.#response;
    response.status = 0;
    response.headers = '';
    response.setsCookies = false;
    response.body = undefined;
    response.errorCode = undefined;
    response.errorMessage = undefined;
    response.bodyFailed = false;
    response.protocol = undefined;
    response.tlsVersion = undefined;
    response.bytesSent = 0;
    response.bytesReceived = 0;
    return response;
  }

  /** The origin's connection, or a new one when there is none or the old one can no longer be used. */
  #connection(origin: string, nowMs: number): Connection {
    const existing = this.#connections.get(origin);
    if (existing?.usableAt(nowMs)) return existing;
    existing?.close();
    let target = this.#targets.get(origin);
    if (target === undefined) {
      target = connectTargetOf(origin, this.#options);
      this.#targets.set(origin, target);
    }
    const mode = this.#options.http;
    // HTTP/2 by the server's choice needs TLS (ALPN); cleartext HTTP/2 only when the preset asks for it,
    // and never through a proxy that forwards requests (it speaks HTTP/1.1 to us).
    const connection =
      mode === HttpVersionMode.http2
        ? new Http2Connection(target)
        : target.tls && mode === HttpVersionMode.auto
          ? new Http1Connection(target, this.#onHttp2Negotiated)
          : new Http1Connection(target);
    this.#connections.set(origin, connection);
    return connection;
  }

  /** The TLS handshake of a new connection chose h2: the exchange goes on over HTTP/2 on the same socket. */
  readonly #onHttp2Negotiated = (socket: TLSSocket, from: Http1Connection, request: ExchangeRequest) => {
    const target = this.#targets.get((request as HttpRequest).origin)!;
    const connection = Http2Connection.adopt(target, socket, from);
    this.#connections.set((request as HttpRequest).origin, connection);
    this.#current = connection;
    connection.exchange(this, request, this.#dispatchedMs);
  };
}
