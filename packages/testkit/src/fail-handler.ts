import { parseIntegerParam, parseRatioParam } from './query-params.js';
import type { RequestContext } from './request-context.js';
import { jsonContentType, prebuildJson, sendBadRequest, sendPrebuilt } from './send-response.js';

const okBody = prebuildJson({ ok: true });
const failBody = prebuildJson({ ok: false });

export function handleFail({ res, query, state }: RequestContext): void {
  const ratio = parseRatioParam('ratio', query.get('ratio'), 1);
  if (!ratio.ok) {
    sendBadRequest(res, ratio.message);
    return;
  }
  const status = parseIntegerParam('status', query.get('status'), { min: 400, max: 599, defaultValue: 500 });
  if (!status.ok) {
    sendBadRequest(res, status.message);
    return;
  }
  const decision = state.failSequence.next(query.get('key') ?? '', ratio.value);
  const headers = { 'x-fail-sequence': String(decision.sequence) };
  if (decision.fail) sendPrebuilt(res, status.value, jsonContentType, failBody, headers);
  else sendPrebuilt(res, 200, jsonContentType, okBody, headers);
}
