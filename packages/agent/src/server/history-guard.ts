import type { RequestHandler } from 'express';
import { AgentHttpError } from './agent-http-error.js';
import type { ReadinessCheck } from './readiness.js';

/** Routes that read or write the run history: runs, their files and baselines made from them, fleet runs. */
const historyRoutes = /^\/(runs|fleet\/runs)(\/|$)/;

/**
 * While the history is unavailable (an index a newer agent made unusable here), its routes answer 503 with
 * the reason instead of an empty list that would look like a lost history, and no run starts whose row
 * could not be kept. Presets, baselines files, status and fleet status still answer.
 */
export function requireHistory(history: ReadinessCheck): RequestHandler {
  return (request, _response, next) => {
    if (history.ok || !historyRoutes.test(request.path)) {
      next();
      return;
    }
    throw new AgentHttpError(
      503,
      `the run history is unavailable: ${history.detail}`,
      'the agent log says the same at start; docs/deploy.md (Rolling back) has the way out',
    );
  };
}
