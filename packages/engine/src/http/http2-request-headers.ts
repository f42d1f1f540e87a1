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
const unsafePathPattern = /[\s\0]/;
const unsafeValuePattern = /[\x00-\x08\x0a-\x1f\x7f]/;
const nonAscii = /[^\x00-\x7f]/;

/**
 * The header list of one HTTP/2 request as [name, value, ...]: pseudo-headers first, names in lower case
 * (HTTP/2 requires it), a preset's Host as :authority, one Cookie (the preset's own, then the jar's), the
 * body's length. Values are one byte per character, holding their UTF-8 bytes, as over HTTP/1.1.
 */
export function http2RequestHeaders(
  request: ExchangeRequest,
  scheme: 'http' | 'https',
  authority: string,
  bodyBytes: number | undefined,
): string[] {
  if (!tokenPattern.test(request.method))
    throw new InvalidRequestError(`invalid HTTP method "${request.method}"`);
  if (unsafePathPattern.test(request.path) || request.path === '')
    throw new InvalidRequestError(
      `invalid request path "${request.path}" (spaces and line breaks must be encoded)`,
    );
  const fields = [
    ':method',
    request.method,
    ':scheme',
    scheme,
    ':authority',
    authority,
    ':path',
    request.path,
  ];
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
      fields[5] = asWireString(value);
      continue;
    }
    if (name === 'cookie') {
      cookie = cookie === undefined ? value : `${value}; ${cookie}`;
      continue;
    }
    fields.push(name, asWireString(value));
  }
  if (cookie !== undefined) fields.push('cookie', asWireString(cookie));
  if (bodyBytes !== undefined) fields.push('content-length', String(bodyBytes));
  else if (request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH')
    fields.push('content-length', '0');
  return fields;
}

/** Header blocks hold one byte per character: a value with other characters becomes its UTF-8 bytes. */
function asWireString(value: string): string {
  return nonAscii.test(value) ? Buffer.from(value, 'utf8').toString('latin1') : value;
}
