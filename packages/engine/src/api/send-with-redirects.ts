import type { CookieJar } from '../http/cookie-jar.js';
import { ErrorCode } from '../http/error-codes.js';
import type { HttpRequest, HttpResponse, HttpSession } from '../http/http-session.js';
import { findHeader, findHeaders } from '../http/response-headers.js';
import type { TargetGuard } from '../target-guard.js';
import type { Variables } from '../template.js';
import type { CompiledRequest } from './compile-request.js';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

type MutableRequest = { -readonly [K in keyof HttpRequest]: HttpRequest[K] };

/**
 * Sends a request and follows redirects up to the target's limit. Every response — each hop and the final
 * one — goes to `record` with the method it was sent with (a 303 turns a POST into a GET), as k6 counts
 * hops as requests. Resolves to the final response, or undefined when the iteration was interrupted.
 * `scratch` is the caller's reusable request object, so a send allocates no request of its own. With a
 * `guard` (an agent's target allowlist), every hop's host is checked before anything is sent to it. With
 * a cookie `jar`, every hop sends the cookies that match it and stores the ones it sets.
 */
export async function sendWithRedirects(
  session: HttpSession,
  request: CompiledRequest,
  variables: Variables,
  maxRedirects: number,
  signal: AbortSignal,
  scratch: MutableRequest,
  record: (response: HttpResponse, method: string) => void,
  guard?: TargetGuard,
  jar?: CookieJar,
): Promise<HttpResponse | undefined> {
  let method = request.method;
  scratch.method = method;
  scratch.headers = request.headers(variables, request.onMissing);
  scratch.body = request.body(variables, request.onMissing);
  scratch.timeoutMs = request.timeoutMs;
  scratch.keepBody = request.keepBody;
  let url: URL | undefined;
  if (request.fixedTarget) {
    scratch.origin = request.fixedTarget.origin;
    scratch.path = request.fixedTarget.path;
  } else {
    const rendered = request.url(variables, request.onMissing);
    try {
      url = new URL(rendered);
    } catch {
      // Nothing is sent for a URL that does not parse; the failure is measured like any other.
      const failed = session.failWithoutSending(ErrorCode.invalidUrl, `invalid URL "${rendered}"`);
      record(failed, method);
      return failed;
    }
    scratch.origin = url.origin;
    scratch.path = url.pathname + url.search;
  }
  for (let hop = 0; ; hop++) {
    const refusal = guard ? await guard.refusal(scratch.origin) : undefined;
    if (refusal !== undefined) {
      const refused = session.failWithoutSending(ErrorCode.targetNotAllowed, refusal);
      record(refused, method);
      return refused;
    }
    // A URL object only when cookies are in play: most requests have none, and this is the hot path.
    const hopUrl = jar && jar.size > 0 ? new URL(scratch.path, scratch.origin) : undefined;
    scratch.cookie = hopUrl ? jar!.headerFor(hopUrl) : undefined;
    const response = await session.send(scratch, signal);
    if (signal.aborted) return undefined;
    if (jar && response.setsCookies)
      jar.store(hopUrl ?? new URL(scratch.path, scratch.origin), findHeaders(response.headers, 'set-cookie'));
    record(response, method);
    const location = redirectStatuses.has(response.status)
      ? findHeader(response.headers, 'location')
      : undefined;
    if (location === undefined || hop >= maxRedirects) return response;
    url = new URL(location, url ?? `${scratch.origin}${scratch.path}`);
    scratch.origin = url.origin;
    scratch.path = url.pathname + url.search;
    if (
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && method === 'POST')
    ) {
      method = 'GET';
      scratch.method = method;
      scratch.body = undefined;
    }
  }
}

export function emptyRequest(): MutableRequest {
  return { origin: '', path: '', method: 'GET', headers: [], timeoutMs: 0, keepBody: false };
}
