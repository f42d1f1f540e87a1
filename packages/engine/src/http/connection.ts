import type { ExchangeRequest } from './exchange-request.js';

/** The protocol a response came over: k6's `proto` tag values. */
export const HttpProtocol = { http1: 'HTTP/1.1', http2: 'HTTP/2.0' } as const;
export type HttpProtocol = (typeof HttpProtocol)[keyof typeof HttpProtocol];

/** Receives one exchange's response; exactly one onExchangeEnd per exchange. */
export interface ExchangeHandler {
  onResponseHead(status: number, headers: string, setsCookies: boolean): void;
  /** Body bytes at buf[start, end); the buffer may be reused after the call (copy what you keep). */
  onResponseBody(buf: Buffer, start: number, end: number): void;
  onExchangeEnd(error: Error | undefined): void;
}

/**
 * One connection of a VU to one origin, over HTTP/1.1 or HTTP/2, one request at a time. Its public fields
 * are the moments of the current exchange (performance.now() ms), read by the session once the exchange
 * ends, so that both protocols report the same phases.
 */
export interface Connection {
  /** The protocol the connection speaks, once it is open (undefined before: a failed connect has none). */
  readonly protocol: HttpProtocol | undefined;
  /** The negotiated TLS version as k6 tags it ("tls1.3"), or undefined for plain TCP. */
  readonly tlsVersion: string | undefined;
  /** Exchanges completed on this connection: a failure on a reused one may be a keep-alive race. */
  readonly completedExchanges: number;
  /** True when the current exchange opened the connection (connect and TLS times belong to it). */
  readonly fresh: boolean;
  readonly connectStartMs: number;
  readonly tcpConnectedMs: number;
  /** 0 without TLS. */
  readonly tlsConnectedMs: number;
  /** When the request could be written: the connection was ready (or the request was dispatched on a ready one). */
  readonly connectedMs: number;
  readonly sentMs: number;
  /** The final response's head arrived; 0 when none did. */
  readonly firstByteMs: number;
  readonly endMs: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  /** Whether a new exchange may go over this connection at `nowMs`. */
  usableAt(nowMs: number): boolean;
  /** Sends one request; the handler hears about the response. */
  exchange(handler: ExchangeHandler, request: ExchangeRequest, nowMs: number): void;
  /** Ends the current exchange with `reason` (a timeout, an interrupted iteration). */
  abort(reason: Error): void;
  close(): void;
}
