import type { NextFunction, Request, Response } from 'express';
import { diskFullRefusal, isDiskFullError } from '../runs/disk-space.js';
import { AgentHttpError } from './agent-http-error.js';

/**
 * Every error becomes JSON that says what is wrong; a stack trace never leaves the agent (it goes to the
 * agent's log instead, for an unexpected error).
 */
export function errorHandler(log: (line: string) => void) {
  return (error: unknown, request: Request, response: Response, _next: NextFunction): void => {
    if (response.headersSent) {
      response.end();
      return;
    }
    if (error instanceof AgentHttpError) {
      response
        .status(error.status)
        .json({ error: error.message, ...(error.hint ? { hint: error.hint } : {}), ...error.detail });
      return;
    }
    const status = (error as { status?: unknown; type?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser's refusals: too large, not JSON.
      const type = (error as { type?: string }).type;
      response.status(status).json({
        error:
          type === 'entity.too.large'
            ? 'the request body is too large'
            : type === 'entity.parse.failed'
              ? 'the request body is not valid JSON'
              : 'the request could not be read',
        hint: 'send a small JSON object with Content-Type: application/json',
      });
      return;
    }
    if (isDiskFullError(error)) {
      const refusal = diskFullRefusal((error as Error).message);
      response.status(refusal.status).json({ error: refusal.message, hint: refusal.hint });
      return;
    }
    log(`error on ${request.method} ${request.path}: ${(error as Error)?.stack ?? String(error)}`);
    response.status(500).json({ error: 'the agent hit an internal error; its log has the details' });
  };
}
