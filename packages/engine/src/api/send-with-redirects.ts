import type { CookieJar } from '../http/cookie-jar.js';
import { ErrorCode } from '../http/error-codes.js';
import type { HttpRequest, HttpResponse, HttpSession } from '../http/http-session.js';
import { findHeader, findHeaders } from '../http/response-headers.js';
import type { TargetGuard } from '../target-guard.js';
import type { Variables } from '../template.js';
import { basicAuthorization, type CompiledRequest } from './compile-request.js';
import {
  headersForRedirect,
  isRelativeLocation,
  keepsCredentials,
  resolveRedirect,
} from './redirect-target.js';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export type MutableRequest = { -readonly [K in keyof HttpRequest]: HttpRequest[K] };

/** What a VU sends its requests with, made once per VU so that a send allocates nothing of its own. */
export interface SendContext {
  readonly session: HttpSession;
  /** The VU's reusable request object. */
  readonly scratch: MutableRequest;
  /** Every response — each hop and the final one — with the method it was sent with. */
  readonly record: (response: HttpResponse, method: string) => void;
  /** An agent's target allowlist: every hop's host is checked before anything is sent to it. */
  readonly guard?: TargetGuard | undefined;
  /** The VU's cookie jar: every hop sends the cookies that match it and stores the ones it sets. */
  readonly jar?: CookieJar | undefined;
  /** A request stopped at its redirect limit with a redirect in hand (k6 warns then). */
  readonly onRedirectLimit?: ((request: CompiledRequest) => void) | undefined;
}

/**
 * Sends a request and follows redirects up to the request's limit. k6 counts every hop as a request, so
 * each one is recorded (a 303 turns a POST into a GET). Resolves to the final response, or undefined when
 * the iteration was interrupted. A Location that cannot be followed fails the request with its own error
 * code; credentials do not follow a redirect to another host.
 */
export async function sendWithRedirects(
  context: SendContext,
  request: CompiledRequest,
  variables: Variables,
  signal: AbortSignal,
): Promise<HttpResponse | undefined> {
  const { session, scratch, record, guard, jar } = context;
  let method = request.method;
  scratch.method = method;
  scratch.headers = request.headers(variables, request.onMissing);
  scratch.body = request.body(variables, request.onMissing);
  scratch.timeoutMs = request.timeoutMs;
  scratch.keepBody = request.keepBody;
  scratch.closeAfter = request.closeAfter;
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
    const basic = basicAuthorization(url);
    if (
      basic !== undefined &&
      !scratch.headers.some((name, i) => i % 2 === 0 && name.toLowerCase() === 'authorization')
    )
      scratch.headers = [...scratch.headers, 'Authorization', basic];
  }
  let initialHostname: string | undefined;
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
    if (location === undefined) return response;
    if (hop >= request.maxRedirects) {
      if (request.maxRedirects > 0) context.onRedirectLimit?.(request);
      return response;
    }
    const from = url ?? `${scratch.origin}${scratch.path}`;
    const next = resolveRedirect(location, from);
    if (!next.ok) {
      const failed = session.failWithoutSending(ErrorCode.invalidRedirect, next.reason);
      record(failed, method);
      return failed;
    }
    initialHostname ??= (url ?? new URL(from)).hostname;
    url = next.url;
    scratch.origin = url.origin;
    scratch.path = url.pathname + url.search;
    scratch.headers = headersForRedirect(
      scratch.headers,
      keepsCredentials(initialHostname, url.hostname),
      isRelativeLocation(location),
    );
    // As Go's client: 301, 302 and 303 go on without the body, as GET unless the request was a GET or
    // HEAD; 307 and 308 repeat the request as it was.
    if (response.status <= 303) {
      if (method !== 'GET' && method !== 'HEAD') method = 'GET';
      scratch.method = method;
      scratch.body = undefined;
    }
  }
}

export function emptyRequest(): MutableRequest {
  return { origin: '', path: '', method: 'GET', headers: [], timeoutMs: 0, keepBody: false };
}
