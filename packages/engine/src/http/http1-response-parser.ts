/** What the parser reports about the response it reads. */
export interface ResponseParserEvents {
  /**
   * The status line and headers arrived; `headers` is the raw header block ("Name: value\r\n" lines), and
   * `setsCookies` tells whether a Set-Cookie is among them (so a cookie jar looks only when there is one).
   */
  onResponseHead(status: number, headers: string, setsCookies: boolean): void;
  /** Body bytes (chunked framing removed) at buf[start, end). The buffer may be reused after the call. */
  onResponseBody(buf: Buffer, start: number, end: number): void;
  /** The response is complete; `keepAlive` tells whether the connection may carry another request. */
  onResponseComplete(keepAlive: boolean): void;
}

/** A response that is not HTTP/1.x as it should be: the connection it came on cannot be trusted any more. */
export class HttpParseError extends Error {
  readonly code = 'FPT_HTTP_PARSE';
  constructor(problem: string) {
    super(`malformed HTTP response: ${problem}`);
    this.name = 'HttpParseError';
  }
}

// Parser states (numbers rather than strings: compared on every byte range the parser is fed).
const idle = 0;
const head = 1;
const sizedBody = 2;
const chunkSize = 3;
const chunkData = 4;
const chunkDataEnd = 5;
const trailers = 6;
const bodyUntilClose = 7;

/** Longest status line + headers (or chunk-size line) accepted; a server sending more is broken or hostile. */
export const maxResponseHeadBytes = 64 * 1024;

const cr = 13;
const lf = 10;

/**
 * An incremental HTTP/1.1 response parser written for the engine's hot path: it is fed byte ranges of a
 * (possibly shared, reused) read buffer and makes one string per response — the header block — plus
 * small ones for the few headers that frame the body. Chunked bodies, Content-Length, bodies that end with
 * the connection, 1xx interim responses, HEAD/204/304 without body and trailers are handled; anything
 * else throws HttpParseError.
 */
export class ResponseParser {
  readonly #events: ResponseParserEvents;
  #state = idle;
  #noBody = false;
  #remaining = 0;
  #keepAlive = true;
  /** A line or header block split across reads, kept until its end arrives (rare: heads are small). */
  #pending = '';
  /** The text #take found: a line without its CRLF, or a block with its last line's CRLF. */
  #taken = '';
  /** `Keep-Alive: timeout=N` of the last response, in ms (undefined when the server gave none). */
  keepAliveHintMs: number | undefined;

  constructor(events: ResponseParserEvents) {
    this.#events = events;
  }

  /** Prepares for the response to a request sent with `method` (HEAD responses have no body). */
  expect(method: string): void {
    this.#state = head;
    this.#noBody = method === 'HEAD';
    this.#pending = '';
    this.keepAliveHintMs = undefined;
  }

  /** True while the body runs until the server closes the connection (no length, not chunked). */
  get endsAtClose(): boolean {
    return this.#state === bodyUntilClose;
  }

  /** True when bytes of the expected response have arrived but it is not complete yet. */
  get expecting(): boolean {
    return this.#state !== idle;
  }

