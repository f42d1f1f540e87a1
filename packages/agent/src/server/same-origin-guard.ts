import type { NextFunction, Request, Response } from 'express';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The UI's cookie is SameSite=Strict, but "site" ignores ports: a page on another port of the same host
 * (another service of the operator's, a test server) would still send it with a form or fetch. So a
 * state-changing request not authenticated by a Bearer header (the cookie, or none on an agent without
 * tokens) must come from the agent's own origin (Origin, or Sec-Fetch-Site where a browser sends no
 * Origin) and carry JSON or no body, which a cross-site form cannot. Requests with `Authorization: Bearer`
 * are not affected: no browser attaches that header on its own.
 */
export function sameOriginForCookies() {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!stateChanging.has(request.method) || request.get('authorization')?.startsWith('Bearer ')) {
      next();
      return;
    }
    const origin = request.get('origin');
    const fetchSite = request.get('sec-fetch-site');
    const host = request.get('host');
    let sameOrigin: boolean;
    if (origin !== undefined && origin !== 'null') {
      try {
        sameOrigin = new URL(origin).host === host;
      } catch {
        sameOrigin = false;
      }
    } else if (origin === 'null') {
      sameOrigin = false;
    } else {
      // No Origin: a browser that sends Sec-Fetch-Site says where the request came from; a client that sends
      // neither is not a browser, so no cross-site page could have made it send the cookie.
      sameOrigin = fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none';
    }
    if (!sameOrigin) {
      response.status(403).json({
        error: `a request from ${origin ?? `another site (Sec-Fetch-Site: ${fetchSite})`} may not change anything on this agent with its login cookie`,
        hint: 'use the agent UI itself, or send Authorization: Bearer <token> from scripts',
      });
      return;
    }
    const contentType = request.get('content-type');
    const json = contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
    if (!json && (contentType !== undefined || hasBody(request))) {
      response.status(415).json({
        error: `${contentType === undefined ? 'a body without a content type' : `Content-Type ${contentType}`} is not accepted`,
        hint: 'send JSON with Content-Type: application/json, or no body at all',
      });
      return;
    }
    next();
  };
}

function hasBody(request: Request): boolean {
  const length = request.get('content-length');
  return request.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}
