/** A request that cannot be written as HTTP/1.1 (a header value with a line break, say): nothing is sent. */
export class InvalidRequestError extends Error {
  readonly code = 'FPT_INVALID_REQUEST';
  constructor(problem: string) {
    super(problem);
    this.name = 'InvalidRequestError';
  }
}

/** Methods whose requests carry a body by convention: without one they say `content-length: 0`. */
const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const unsafeValuePattern = /[\r\n\0]/;
const unsafePathPattern = /[\s\0]/;

/**
 * The request line and headers of one HTTP/1.1 request, as latin1 text. `headers` is the flat
 * [name, value, ...] list; a `host` among them replaces the one derived from the origin. A body's length is
 * declared with content-length (the only framing FPT sends). Throws InvalidRequestError rather than write
 * a header that would split the request.
 */
export function encodeRequestHead(
  method: string,
  path: string,
  hostHeader: string,
  headers: readonly string[],
  bodyBytes: number | undefined,
): string {
  if (!tokenPattern.test(method)) throw new InvalidRequestError(`invalid HTTP method "${method}"`);
  if (unsafePathPattern.test(path) || path === '')
    throw new InvalidRequestError(`invalid request path "${path}" (spaces and line breaks must be encoded)`);
  let lines = '';
  let host = hostHeader;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = headers[i]!;
    const value = headers[i + 1]!;
    if (!tokenPattern.test(name)) throw new InvalidRequestError(`invalid header name "${name}"`);
    if (unsafeValuePattern.test(value))
      throw new InvalidRequestError(
        `header ${name} has a line break or NUL in its value; remove it or encode it`,
      );
    const lower = name.length === 4 || name.length === 14 ? name.toLowerCase() : '';
    if (lower === 'host') host = value;
    // FPT frames the body itself; a declared length that disagreed would corrupt the connection.
    else if (lower !== 'content-length') lines += `${name}: ${value}\r\n`;
  }
  const length =
    bodyBytes !== undefined
      ? `content-length: ${bodyBytes}\r\n`
      : bodyMethods.has(method)
        ? 'content-length: 0\r\n'
        : '';
  return `${method} ${path} HTTP/1.1\r\nhost: ${host}\r\n${lines}${length}\r\n`;
}

/**
 * Remembers the last head a connection wrote: a VU usually sends the same request again and again, and
 * then the encoded bytes are reused instead of rebuilt and re-validated. Keyed on the header list's
 * identity (constant header lists are shared arrays) and the values that vary.
 */
export class RequestHeadCache {
  #method = '';
  #path = '';
  #headers: readonly string[] | undefined;
  #bodyBytes: number | undefined;
  #bytes: Buffer | undefined;

  encode(
    method: string,
    path: string,
    hostHeader: string,
    headers: readonly string[],
    bodyBytes: number | undefined,
  ): Buffer {
    if (
      this.#bytes !== undefined &&
      headers === this.#headers &&
      path === this.#path &&
      method === this.#method &&
      bodyBytes === this.#bodyBytes
    )
      return this.#bytes;
    const bytes = Buffer.from(encodeRequestHead(method, path, hostHeader, headers, bodyBytes), 'latin1');
    this.#method = method;
    this.#path = path;
    this.#headers = headers;
    this.#bodyBytes = bodyBytes;
    this.#bytes = bytes;
    return bytes;
  }
}
