import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PeerAccess } from '../peers/peer.js';
import { PeerCallError, PeerCallErrorCode } from './peer-call-error.js';

/** Where a call goes: a base URL, and the Host header to send when it is not the URL's own host. */
export interface PeerRoute {
  readonly baseUrl: string;
  readonly host: string | null;
}

/** What a peer wants to see on every call: its token, and its Cloudflare Access service token if it has one. */
export interface PeerCredentials {
  readonly token: string | undefined;
  /** Its headers go with the call only when both values are set; null or absent: never. */
  readonly access?: PeerAccess | null;
}

/**
 * Opens a call to a peer with node:http/node:https, which (unlike fetch) may set the Host header: on a
 * private route the call goes to an internal address while the reverse proxy in front of the peer still
 * sees the public host name it routes by (and TLS gets it as the server name).
 */
export function openPeerRequest(
  route: PeerRoute,
  url: URL,
  method: string,
  headers: Readonly<Record<string, string>>,
  onResponse: (response: IncomingMessage) => void,
): ClientRequest {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return send(
    url,
    {
      method,
      headers,
      // TLS must ask for the public name too, or the proxy's certificate would not match.
      ...(route.host && url.protocol === 'https:' ? { servername: route.host.replace(/:\d+$/, '') } : {}),
    },
    onResponse,
  );
}

/** Host on a private route, the peer token and the Access service token: the headers of every call. */
export function peerHeaders(route: PeerRoute, credentials: PeerCredentials): Record<string, string> {
  const { token, access } = credentials;
  return {
    ...(route.host ? { host: route.host } : {}),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(access?.clientId && access.clientSecret
      ? { 'cf-access-client-id': access.clientId, 'cf-access-client-secret': access.clientSecret }
      : {}),
  };
}

/** A call's description in messages: method, origin, path and the Host header sent. */
export function describeCall(route: PeerRoute, method: string, url: URL, path: string): string {
  return `${method} ${url.origin}${path}${route.host ? ` (Host: ${route.host})` : ''}`;
}

/** A failed connection (refused, reset, no route, name not found) as the peer being unreachable. */
export function connectionFailure(where: string, error: NodeJS.ErrnoException): PeerCallError {
  return new PeerCallError(PeerCallErrorCode.unreachable, `${where}: ${error.code ?? error.message}`, {
    cause: error,
  });
}
