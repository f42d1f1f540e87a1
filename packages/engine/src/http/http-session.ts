import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { buildConnector, Client } from 'undici';
import { onAbort } from '../abort-fanout.js';
import { errorCodeFor, errorCodeForStatus, RequestTimeoutError } from './error-codes.js';
import { emptyTimings, type HttpTimings } from './http-timings.js';

export interface HttpRequest {
  /** scheme://host:port */
  readonly origin: string;
  /** Path with query string. */
  readonly path: string;
  readonly method: string;
  /** Flat [name, value, name, value, ...] list, as undici takes it without copying. */
  readonly headers: string[];
  readonly body?: string | Buffer;
  readonly timeoutMs: number;
  /** Keep the body for checks and captures; otherwise it is counted and dropped. */
  readonly keepBody: boolean;
}

/** One response (or failure). Reused by the session for every request: read it before sending the next one. */
export interface HttpResponse {
  status: number;
  /** Raw header list as undici delivers it: name, value, name, value as Buffers. */
  rawHeaders: Buffer[];
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

interface Connection {
  readonly client: Client;
  socket: Socket | undefined;
  /** Set by the connector when this connection was (re)established, consumed by the next request. */
  connectStartMs: number;
  tcpConnectedMs: number;
  tlsConnectedMs: number;
  freshConnection: boolean;
  lastBytesRead: number;
  lastBytesWritten: number;
}

const defaultMaxKeptBodyBytes = 8 * 1024 * 1024;

/**
 * One VU's HTTP connections: a single-connection undici Client per origin, as each k6 VU has its own
 * connections. One request at a time per session, so a single response object is reused.
 */
export class HttpSession {
  readonly #connections = new Map<string, Connection>();
  readonly #options: HttpSessionOptions;
  readonly #response: HttpResponse = {
    status: 0,
    rawHeaders: [],
    body: undefined,
    errorCode: undefined,
    errorMessage: undefined,
    timings: emptyTimings(),
    bytesSent: 0,
    bytesReceived: 0,
  };

