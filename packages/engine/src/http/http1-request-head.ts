/** A request that cannot be written as HTTP/1.1 (a header value with a line break, say): nothing is sent. */
export class InvalidRequestError extends Error {
  readonly code = 'FPT_INVALID_REQUEST';
  constructor(problem: string) {
    super(problem);
    this.name = 'InvalidRequestError';
  }
}

/** What goes into a request's head. */
export interface RequestHeadParts {
  readonly method: string;
  /** Path with query string. */
  readonly path: string;
  /** Flat [name, value, ...] list. */
  readonly headers: readonly string[];
  /** The cookie jar's cookies ("a=1; b=2"), merged with a Cookie header of the preset's own. */
  readonly cookie?: string | undefined;
}

/** Methods whose requests carry a body by convention: without one they say `content-length: 0`. */
const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/**
 * What a header value may hold (RFC 9110 field-value: tab, visible ASCII, obs-text). Anything else is
 * refused: line breaks would split the request, and characters above U+00FF would lose their high byte in
 * the latin1 encoding of the head — "Ċ" (U+010A) would become a bare LF.
 */
const unsafeValuePattern = /[^\t\x20-\x7e\x80-\xff]/;
/** Headers that frame or change the connection: FPT's client sends its own framing and does not upgrade. */
const refusedHeaders = new Set(['transfer-encoding', 'upgrade', 'expect']);
const unsafePathPattern = /[\s\0]/;

/**
 * The request line and headers of one HTTP/1.1 request, as latin1 text. A `host` among the headers
 * replaces the one derived from the origin. A body's length is declared with content-length (the only
 * framing FPT sends). Throws InvalidRequestError rather than write a header that would split the request.
 */
export function encodeRequestHead(
  request: RequestHeadParts,
  hostHeader: string,
  bodyBytes: number | undefined,
): string {
  const { method, path, headers } = request;
  if (!tokenPattern.test(method)) throw new InvalidRequestError(`invalid HTTP method "${method}"`);
  if (unsafePathPattern.test(path) || path === '')
    throw new InvalidRequestError(`invalid request path "${path}" (spaces and line breaks must be encoded)`);
  let lines = '';
  let host = hostHeader;
  let cookie = request.cookie;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = headers[i]!;
    const value = headers[i + 1]!;
    if (!tokenPattern.test(name)) throw new InvalidRequestError(`invalid header name "${name}"`);
    if (unsafeValuePattern.test(value))
      throw new InvalidRequestError(
        `header ${name} has a character a header cannot carry (a line break, a control character, or one above U+00FF); remove it or encode it (for example with encodeURIComponent in the data)`,
      );
    const lower = name.toLowerCase();
    if (refusedHeaders.has(lower))
      throw new InvalidRequestError(
        `header ${name} is not supported: FPT frames request bodies with content-length itself; remove it from the preset`,
      );
    if (lower === 'host') host = value;
    // One Cookie header (RFC 6265 §5.4): the preset's own cookies first, then the jar's.
    else if (lower === 'cookie') cookie = cookie === undefined ? value : `${value}; ${cookie}`;
    // FPT frames the body itself; a declared length that disagreed would corrupt the connection.
    else if (lower !== 'content-length') lines += `${name}: ${value}\r\n`;
  }
  if (cookie !== undefined) {
    if (unsafeValuePattern.test(cookie))
      throw new InvalidRequestError(
        'a cookie has a character a header cannot carry (a line break, a control character, or one above U+00FF)',
      );
    lines += `cookie: ${cookie}\r\n`;
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
  #cookie: string | undefined;
  #bodyBytes: number | undefined;
  #bytes: Buffer | undefined;

  encode(request: RequestHeadParts, hostHeader: string, bodyBytes: number | undefined): Buffer {
    if (
      this.#bytes !== undefined &&
      request.headers === this.#headers &&
      request.path === this.#path &&
      request.method === this.#method &&
      request.cookie === this.#cookie &&
      bodyBytes === this.#bodyBytes
    )
      return this.#bytes;
    const bytes = Buffer.from(encodeRequestHead(request, hostHeader, bodyBytes), 'latin1');
    this.#method = request.method;
    this.#path = request.path;
    this.#headers = request.headers;
    this.#cookie = request.cookie;
    this.#bodyBytes = bodyBytes;
    this.#bytes = bytes;
    return bytes;
  }
}
