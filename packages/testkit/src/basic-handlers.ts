import { STATUS_CODES } from 'node:http';
import { demoTargetLimits, demoTargetRoutes } from './demo-target-routes.js';
import { parseIntegerParam } from './query-params.js';
import type { RequestContext } from './request-context.js';
import {
  jsonContentType,
  prebuildJson,
  sendBadRequest,
  sendJson,
  sendPrebuilt,
  sendText,
} from './send-response.js';
import { waitAtLeast } from './wait-at-least.js';

const okBody = prebuildJson({ ok: true });
const indexBody = prebuildJson({ name: 'fpt-demo-target', routes: demoTargetRoutes });

export function handleIndex({ res }: RequestContext): void {
  sendPrebuilt(res, 200, jsonContentType, indexBody);
}

export function handleHealth({ res }: RequestContext): void {
  sendText(res, 200, 'ok');
}

export function handleFast({ res }: RequestContext): void {
  sendPrebuilt(res, 200, jsonContentType, okBody);
}

export function handleDelay({ res, params, query, startedAtMs }: RequestContext): void {
  const delayMs = parseIntegerParam('ms', params['ms'] ?? query.get('ms'), {
    min: 0,
    max: demoTargetLimits.maxDelayMs,
    defaultValue: 0,
  });
  if (!delayMs.ok) {
    sendBadRequest(res, delayMs.message);
    return;
  }
  waitAtLeast(res, startedAtMs, delayMs.value, () =>
    sendJson(res, 200, { ok: true, delayMs: delayMs.value }),
  );
}

export function handleStatus({ res, params }: RequestContext): void {
  const code = parseIntegerParam('code', params['code'], { min: 200, max: 599 });
  if (!code.ok) {
    sendBadRequest(res, code.message);
    return;
  }
  if (code.value === 204 || code.value === 304) {
    // These statuses forbid a body, and a content-length on them confuses some clients.
    res.writeHead(code.value);
    res.end();
    return;
  }
  sendJson(
    res,
    code.value,
    { status: code.value },
    { 'x-status-text': STATUS_CODES[code.value] ?? 'Unknown' },
  );
}

// A CR or LF in a Location header would be header injection; a leading "//" or "/\" would leave the host.
const localPath = /^\/(?![/\\])[^\x00-\x1f\x7f]*$/;

export function handleRedirect({ res, query }: RequestContext): void {
  const to = query.get('to') ?? '/fast';
  if (!localPath.test(to)) {
    sendBadRequest(res, `to must be a local path starting with one "/", got "${to}"`);
    return;
  }
  const hops = parseIntegerParam('n', query.get('n'), {
    min: 1,
    max: demoTargetLimits.maxRedirects,
    defaultValue: 1,
  });
  if (!hops.ok) {
    sendBadRequest(res, hops.message);
    return;
  }
  const location = hops.value === 1 ? to : `/redirect?to=${encodeURIComponent(to)}&n=${hops.value - 1}`;
  sendJson(res, 302, { location }, { location });
}
