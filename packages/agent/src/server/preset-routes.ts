import { Router as createRouter, type Router } from 'express';
import type { PresetCatalog } from '../presets/preset-catalog.js';
import { AgentHttpError } from './agent-http-error.js';

export function presetRoutes(catalog: PresetCatalog): Router {
  const router = createRouter();
  router.get('/presets', (_request, response) => {
    response.json({ presets: catalog.list() });
  });
  router.get('/presets/:name', (request, response) => {
    const info = catalog.info(request.params.name);
    if (!info)
      throw new AgentHttpError(404, `no preset named ${request.params.name}`, 'GET /api/presets lists them');
    response.json(info);
  });
  return router;
}
