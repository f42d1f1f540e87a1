import { Router as createRouter, type Router } from 'express';
import type { FleetManager } from '../fleet/fleet-manager.js';
import { parseFleetStartRequest } from '../fleet/fleet-start-request.js';
import { AgentHttpError } from './agent-http-error.js';
import { evidenceFile, pageQuery, sendFile } from './run-routes.js';
import { sendLiveEvents } from './send-live-events.js';

/** A fleet run's merged evidence (it has no log of its own: each agent's run has one). */
const fleetEvidence = ['summary.json', 'report.html', 'junit.xml', 'metrics.json'];

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
    const { limit, before } = pageQuery(request.query as Record<string, string | undefined>);
    response.json(fleet.list(limit, before));
  });

  router.get('/fleet/runs/:id', (request, response) => {
    response.json(found(fleet, request.params.id));
  });

  router.post('/fleet/runs/:id/stop', (request, response) => {
    found(fleet, request.params.id);
    response.status(202).json(fleet.stop(request.params.id));
  });

  // Before /:file, which would take "live" for a file name.
  router.get('/fleet/runs/:id/live', (request, response) => {
    found(fleet, request.params.id);
    sendLiveEvents(request, response, fleet.liveChannel(request.params.id)!);
  });

  router.get('/fleet/runs/:id/:file', (request, response) => {
    const evidence = evidenceFile(request.params.file, fleetEvidence, 'a fleet run');
    found(fleet, request.params.id);
    const folder = fleet.folder(request.params.id)!;
    sendFile(response, folder[evidence.file], evidence.type);
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
