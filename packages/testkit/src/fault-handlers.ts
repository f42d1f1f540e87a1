import { demoTargetLimits } from './demo-target-routes.js';
import { parseIntegerParam } from './query-params.js';
import type { RequestContext } from './request-context.js';
import { jsonContentType, prebuildJson, sendBadRequest, sendPrebuilt } from './send-response.js';
import { waitAtLeast } from './wait-at-least.js';

const malformedJsonBody = Buffer.from('{"items": [1, 2,');
const partialDeclaredBytes = 1000;
const partialBody = Buffer.from('0123456789');
const okBody = prebuildJson({ ok: true });

export function handleFaultReset({ req }: RequestContext): void {
  // A TCP RST rather than a clean FIN, so clients report ECONNRESET the way a crashed upstream looks.
  req.socket.resetAndDestroy();
}

export function handleFaultHang(_ctx: RequestContext): void {
  // Deliberately no answer. startDemoTarget tracks every socket, so close() still ends this one.
}

export function handleFaultMalformedJson({ res }: RequestContext): void {
  sendPrebuilt(res, 200, jsonContentType, malformedJsonBody);
}

export function handleFaultPartial({ req, res }: RequestContext): void {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': partialDeclaredBytes });
  // Destroy only once the bytes are flushed, so the client really sees a body cut short.
  res.write(partialBody, () => req.socket.destroy());
}

export function handleFaultSlowBody({ res, query, startedAtMs }: RequestContext): void {
  const delayMs = parseIntegerParam('ms', query.get('ms'), {
    min: 0,
    max: demoTargetLimits.maxDelayMs,
    defaultValue: 500,
  });
  if (!delayMs.ok) {
    sendBadRequest(res, delayMs.message);
    return;
  }
  res.writeHead(200, { 'content-type': jsonContentType, 'content-length': okBody.length });
  res.flushHeaders();
  waitAtLeast(res, startedAtMs, delayMs.value, () => res.end(okBody));
}
