import { demoTargetLimits } from './demo-target-routes.js';
import { isJsonContentType, parseJsonText, readBody } from './read-body.js';
import type { RequestContext } from './request-context.js';
import { sendJson, sendTooLarge } from './send-response.js';

export async function handleEcho({ req, res }: RequestContext): Promise<void> {
  const read = await readBody(req, demoTargetLimits.maxRequestBodyBytes);
  if (read.kind === 'aborted') return;
  if (read.kind === 'too-large') {
    sendTooLarge(res, demoTargetLimits.maxRequestBodyBytes);
    return;
  }
  const body = read.body.toString('utf8');
  const echoed: Record<string, unknown> = { method: req.method, headers: req.headers, body };
  if (isJsonContentType(req.headers['content-type'])) {
    const parsed = parseJsonText(body);
    if (parsed.kind === 'ok') echoed['json'] = parsed.value;
    else echoed['jsonError'] = parsed.message;
  }
  sendJson(res, 200, echoed);
}
