import { onAbort } from '../abort-fanout.js';
import { classifyNetworkError, errorCodeForStatus, RequestTimeoutError } from './error-codes.js';
import { emptyTimings, type HttpTimings } from './http-timings.js';
import { connectTargetOf, type ExchangeHandler, Http1Connection } from './http1-connection.js';

export interface HttpRequest {
  /** scheme://host:port */
  readonly origin: string;
  /** Path with query string. */
  readonly path: string;
  readonly method: string;
  /** Flat [name, value, name, value, ...] list; a constant list is the same array on every send. */
  readonly headers: readonly string[];
  /** The VU's cookies for this request (its cookie jar's Cookie header), if any. */
  readonly cookie?: string | undefined;
  readonly body?: string | Buffer;
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
  body: Buffer | undefined;
  errorCode: number | undefined;
  errorMessage: string | undefined;
  timings: HttpTimings;
  bytesSent: number;
  bytesReceived: number;
}

export interface HttpSessionOptions {
  readonly insecureSkipTLSVerify: boolean;
  /** Bodies larger than this are counted but not kept for checks (protects memory with many VUs). */
  readonly maxKeptBodyBytes?: number;
}

const defaultMaxKeptBodyBytes = 8 * 1024 * 1024;
const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/**
 * One VU's HTTP connections: one keep-alive HTTP/1.1 connection per origin, as each k6 VU has its own
 * connections. One request at a time per session, so a single response object is reused and the session
 * itself handles each exchange's events (no handler object or closure per request).
 */
export class HttpSession implements ExchangeHandler {
  readonly #connections = new Map<string, Http1Connection>();
  readonly #options: HttpSessionOptions;
  readonly #response: HttpResponse = {
    status: 0,
    headers: '',
    setsCookies: false,
    body: undefined,
    errorCode: undefined,
    errorMessage: undefined,
    timings: emptyTimings(),
    bytesSent: 0,
    bytesReceived: 0,
  };
  #request: HttpRequest | undefined;
  #current: Http1Connection | undefined;
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

  constructor(options: HttpSessionOptions) {
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
    let connection: Http1Connection;
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
    const maxKept = this.#options.maxKeptBodyBytes ?? defaultMaxKeptBodyBytes;
    const length = end - start;
    if (this.#chunks && this.#keptBytes + length <= maxKept) {
      // The read buffer is shared and reused: keep a copy.
      const copy = Buffer.allocUnsafe(length);
      buf.copy(copy, 0, start, end);
      this.#chunks.push(copy);
      this.#keptBytes += length;
    }
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
      if (chunks) response.body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.#keptBytes);
    }
    this.#request = undefined;
    const resolve = this.#resolve;
    this.#resolve = undefined;
    resolve?.(response);
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
    response.bytesSent = 0;
    response.bytesReceived = 0;
    return response;
  }

  /** The origin's connection, or a new one when there is none or the old one can no longer be used. */
  #connection(origin: string, nowMs: number): Http1Connection {
    const existing = this.#connections.get(origin);
    if (existing?.usableAt(nowMs)) return existing;
    existing?.close();
    const connection = new Http1Connection(connectTargetOf(origin, this.#options.insecureSkipTLSVerify));
    this.#connections.set(origin, connection);
    return connection;
  }
}
