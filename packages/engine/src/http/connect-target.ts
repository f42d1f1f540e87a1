import { isIP } from 'node:net';
import type { SecureContext } from 'node:tls';
import type { AddressPicker } from './address-picker.js';
import type { HttpClientOptions } from './http-client-options.js';
import { InvalidRequestError } from './http1-request-head.js';
import type { ProxyRoute } from './proxy-settings.js';

/** Where the connections of one origin go and how, worked out once per origin. */
export interface ConnectTarget {
  /** scheme://host:port, for messages. */
  readonly origin: string;
  /** The host to resolve and connect to (IPv6 without brackets). */
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** TLS server name (SNI); undefined for IP addresses. */
  readonly servername: string | undefined;
  /** The Host header (and HTTP/2 :authority): host, and port when it is not the scheme's default. */
  readonly hostHeader: string;
  readonly secureContext: SecureContext | undefined;
  readonly rejectUnauthorized: boolean;
  /** The proxy the connections go through, if any. */
  readonly proxy: ProxyRoute | undefined;
  readonly addresses: AddressPicker;
  readonly nextLocalAddress: () => string | undefined;
}

/** The connect target of an origin ("http://host:port"); throws for anything but http and https. */
export function connectTargetOf(origin: string, options: HttpClientOptions): ConnectTarget {
  const url = new URL(origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidRequestError(`unsupported URL scheme "${url.protocol}" in ${origin}: use http or https`);
  const tls = url.protocol === 'https:';
  // URL keeps the brackets of an IPv6 literal in hostname; connect() wants the bare address.
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return {
    origin,
    host,
    port: url.port === '' ? (tls ? 443 : 80) : Number(url.port),
    tls,
    servername: tls && isIP(host) === 0 ? host : undefined,
    hostHeader: url.host,
    secureContext: tls ? options.tls.contextFor(host) : undefined,
    rejectUnauthorized: options.tls.rejectUnauthorized,
    proxy: options.proxyFor(url),
    addresses: options.addresses,
    nextLocalAddress: options.nextLocalAddress,
  };
}
