import { STATUS_CODES } from 'node:http';
import { failureReason } from '../http/failure-reason.js';
import type { HttpResponse } from '../http/http-session.js';

/** Go's canonical header name, as k6's res.headers has it: content-type → Content-Type. */
function canonicalName(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase());
}

/** The header block as k6's res.headers: canonical names, repeated headers joined with ", ". */
export function headerObject(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = canonicalName(line.slice(0, colon).trim());
    const raw = line.slice(colon + 1).trim();
    const value = /[\x80-\xff]/.test(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw;
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

export interface K6RequestInfo {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string[]>;
  readonly body: string;
}

/**
 * k6's Response, copied out of the engine's reused response object so the script may keep it. `body` is
 * text (or an ArrayBuffer for responseType: binary, null for none), as in k6.
 */
export class K6Response {
  readonly status: number;
  readonly status_text: string;
  readonly proto: string;
  readonly tls_version: string;
  readonly url: string;
  readonly error: string;
  readonly error_code: number;
  readonly timings: {
    readonly blocked: number;
    readonly connecting: number;
    readonly tls_handshaking: number;
    readonly sending: number;
    readonly waiting: number;
    readonly receiving: number;
    readonly duration: number;
  };
  #request: K6RequestInfo | (() => K6RequestInfo);
  #rawHeaders: string;
  #headers: Record<string, string> | undefined;
  /** The body as received (the session's own copy) until the script first reads it. */
  #bytes: Buffer | undefined;
  #responseType: string;
  #body: string | ArrayBuffer | null | undefined;
  #json: unknown;

  constructor(
    response: HttpResponse,
    url: string,
    request: K6RequestInfo | (() => K6RequestInfo),
    responseType: string,
  ) {
    this.status = response.status;
    this.status_text =
      response.status === 0 ? '' : `${response.status} ${STATUS_CODES[response.status] ?? ''}`.trim();
    this.proto = response.protocol ?? '';
    this.tls_version = response.tlsVersion ?? '';
    this.url = url;
    // Most scripts never read the headers of most responses: they are parsed on first read.
    this.#rawHeaders = response.headers;
    // Decoding text costs as much as a request's parsing; many checks read only the status.
    this.#bytes = response.body;
    this.#responseType = responseType;
    this.error =
      response.errorCode === undefined ? '' : failureReason(response.status, response.errorMessage);
    this.error_code = response.errorCode ?? 0;
    const t = response.timings;
    this.timings = {
      blocked: t.blockedMs,
      connecting: t.connectingMs,
      tls_handshaking: t.tlsHandshakingMs,
      sending: t.sendingMs,
      waiting: t.waitingMs,
      receiving: t.receivingMs,
      duration: t.durationMs,
    };
    this.#request = request;
  }

  /** Text, an ArrayBuffer for responseType: binary, null for none, as in k6. */
  get body(): string | ArrayBuffer | null {
    if (this.#body === undefined) {
      const bytes = this.#bytes;
      this.#body =
        this.#responseType === 'none'
          ? null
          : this.#responseType === 'binary'
            ? bytes
              ? (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
              : new ArrayBuffer(0)
            : (bytes?.toString('utf8') ?? '');
      this.#bytes = undefined;
    }
    return this.#body;
  }

  get headers(): Record<string, string> {
    this.#headers ??= headerObject(this.#rawHeaders);
    return this.#headers;
  }

  get request(): K6RequestInfo {
    if (typeof this.#request === 'function') this.#request = this.#request();
    return this.#request;
  }

  /** The body parsed as JSON, or the value at a selector (k6's gjson paths: a.b, items.0.id, items.#). */
  json(selector?: string): unknown {
    const body = this.body;
    if (typeof body !== 'string')
      throw new TypeError('the response has no text body to read as JSON (responseType?)');
    this.#json ??= JSON.parse(body);
    return selector === undefined ? this.#json : selectJson(this.#json, selector);
  }

  /** JSON.stringify(res) shows what k6's does: body, headers and request are read lazily, so list them. */
  toJSON(): Record<string, unknown> {
    return {
      status: this.status,
      status_text: this.status_text,
      proto: this.proto,
      tls_version: this.tls_version,
      url: this.url,
      headers: this.headers,
      body: this.body instanceof ArrayBuffer ? `(${this.body.byteLength} bytes)` : this.body,
      error: this.error,
      error_code: this.error_code,
      timings: this.timings,
      request: this.request,
    };
  }

  html(): never {
    throw new TypeError(
      'res.html() is not supported by FPT: read the body with res.body, or check it with a regular expression',
    );
  }
}

/** The subset of gjson paths scripts use: dotted keys, numeric indexes, and # for an array's length. */
export function selectJson(document: unknown, selector: string): unknown {
  let current: unknown = document;
  for (const part of selector.split('.')) {
    if (current === null || current === undefined) return undefined;
    if (part === '#' && Array.isArray(current)) return current.length;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
