import type { SecureContext } from 'node:tls';
import type { AddressPicker } from './address-picker.js';
import type { ProxyRoute } from './proxy-settings.js';

/** Which protocol a connection speaks: the server's choice by ALPN, or one forced by the preset. */
export const HttpVersionMode = { auto: 'auto', http1: 'http1', http2: 'http2' } as const;
export type HttpVersionMode = (typeof HttpVersionMode)[keyof typeof HttpVersionMode];

/** When a VU's connections are dropped: never (k6's default), between iterations, or after every request. */
export type ConnectionReuse = 'vu' | 'iteration' | 'off';

/** TLS settings of a run, resolved once: a secure context per client certificate, built ahead of any connect. */
export interface TlsSettings {
  readonly rejectUnauthorized: boolean;
  /** The context for a host: CA, client certificate (chosen by host name) and versions. */
  contextFor(hostname: string): SecureContext | undefined;
}

/** How a VU's HTTP client connects, the same for every request of a scenario. */
export interface HttpClientOptions {
  readonly http: HttpVersionMode;
  readonly tls: TlsSettings;
  /** The proxy for an origin, or undefined to connect directly. */
  readonly proxyFor: (url: URL) => ProxyRoute | undefined;
  /** Resolves names and picks the address each new connection uses. */
  readonly addresses: AddressPicker;
  /** The source address of the next new connection (target.localAddresses in turn); undefined: the system's choice. */
  readonly nextLocalAddress: () => string | undefined;
  readonly connectionReuse: ConnectionReuse;
  /** A body larger than this (after decoding) fails the request with error 1040. */
  readonly maxResponseBodyBytes: number;
}
