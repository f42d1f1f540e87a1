import type { OutgoingHttpHeaders } from 'node:http2';
import type { ExchangeRequest } from './exchange-request.js';
import { InvalidRequestError } from './http1-request-head.js';

/**
 * Headers that only mean something to one HTTP/1.1 connection; HTTP/2 forbids them (RFC 9113 §8.2.2), so a
 * preset written for HTTP/1.1 still works: they are left out, as Go's client leaves them out.
 */
const connectionSpecific = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
]);
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const unsafeValuePattern = /[\x00-\x08\x0a-\x1f\x7f]/;
const nonAscii = /[^\x00-\x7f]/;

/**
 * The header list of one HTTP/2 request: pseudo-headers first, names in lower case (HTTP/2 requires it),
 * a preset's Host as :authority, one Cookie (the preset's own, then the jar's), the body's length.
 * Values are sent as their UTF-8 bytes, as over HTTP/1.1.
 */
export function http2RequestHeaders(
  request: ExchangeRequest,
  scheme: 'http' | 'https',
  authority: string,
  bodyBytes: number | undefined,
): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    ':method': request.method,
    ':path': request.path,
    ':scheme': scheme,
    ':authority': authority,
  };
  if (!tokenPattern.test(request.method))
    throw new InvalidRequestError(`invalid HTTP method "${request.method}"`);
  let cookie = request.cookie;
  const list = request.headers;
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name = list[i]!.toLowerCase();
    const value = list[i + 1]!;
    if (!tokenPattern.test(name)) throw new InvalidRequestError(`invalid header name "${list[i]}"`);
    if (unsafeValuePattern.test(value))
      throw new InvalidRequestError(
        `header ${list[i]} has a character a header cannot carry (a line break or another control character); remove it or encode it`,
      );
    if (connectionSpecific.has(name) || name === 'content-length') continue;
    if (name === 'te' && value.toLowerCase() !== 'trailers') continue;
    if (name === 'host') {
      headers[':authority'] = value;
      continue;
    }
    if (name === 'cookie') {
      cookie = cookie === undefined ? value : `${value}; ${cookie}`;
      continue;
    }
    const wire = asWireString(value);
    const existing = headers[name];
    if (existing === undefined) headers[name] = wire;
    else headers[name] = Array.isArray(existing) ? [...existing, wire] : [String(existing), wire];
  }
  if (cookie !== undefined) headers.cookie = asWireString(cookie);
  if (bodyBytes !== undefined) headers['content-length'] = bodyBytes;
  else if (request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH')
    headers['content-length'] = 0;
  return headers;
}

/**
 * node:http2 writes each character of a header value as one byte (latin1); a value with other characters
 * is handed over as the string of its UTF-8 bytes, so the wire carries UTF-8.
 */
function asWireString(value: string): string {
  return nonAscii.test(value) ? Buffer.from(value, 'utf8').toString('latin1') : value;
}
