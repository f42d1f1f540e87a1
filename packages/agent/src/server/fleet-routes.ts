import { Router as createRouter, type Router } from 'express';
import type { FleetFolder } from '../fleet/fleet-folder.js';
import type { FleetManager } from '../fleet/fleet-manager.js';
import { parseFleetStartRequest } from '../fleet/fleet-start-request.js';
import { AgentHttpError } from './agent-http-error.js';
import { boundedInteger, sendFile } from './run-routes.js';

const evidenceFiles: Readonly<Record<string, { file: keyof FleetFolder & string; type: string }>> = {
  'summary.json': { file: 'summary', type: 'application/json' },
  'report.html': { file: 'report', type: 'text/html' },
  'junit.xml': { file: 'junit', type: 'application/xml' },
  'metrics.json': { file: 'metrics', type: 'application/json' },
};

/** The coordinator's routes (docs/agent.md, "Fleet"): status of the peers, and fleet runs. */
export function fleetRoutes(fleet: FleetManager): Router {
  const router = createRouter();

  router.get('/fleet/status', async (_request, response) => {
    response.json({ coordinator: fleet.coordinator, peers: await fleet.status() });
  });

  router.post('/fleet/runs', (request, response) => {
    response.status(202).json(fleet.start(parseFleetStartRequest(request.body)));
  });

  router.get('/fleet/runs', (request, response) => {
    const query = request.query as Record<string, string | undefined>;
    const limit = boundedInteger(query.limit, 50, 1, 500, 'limit');
    const before =
      query.before === undefined
        ? undefined
        : boundedInteger(query.before, 0, 0, Number.MAX_SAFE_INTEGER, 'before');
    response.json(fleet.list(limit, before));
  });

  router.get('/fleet/runs/:id', (request, response) => {
    response.json(found(fleet, request.params.id));
  });

  router.post('/fleet/runs/:id/stop', (request, response) => {
    found(fleet, request.params.id);
    response.status(202).json(fleet.stop(request.params.id));
  });

  router.get('/fleet/runs/:id/:file', (request, response) => {
    const evidence = evidenceFiles[request.params.file];
    if (!evidence) {
      throw new AgentHttpError(
        404,
        `a fleet run has no file ${request.params.file}`,
        `try ${Object.keys(evidenceFiles).join(', ')}`,
      );
    }
    found(fleet, request.params.id);
    const folder = fleet.folder(request.params.id)!;
    sendFile(response, folder[evidence.file] as string, evidence.type);
  });

  return router;
}

function found(fleet: FleetManager, id: string) {
  const run = fleet.get(id);
  if (!run) {
    throw new AgentHttpError(
      404,
      `no fleet run ${id}`,
      'GET /api/fleet/runs lists the fleet runs this agent coordinated',
    );
  }
  return run;
}
