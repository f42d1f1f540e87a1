import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

const jsonType = 'application/json; charset=utf-8';

/** For bodies built once at startup: no stringify or encode per request. */
export function sendPrebuilt(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: Buffer,
  headers?: OutgoingHttpHeaders,
): void {
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': body.length });
  res.end(body);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers?: OutgoingHttpHeaders,
): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...headers,
    'content-type': jsonType,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, html: string, status = 200): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    // Browser tests measure a fresh load each time; a cached page would skew LCP and TTFB.
    'cache-control': 'no-store',
  });
  res.end(html);
}

export function sendBadRequest(res: ServerResponse, message: string): void {
  sendJson(res, 400, { error: message });
}

export function prebuildJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

export const jsonContentType = jsonType;

export function sendTooLarge(res: ServerResponse, limitBytes: number): void {
  sendJson(
    res,
    413,
    { error: `request body over ${limitBytes} bytes` },
    // The rest of the oversized body may still be in flight; reusing this connection would misparse it.
    { connection: 'close' },
  );
}
