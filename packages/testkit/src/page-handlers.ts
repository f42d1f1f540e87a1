import { errorPage, homePage, noLcpPage, shiftPage, slowClickPage, slowLcpPage } from './demo-pages.js';
import { demoTargetLimits } from './demo-target-routes.js';
import { parseIntegerParam } from './query-params.js';
import type { RequestContext } from './request-context.js';
import { sendBadRequest, sendHtml } from './send-response.js';

export function handlePageHome({ res }: RequestContext): void {
  sendHtml(res, homePage);
}

export function handlePageSlowLcp({ res, query }: RequestContext): void {
  const delayMs = parseIntegerParam('ms', query.get('ms'), {
    min: 0,
    max: demoTargetLimits.maxDelayMs,
    defaultValue: 800,
  });
  if (!delayMs.ok) {
    sendBadRequest(res, delayMs.message);
    return;
  }
  sendHtml(res, slowLcpPage(delayMs.value));
}

export function handlePageShift({ res, query }: RequestContext): void {
  const delayMs = parseIntegerParam('ms', query.get('ms'), {
    min: 0,
    max: demoTargetLimits.maxDelayMs,
    defaultValue: 300,
  });
  if (!delayMs.ok) {
    sendBadRequest(res, delayMs.message);
    return;
  }
  sendHtml(res, shiftPage(delayMs.value));
}

export function handlePageSlowClick({ res, query }: RequestContext): void {
  const blockMs = parseIntegerParam('ms', query.get('ms'), {
    min: 0,
    max: demoTargetLimits.maxBlockMs,
    defaultValue: 304,
  });
  if (!blockMs.ok) {
    sendBadRequest(res, blockMs.message);
    return;
  }
  sendHtml(res, slowClickPage(blockMs.value));
}

export function handlePageNoLcp({ res }: RequestContext): void {
  sendHtml(res, noLcpPage);
}

export function handlePageError({ res }: RequestContext): void {
  sendHtml(res, errorPage, 500);
}
