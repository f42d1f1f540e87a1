import express, { type Express } from 'express';
import type { FleetManager } from '../fleet/fleet-manager.js';
import type { BaselineStore } from '../runs/baseline-store.js';
import type { RunIndex } from '../runs/run-index.js';
import type { RunManager } from '../runs/run-manager.js';
import { baselineRoutes } from './baseline-routes.js';
import { compareRoutes } from './compare-routes.js';
import { errorHandler } from './error-handler.js';
import { fleetRoutes } from './fleet-routes.js';
import { type HealthContext, healthRoutes } from './health-routes.js';
import { requireHistory } from './history-guard.js';
import { loginRoutes } from './login-routes.js';
import { presetRoutes } from './preset-routes.js';
import { runRoutes } from './run-routes.js';
import { sameOriginForCookies } from './same-origin-guard.js';
import { staticUi } from './static-ui.js';
import { requireToken } from './token-auth.js';

export interface AppContext extends HealthContext {
  readonly runs: RunManager;
  readonly index: RunIndex;
  readonly baselines: BaselineStore;
  readonly fleet: FleetManager;
  readonly uiDir: string | undefined;
  readonly log: (line: string) => void;
}

/** Request bodies are small JSON objects (a start request, a login): anything bigger is refused. */
const bodyLimit = '64kb';

export function createApp(context: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  // The Kamal proxy and cloudflared forward from loopback or the container network.
  app.set('trust proxy', 'loopback, uniquelocal');
  app.use((_request, response, next) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  app.use(healthRoutes(context));
  const api = express.Router();
  api.use(sameOriginForCookies());
  api.use(express.json({ limit: bodyLimit }));
  api.use(loginRoutes(context.config.tokens));
  api.use(requireToken(context.config.tokens));
  api.get('/status', (_request, response) => {
    response.json({
      version: context.version,
      region: context.config.region,
      agentId: context.config.agentId,
      busy: context.runs.current !== undefined,
      run: context.runs.current ?? null,
      authRequired: context.config.tokens.length > 0,
      fleet: context.fleet.summary,
      history: context.history,
    });
  });
  api.use(presetRoutes(context.catalog));
  api.use(requireHistory(context.history));
  api.use(runRoutes(context.runs, context.index));
  api.use(baselineRoutes(context.runs, context.baselines));
  api.use(compareRoutes(context.runs));
  api.use(fleetRoutes(context.fleet));
  api.use((request, response) => {
    response.status(404).json({
      error: `no API route ${request.method} /api${request.path}`,
      hint: 'docs/agent.md lists the routes',
    });
  });
  app.use('/api', api);
  app.use(staticUi(context.uiDir));
  app.use(errorHandler(context.log));
  return app;
}