  /** The connection ended: completes a body that runs until close; false when the response is cut short. */
  finishAtClose(): boolean {
    if (this.#state !== bodyUntilClose) return false;
    this.#complete(false);
    return true;
  }

  /**
   * Consumes buf[start, end); returns where it stopped: `end`, or earlier when the response completed and
   * bytes follow it (which, without pipelining, the caller treats as a broken connection).
   */
  feed(buf: Buffer, start: number, end: number): number {
    let at = start;
    while (at < end) {
      switch (this.#state) {
        case head: {
          const next = this.#take(buf, at, end, true);
          if (next < 0) return end;
          at = next;
          this.#onHead(this.#taken);
          break;
        }
        case sizedBody:
          at = this.#passBody(buf, at, end);
          if (this.#remaining === 0) this.#complete(this.#keepAlive);
          break;
        case bodyUntilClose:
          this.#events.onResponseBody(buf, at, end);
          return end;
        case chunkSize: {
          const next = this.#take(buf, at, end, false);
          if (next < 0) return end;
          at = next;
          const size = parseChunkSize(this.#taken);
          if (size === 0) {
            this.#state = trailers;
          } else {
            this.#remaining = size;
            this.#state = chunkData;
          }
          break;
        }
        case chunkData:
          at = this.#passBody(buf, at, end);
          if (this.#remaining === 0) this.#state = chunkDataEnd;
          break;
        case chunkDataEnd: {
          const next = this.#take(buf, at, end, false);
          if (next < 0) return end;
          if (this.#taken !== '') throw new HttpParseError('chunk data longer than its size');
          at = next;
          this.#state = chunkSize;
          break;
        }
        case trailers: {
          const next = this.#take(buf, at, end, true);
          if (next < 0) return end;
          at = next;
          this.#complete(this.#keepAlive);
          break;
        }
        default:
          return at;
      }
    }
    return at;
  }

  /** Passes on up to #remaining body bytes from buf[at, end); returns where it stopped. */
  #passBody(buf: Buffer, at: number, end: number): number {
    const stop = Math.min(end, at + this.#remaining);
    this.#events.onResponseBody(buf, at, stop);
    this.#remaining -= stop - at;
    return stop;
  }

  #complete(keepAlive: boolean): void {
    this.#state = idle;
    this.#events.onResponseComplete(keepAlive);
  }

  #onHead(text: string): void {
    // "HTTP/1.1 200 OK\r\n": version, a space, three digits.
    if (!text.startsWith('HTTP/1.') || text.charCodeAt(8) !== 32)
      throw new HttpParseError(`expected an HTTP/1.x status line, got "${text.slice(0, 40)}"`);
    const status = threeDigits(text, 9);
    if (status < 0) throw new HttpParseError(`bad status code in "${text.slice(0, 40)}"`);
    const http11 = text.charCodeAt(7) === 49;
    const lineEnd = text.indexOf('\r\n');
    const headers = text.slice(lineEnd + 2);
    let keepAlive = http11;
    let contentLength = -1;
    let chunked = false;
    let setsCookies = false;
    for (let p = 0; p < headers.length; ) {
      const eol = headers.indexOf('\r\n', p);
      const colon = headers.indexOf(':', p);
      if (colon < 0 || colon > eol)
        throw new HttpParseError(`header line without a colon: "${headers.slice(p, eol)}"`);
      // "Name : value" is forbidden (RFC 9112 §5.1): a proxy and FPT could read the framing differently.
      const beforeColon = headers.charCodeAt(colon - 1);
      if (colon === p || beforeColon === 32 || beforeColon === 9)
        throw new HttpParseError(`bad header name in "${headers.slice(p, eol)}"`);
      // Only the headers that frame the body are read here, compared in place: most responses carry
      // only Content-Length among them, and reading it makes no string.
      if (namedAt(headers, p, colon, 'content-length')) {
        const length = decimalAt(headers, colon + 1, eol);
        if (length < 0 || (contentLength >= 0 && length !== contentLength))
          throw new HttpParseError(`bad Content-Length "${headers.slice(colon + 1, eol).trim()}"`);
        contentLength = length;
      } else if (namedAt(headers, p, colon, 'transfer-encoding')) {
        chunked = headers
          .slice(colon + 1, eol)
          .trim()
          .toLowerCase()
          .endsWith('chunked');
      } else if (namedAt(headers, p, colon, 'connection')) {
        const value = headers.slice(colon + 1, eol).toLowerCase();
        if (value.includes('close')) keepAlive = false;
        else if (value.includes('keep-alive')) keepAlive = true;
      } else if (namedAt(headers, p, colon, 'keep-alive')) {
        const timeout = /timeout\s*=\s*(\d+)/i.exec(headers.slice(colon + 1, eol));
        if (timeout) this.keepAliveHintMs = Number(timeout[1]) * 1000;
      } else if (namedAt(headers, p, colon, 'set-cookie')) {
        setsCookies = true;
      }
      p = eol + 2;
    }
    if (status < 200) {
      // 100 Continue, 103 Early Hints...: an interim answer; the real one follows on the same connection.
      if (status === 101) throw new HttpParseError('unexpected protocol upgrade (101)');
      this.#state = head;
      return;
    }
    this.#keepAlive = keepAlive;
    this.#events.onResponseHead(status, headers, setsCookies);
    if (this.#noBody || status === 204 || status === 304) {
      this.#complete(keepAlive);
    } else if (chunked) {
      this.#state = chunkSize;
    } else if (contentLength >= 0) {
      this.#remaining = contentLength;
      if (contentLength === 0) this.#complete(keepAlive);
      else this.#state = sizedBody;
    } else {
      this.#keepAlive = false;
      this.#state = bodyUntilClose;
    }
  }

  /**
   * Finds the end of a line (`block` false) or of a block ending with an empty line (`block` true) that
   * starts at buf[at]. Returns the index after it and sets #taken, or -1 when more bytes are needed (the
   * part seen so far is kept in #pending).
   */
  #take(buf: Buffer, at: number, end: number, block: boolean): number {
    if (this.#pending === '') {
      const stop = findTerminator(buf, at, end, block);
      if (stop >= 0) {
        this.#taken = stop - at === 2 ? '' : buf.toString('latin1', at, stop - 2);
        return stop;
      }
      this.#keepPending(buf.toString('latin1', at, end));
      return -1;
    }
    const pendingLength = this.#pending.length;
    const text = this.#pending + buf.toString('latin1', at, Math.min(end, at + maxResponseHeadBytes));
    let stop: number;
    if (block && text.startsWith('\r\n')) stop = 2;
    else {
      const found = text.indexOf(block ? '\r\n\r\n' : '\r\n');
      stop = found < 0 ? -1 : found + (block ? 4 : 2);
    }
    if (stop < 0) {
      this.#pending = '';
      this.#keepPending(text);
      return -1;
    }
    this.#pending = '';
    this.#taken = text.slice(0, stop - 2);
    return at + stop - pendingLength;
  }

  #keepPending(text: string): void {
    if (this.#pending.length + text.length > maxResponseHeadBytes)
      throw new HttpParseError(`response head longer than ${maxResponseHeadBytes} bytes`);
    this.#pending += text;
  }
}

/** Index after the CRLF ending a line, or after the empty line ending a block; -1 when not in buf[at, end). */
function findTerminator(buf: Buffer, at: number, end: number, block: boolean): number {
  if (block && end - at >= 2 && buf[at] === cr && buf[at + 1] === lf) return at + 2;
  for (let from = at; ; ) {
    const newline = buf.indexOf(lf, from);
    if (newline < 0 || newline >= end) return -1;
    if (newline > at && buf[newline - 1] === cr) {
      if (!block) return newline + 1;
      if (newline >= at + 3 && buf[newline - 2] === lf && buf[newline - 3] === cr) return newline + 1;
    }
    from = newline + 1;
  }
}

/** Whether text[start, end) is `lowerName`, ignoring ASCII case. */
function namedAt(text: string, start: number, end: number, lowerName: string): boolean {
  if (end - start !== lowerName.length) return false;
  for (let i = 0; i < lowerName.length; i++) {
    // OR-ing 0x20 lowercases ASCII letters; the names compared contain only letters and "-".
    if ((text.charCodeAt(start + i) | 0x20) !== lowerName.charCodeAt(i)) return false;
  }
  return true;
}

/** The decimal number in text[start, end) between optional spaces, or -1 when it is not one (or too long). */
function decimalAt(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  let stop = end;
  while (stop > i && (text.charCodeAt(stop - 1) === 32 || text.charCodeAt(stop - 1) === 9)) stop--;
  if (stop === i || stop - i > 15) return -1;
  let value = 0;
  for (let j = i; j < stop; j++) {
    const digit = text.charCodeAt(j) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function threeDigits(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 3; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  const after = text.charCodeAt(at + 3);
  return after === 32 || after === cr ? value : -1;
}

function parseChunkSize(line: string): number {
  let size = 0;
  let digits = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    const digit =
      code >= 48 && code <= 57
        ? code - 48
        : code >= 97 && code <= 102
          ? code - 87
          : code >= 65 && code <= 70
            ? code - 55
            : -1;
    if (digit < 0) {
      // Chunk extensions (";name=value") and trailing whitespace follow the size; they carry nothing for us.
      if (code === 59 || code === 32 || code === 9) break;
      throw new HttpParseError(`bad chunk size "${line.slice(0, 20)}"`);
    }
    if (++digits > 13) throw new HttpParseError(`chunk size "${line.slice(0, 20)}" is too large`);
    size = size * 16 + digit;
  }
  if (digits === 0) throw new HttpParseError(`bad chunk size "${line.slice(0, 20)}"`);
  return size;
}
