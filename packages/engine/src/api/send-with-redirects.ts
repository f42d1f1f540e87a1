import { ErrorCode } from '../http/error-codes.js';
import type { HttpResponse, HttpSession } from '../http/http-session.js';
import { findHeader } from '../http/http-session.js';
import type { CompiledRequest } from './compile-request.js';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Sends a request and follows redirects up to the target's limit. Like k6, only the final response is
 * returned; every hop before it is a real request, recorded through `onHop`.
 */
export async function sendWithRedirects(
  session: HttpSession,
  request: CompiledRequest,
  variables: ReadonlyMap<string, string>,
  onMissing: (name: string) => void,
  maxRedirects: number,
  signal: AbortSignal,
  onHop?: (response: HttpResponse, method: string) => void,
): Promise<{ response: HttpResponse; method: string } | undefined> {
  let url: URL;
  const rendered = request.url(variables, onMissing);
  try {
    url = new URL(rendered);
  } catch {
    // Nothing is sent for a URL that does not parse; the failure is measured like any other.
    return {
      response: session.failWithoutSending(ErrorCode.invalidUrl, `invalid URL "${rendered}"`),
      method: request.method,
    };
  }
  let method = request.method;
  let body = request.body(variables, onMissing);
  const headers = request.headers(variables, onMissing);
  for (let hop = 0; ; hop++) {
    const response = await session.send(
      {
        origin: url.origin,
        path: url.pathname + url.search,
        method,
        headers,
        body,
        timeoutMs: request.timeoutMs,
        keepBody: request.keepBody,
      },
      signal,
    );
    if (signal.aborted) return undefined;
    const location = redirectStatuses.has(response.status)
      ? findHeader(response.rawHeaders, 'location')
      : undefined;
    if (location === undefined || hop >= maxRedirects) return { response, method };
    onHop?.(response, method);
    url = new URL(location, url);
    if (
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && method === 'POST')
    ) {
      method = 'GET';
      body = undefined;
    }
  }
}
