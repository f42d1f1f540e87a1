import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { demoTargetLimits } from './demo-target-routes.js';
import { parseJsonText, readBody } from './read-body.js';
import { sendJson, sendTooLarge } from './send-response.js';

/**
 * Reads a JSON request body. Returns undefined when there is nothing left to do: the client went away,
 * or the body was too large or not JSON and the error response has already been sent.
 */
export async function readJsonRequest(
  req: IncomingMessage,
  res: ServerResponse,
  headers?: OutgoingHttpHeaders,
  invalidBody: (message: string) => unknown = (message) => ({ error: message }),
): Promise<{ readonly value: unknown } | undefined> {
  const read = await readBody(req, demoTargetLimits.maxRequestBodyBytes);
  if (read.kind === 'aborted') return undefined;
  if (read.kind === 'too-large') {
    sendTooLarge(res, demoTargetLimits.maxRequestBodyBytes);
    return undefined;
  }
  const parsed = parseJsonText(read.body.toString('utf8'));
  if (parsed.kind === 'invalid') {
    sendJson(res, 400, invalidBody(`body is not valid JSON: ${parsed.message}`), headers);
    return undefined;
  }
  return { value: parsed.value };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
