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
  /** Flat [name, value, ...] list; names are sent as written. */
  readonly headers: readonly string[];
  /** The cookie jar's cookies ("a=1; b=2"), merged with a Cookie header of the preset's own. */
  readonly cookie?: string | undefined;
  /** Ask the server to close the connection after this response (keep-alive off). */
  readonly closeAfter?: boolean | undefined;
}

/** What a connection adds to every head it writes. */
export interface HeadFraming {
  /** The Host header: host, and port when it is not the scheme's default. */
  readonly hostHeader: string;
  /**
   * Written before the path in the request line: "http://host:port" when a proxy forwards the request
   * (absolute form), "" otherwise.
   */
  readonly targetPrefix: string;
  /** Header lines of the connection's own ("proxy-authorization: ...\r\n"), or "". */
  readonly extraLines: string;
}

/** Methods whose requests carry a body by convention: without one they say `content-length: 0`. */
const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);
const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/**
 * What a header value may not hold: control characters (a line break would split the request). Anything
 * else is sent as its UTF-8 bytes, as Go's client sends a Go string: "café" and "日本" go out as written.
 */
const unsafeValuePattern = /[\x00-\x08\x0a-\x1f\x7f]/;
/** Headers that frame or change the connection: FPT's client sends its own framing and does not upgrade. */
const refusedHeaders = new Set(['transfer-encoding', 'upgrade', 'expect']);
const unsafePathPattern = /[\s\0]/;

/**
 * The request line and headers of one HTTP/1.1 request, as text to be sent in UTF-8. A `host` among the
 * headers replaces the one derived from the origin. A body's length is declared with content-length (the
 * only framing FPT sends). Throws InvalidRequestError rather than write a header that would split the request.
 */
export function encodeRequestHead(
  request: RequestHeadParts,
  framing: HeadFraming,
  bodyBytes: number | undefined,
): string {
  const { method, path, headers } = request;
  if (!tokenPattern.test(method)) throw new InvalidRequestError(`invalid HTTP method "${method}"`);
  if (unsafePathPattern.test(path) || path === '')
    throw new InvalidRequestError(`invalid request path "${path}" (spaces and line breaks must be encoded)`);
  let lines = '';
  let host = framing.hostHeader;
  let cookie = request.cookie;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = headers[i]!;
    const value = headers[i + 1]!;
    if (!tokenPattern.test(name)) throw new InvalidRequestError(`invalid header name "${name}"`);
    if (unsafeValuePattern.test(value))
      throw new InvalidRequestError(
        `header ${name} has a character a header cannot carry (a line break or another control character); remove it or encode it (for example with encodeURIComponent in the data)`,
      );
    const lower = name.toLowerCase();
    if (refusedHeaders.has(lower))
      throw new InvalidRequestError(
        `header ${name} is not supported: FPT frames request bodies with content-length itself; remove it from the preset`,
      );
    if (lower === 'host') host = value;
    // One Cookie header (RFC 6265 §5.4): the preset's own cookies first, then the jar's.
    else if (lower === 'cookie') cookie = cookie === undefined ? value : `${value}; ${cookie}`;
    // FPT frames the body itself; a declared length that disagreed would corrupt the connection. Keep-alive
    // off is asked for below, once.
    else if (lower !== 'content-length' && !(lower === 'connection' && request.closeAfter))
      lines += `${name}: ${value}\r\n`;
  }
  if (cookie !== undefined) {
    if (unsafeValuePattern.test(cookie))
      throw new InvalidRequestError(
        'a cookie has a character a header cannot carry (a line break or another control character)',
      );
    lines += `cookie: ${cookie}\r\n`;
  }
  const length =
    bodyBytes !== undefined
      ? `content-length: ${bodyBytes}\r\n`
      : bodyMethods.has(method)
        ? 'content-length: 0\r\n'
        : '';
  const close = request.closeAfter ? 'connection: close\r\n' : '';
  return `${method} ${framing.targetPrefix}${path} HTTP/1.1\r\nhost: ${host}\r\n${framing.extraLines}${lines}${close}${length}\r\n`;
}

/**
 * Remembers the last head a connection wrote: a VU usually sends the same request again and again, and
 * then the encoded bytes are reused instead of rebuilt and re-validated. Keyed on the header list's
 * identity (constant header lists are shared arrays) and the values that vary.
 */
export class RequestHeadCache {
  readonly #framing: HeadFraming;
  #method = '';
  #path = '';
  #headers: readonly string[] | undefined;
  #cookie: string | undefined;
  #closeAfter: boolean | undefined;
  #bodyBytes: number | undefined;
  #bytes: Buffer | undefined;

  constructor(framing: HeadFraming) {
    this.#framing = framing;
  }

  encode(request: RequestHeadParts, bodyBytes: number | undefined): Buffer {
    if (
      this.#bytes !== undefined &&
      request.headers === this.#headers &&
      request.path === this.#path &&
      request.method === this.#method &&
      request.cookie === this.#cookie &&
      request.closeAfter === this.#closeAfter &&
      bodyBytes === this.#bodyBytes
    )
      return this.#bytes;
    const bytes = Buffer.from(encodeRequestHead(request, this.#framing, bodyBytes), 'utf8');
    this.#method = request.method;
    this.#path = request.path;
    this.#headers = request.headers;
    this.#cookie = request.cookie;
    this.#closeAfter = request.closeAfter;
    this.#bodyBytes = bodyBytes;
    this.#bytes = bytes;
    return bytes;
  }
}