  readonly #dispatchOptions = {
    origin: '',
    path: '',
    method: 'GET',
    headers: [] as string[],
    body: undefined as string | Buffer | undefined,
  };
  #current: Connection | undefined;
  #resolve: ((response: HttpResponse) => void) | undefined;
  #abortRequest: ((reason?: Error) => void) | undefined;
  #pendingAbort: Error | undefined;
  #signal: AbortSignal | undefined;
  #unsubscribe: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #timerMs = 0;
  #timeoutArmed = false;
  #settled = true;
  #keepBody = false;
  #chunks: Buffer[] | undefined;
  #keptBytes = 0;
  #dispatchedMs = 0;
  #connectedMs = 0;
  #sentMs = 0;
  #headersMs = 0;

  constructor(options: HttpSessionOptions) {
    this.#options = options;
  }

  send(request: HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
    const connection = this.#connection(request.origin);
    this.#resetResponse();
    connection.freshConnection = false;
    this.#current = connection;
    this.#keepBody = request.keepBody && request.method !== 'HEAD';
    this.#chunks = undefined;
    this.#keptBytes = 0;
    this.#abortRequest = undefined;
    this.#pendingAbort = undefined;
    this.#settled = false;
    this.#headersMs = 0;
    this.#listenTo(signal);
    this.#armTimeout(request.timeoutMs);
    const done = new Promise<HttpResponse>((resolve) => {
      this.#resolve = resolve;
    });
    const options = this.#dispatchOptions;
    options.origin = request.origin;
    options.path = request.path;
    options.method = request.method;
    options.headers = request.headers;
    options.body = request.body;
    this.#dispatchedMs = performance.now();
    this.#connectedMs = this.#dispatchedMs;
    this.#sentMs = this.#dispatchedMs;
    try {
      // The session itself is the undici handler: one request at a time, so no handler object per request.
      connection.client.dispatch(options as never, this as never);
    } catch (error) {
      this.onError(error as Error);
    }
    return done;
  }

  // undici's handler callbacks (the classic API, which also reports onRequestSent for the sending phase).

  onConnect(abort: (reason?: Error) => void): void {
    this.#abortRequest = abort;
    this.#connectedMs = performance.now();
    if (this.#pendingAbort) abort(this.#pendingAbort);
  }

  onRequestSent(): void {
    this.#sentMs = performance.now();
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.#headersMs = performance.now();
    if (this.#sentMs === this.#dispatchedMs) this.#sentMs = this.#headersMs;
    this.#response.status = statusCode;
    this.#response.rawHeaders = rawHeaders;
    if (this.#keepBody) this.#chunks = [];
    return true;
  }

  onData(chunk: Buffer): boolean {
    const maxKept = this.#options.maxKeptBodyBytes ?? defaultMaxKeptBodyBytes;
    if (this.#chunks && this.#keptBytes + chunk.length <= maxKept) {
      this.#chunks.push(chunk);
      this.#keptBytes += chunk.length;
    }
    return true;
  }

  onComplete(): void {
    this.#finish(undefined);
  }

  onError(error: Error): void {
    this.#finish(error);
  }

  onUpgrade(): void {
    this.#finish(new Error('unexpected protocol upgrade'));
  }

  #finish(error: Error | undefined): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#timeoutArmed = false;
    const connection = this.#current!;
    const response = this.#response;
    const endMs = performance.now();
    const timings = response.timings;
    const waitedMs = this.#connectedMs - this.#dispatchedMs;
    if (connection.freshConnection) {
      timings.connectingMs = Math.max(0, connection.tcpConnectedMs - connection.connectStartMs);
      timings.tlsHandshakingMs =
        connection.tlsConnectedMs > 0
          ? Math.max(0, connection.tlsConnectedMs - connection.tcpConnectedMs)
          : 0;
    } else {
      timings.connectingMs = 0;
      timings.tlsHandshakingMs = 0;
    }
    timings.blockedMs = Math.max(0, waitedMs - timings.connectingMs - timings.tlsHandshakingMs);
    timings.sendingMs = Math.max(0, this.#sentMs - this.#connectedMs);
    if (this.#headersMs > 0) {
      timings.waitingMs = this.#headersMs - this.#sentMs;
      timings.receivingMs = endMs - this.#headersMs;
    } else {
      timings.waitingMs = Math.max(0, endMs - this.#sentMs);
      timings.receivingMs = 0;
    }
    timings.durationMs = timings.sendingMs + timings.waitingMs + timings.receivingMs;
    const socket = connection.socket;
    if (socket) {
      response.bytesSent = socket.bytesWritten - connection.lastBytesWritten;
      response.bytesReceived = socket.bytesRead - connection.lastBytesRead;
      connection.lastBytesWritten = socket.bytesWritten;
      connection.lastBytesRead = socket.bytesRead;
    }
    if (error !== undefined) {
      response.status = 0;
      response.errorCode = errorCodeFor(error);
      response.errorMessage = describeError(error);
    } else {
      response.errorCode = errorCodeForStatus(response.status);
      const chunks = this.#chunks;
      if (chunks) response.body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.#keptBytes);
    }
    this.#resolve?.(response);
  }

  #abortCurrent(reason: Error): void {
    if (this.#settled) return;
    if (this.#abortRequest) this.#abortRequest(reason);
    else this.#pendingAbort = reason;
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
   * One timer per session, re-armed with refresh() for each request instead of a new timer per request;
   * when it fires after its request finished, it does nothing.
   */
  #armTimeout(timeoutMs: number): void {
    this.#timeoutArmed = true;
    if (this.#timer && this.#timerMs === timeoutMs) {
      this.#timer.refresh();
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timerMs = timeoutMs;
    this.#timer = setTimeout(() => {
      if (this.#timeoutArmed) this.#abortCurrent(new RequestTimeoutError(timeoutMs));
    }, timeoutMs);
    this.#timer.unref();
  }

  /** A request that could not even be sent (an invalid URL): measured as a failure with zero timings. */
  failWithoutSending(errorCode: number, message: string): HttpResponse {
    const response = this.#resetResponse();
    response.errorCode = errorCode;
    response.errorMessage = message;
    Object.assign(response.timings, emptyTimings());
    return response;
  }

  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#unsubscribe?.();
    const clients = [...this.#connections.values()].map((c) => c.client);
    this.#connections.clear();
    await Promise.allSettled(clients.map((client) => client.destroy()));
  }

  #resetResponse(): HttpResponse {
    const response = this.#response;
    response.status = 0;
    response.rawHeaders = [];
    response.body = undefined;
    response.errorCode = undefined;
    response.errorMessage = undefined;
    response.bytesSent = 0;
    response.bytesReceived = 0;
    return response;
  }

  #connection(origin: string): Connection {
    const existing = this.#connections.get(origin);
    if (existing) return existing;
    const baseConnector = buildConnector({ rejectUnauthorized: !this.#options.insecureSkipTLSVerify });
    // The connector is where a new connection begins, so it is where TCP and TLS times can be taken.
    const connection: Connection = {
      client: undefined as unknown as Client,
      socket: undefined,
      connectStartMs: 0,
      tcpConnectedMs: 0,
      tlsConnectedMs: 0,
      freshConnection: false,
      lastBytesRead: 0,
      lastBytesWritten: 0,
    };
    const connect: buildConnector.connector = (options, callback) => {
      connection.connectStartMs = performance.now();
      connection.tcpConnectedMs = connection.connectStartMs;
      connection.tlsConnectedMs = 0;
      connection.freshConnection = true;
      const socket = baseConnector(options, (error, connected) => {
        if (!error && connected) {
          const now = performance.now();
          if ((connected as TLSSocket).encrypted) connection.tlsConnectedMs = now;
          else connection.tcpConnectedMs = now;
          connection.socket = connected as Socket;
          connection.lastBytesRead = 0;
          connection.lastBytesWritten = 0;
        }
        callback(error, connected as never);
      });
      (socket as unknown as Socket).once?.('connect', () => {
        connection.tcpConnectedMs = performance.now();
      });
      return socket;
    };
    (connection as { client: Client }).client = new Client(origin, {
      connect,
      pipelining: 1,
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 600_000,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    this.#connections.set(origin, connection);
    return connection;
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message !== error.message
    ? `${error.message}: ${cause.message}`
    : error.message;
}

/** Finds one response header (case-insensitive) in undici's raw list without building an object. */
export function findHeader(rawHeaders: readonly Buffer[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const key = rawHeaders[i]!;
    if (key.length === wanted.length && key.toString('latin1').toLowerCase() === wanted)
      return rawHeaders[i + 1]!.toString('latin1');
  }
  return undefined;
}
