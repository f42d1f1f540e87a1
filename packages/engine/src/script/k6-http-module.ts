import { parseDurationMs } from '@fpt/preset';
import { toBuffer } from '@fpt/script';
import type { K6Response } from './k6-response.js';
import type { ScriptVirtualUser } from './script-virtual-user.js';

/** What http.url`…` returns: the URL, and the template as the request's name (k6's URL grouping). */
export class K6Url {
  constructor(
    readonly url: string,
    readonly name: string,
  ) {}
  toString(): string {
    return this.url;
  }
}

/** What http.file() returns: a multipart file part. */
export class K6File {
  constructor(
    readonly data: string | ArrayBuffer,
    readonly filename: string,
    readonly content_type: string,
  ) {}
}

/** http.expectedStatuses(…): which statuses do not count as failed (http_req_failed). */
export class ExpectedStatuses {
  readonly #ranges: readonly (readonly [number, number])[];
  constructor(entries: readonly (number | { min: number; max: number })[]) {
    this.#ranges = entries.map((entry) =>
      typeof entry === 'number'
        ? ([entry, entry] as const)
        : ([Number(entry.min), Number(entry.max)] as const),
    );
  }
  isExpected(status: number): boolean {
    return this.#ranges.some(([low, high]) => status >= low && status <= high);
  }
}

export interface K6Params {
  readonly headers?: Record<string, unknown>;
  readonly tags?: Record<string, unknown>;
  readonly timeout?: string | number;
  readonly redirects?: number;
  readonly responseType?: 'text' | 'binary' | 'none';
  readonly responseCallback?: ExpectedStatuses | null;
}

/** A request body as k6 sends it: text, bytes, a form (an object), or multipart (an object with a file). */
export function encodeBody(body: unknown): { body: string | Buffer | undefined; contentType?: string } {
  if (body === undefined || body === null) return { body: undefined };
  if (typeof body === 'string') return { body };
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return { body: toBuffer(body) };
  if (typeof body === 'object') {
    const entries = Object.entries(body as Record<string, unknown>);
    if (entries.some(([, value]) => value instanceof K6File)) return multipart(entries);
    const form = new URLSearchParams(entries.map(([key, value]): [string, string] => [key, String(value)]));
    return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  return { body: String(body) };
}

function multipart(entries: readonly [string, unknown][]): { body: Buffer; contentType: string } {
  const boundary = `----FPTScriptBoundary${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [field, value] of entries) {
    const head =
      value instanceof K6File
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${value.filename}"\r\nContent-Type: ${value.content_type}\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n`;
    parts.push(
      Buffer.from(head),
      value instanceof K6File ? toBuffer(value.data) : Buffer.from(String(value)),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A timeout as k6 takes it: a duration string, or milliseconds. */
export function timeoutMsOf(timeout: string | number | undefined, fallbackMs: number): number {
  if (timeout === undefined) return fallbackMs;
  return typeof timeout === 'number' ? timeout : parseDurationMs(String(timeout));
}

type BatchEntry =
  | string
  | K6Url
  | readonly [string, string | K6Url, unknown?, K6Params?]
  | { method?: string; url: string | K6Url; body?: unknown; params?: K6Params };

/**
 * `k6/http`, bound to one VU. Every call returns a promise of k6's Response: `await` it. The requests go
 * through the engine's HTTP client, so they are measured, tagged and guarded as a preset's are.
 */
export function k6HttpModule(vu: ScriptVirtualUser): object {
  const request = (
    method: string,
    url: string | K6Url,
    body?: unknown,
    params?: K6Params,
  ): Promise<K6Response> => vu.httpRequest(String(method).toUpperCase(), url, body, params);
  const withoutBody = (method: string) => (url: string | K6Url, params?: K6Params) =>
    request(method, url, undefined, params);
  const withBody = (method: string) => (url: string | K6Url, body?: unknown, params?: K6Params) =>
    request(method, url, body, params);
  const batch = async (requests: readonly BatchEntry[] | Record<string, BatchEntry>) => {
    const entries = Array.isArray(requests)
      ? requests.map((r, i) => [String(i), r] as const)
      : Object.entries(requests);
    const calls = entries.map(([key, entry]) => [key, normaliseBatchEntry(entry as BatchEntry)] as const);
    const responses = await vu.httpBatch(calls.map(([, call]) => call));
    if (Array.isArray(requests)) return responses;
    return Object.fromEntries(calls.map(([key], index) => [key, responses[index]]));
  };
  const url = (strings: TemplateStringsArray, ...values: unknown[]) =>
    new K6Url(
      strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), ''),
      strings.join('${}'),
    );
  const file = (data: string | ArrayBuffer, filename = 'file', contentType = 'application/octet-stream') =>
    new K6File(data, filename, contentType);
  const expectedStatuses = (...entries: (number | { min: number; max: number })[]) =>
    new ExpectedStatuses(entries);
  const setResponseCallback = (callback: ExpectedStatuses | null) => vu.setResponseCallback(callback);
  const members = {
    request,
    get: withoutBody('GET'),
    head: withoutBody('HEAD'),
    post: withBody('POST'),
    put: withBody('PUT'),
    patch: withBody('PATCH'),
    del: withBody('DELETE'),
    options: withBody('OPTIONS'),
    batch,
    url,
    file,
    expectedStatuses,
    setResponseCallback,
  };
  return { ...members, default: members };
}

export interface BatchCall {
  readonly method: string;
  readonly url: string | K6Url;
  readonly body: unknown;
  readonly params: K6Params | undefined;
}

function normaliseBatchEntry(entry: BatchEntry): BatchCall {
  if (typeof entry === 'string' || entry instanceof K6Url)
    return { method: 'GET', url: entry, body: undefined, params: undefined };
  if (Array.isArray(entry)) {
    const [method, url, body, params] = entry as readonly [string, string | K6Url, unknown?, K6Params?];
    return { method: String(method).toUpperCase(), url, body, params };
  }
  const call = entry as { method?: string; url: string | K6Url; body?: unknown; params?: K6Params };
  return {
    method: (call.method ?? 'GET').toUpperCase(),
    url: call.url,
    body: call.body,
    params: call.params,
  };
}
