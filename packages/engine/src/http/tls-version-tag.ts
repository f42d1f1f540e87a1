import type { TLSSocket } from 'node:tls';

/** The negotiated TLS version as k6's `tls_version` tag writes it ("tls1.3"), or undefined. */
export function tlsVersionTag(socket: TLSSocket): string | undefined {
  const protocol = socket.getProtocol();
  if (!protocol) return undefined;
  // Node says "TLSv1.3" (and "TLSv1" for 1.0); k6 says "tls1.3" and "tls1.0".
  const version = protocol.replace(/^TLSv/, '');
  return `tls${version.includes('.') ? version : `${version}.0`}`;
}
