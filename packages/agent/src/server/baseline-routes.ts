import { Router as createRouter, type Router } from 'express';
import { isPresetName } from '../presets/preset-catalog.js';
import type { BaselineStore } from '../runs/baseline-store.js';
import { readRunSummary } from '../runs/read-run-summary.js';
import type { RunManager } from '../runs/run-manager.js';
import { RunStatus } from '../runs/run-row.js';
import { AgentHttpError } from './agent-http-error.js';

/** Marking a run as its preset's baseline, and reading or dropping a preset's baseline. */
export function baselineRoutes(runs: RunManager, baselines: BaselineStore): Router {
  const router = createRouter();

  router.post('/runs/:id/baseline', (request, response) => {
    const row = runs.get(request.params.id);
    if (!row) throw new AgentHttpError(404, `no run ${request.params.id}`);
    if (row.status === RunStatus.running) {
      throw new AgentHttpError(409, 'the run is still going', 'mark it as the baseline once it has ended');
    }
    const folder = runs.folder(row.id)!;
    const summary = readRunSummary(folder.summary);
    if (!summary) {
      throw new AgentHttpError(
        422,
        'this run has no summary, so it cannot be a baseline',
        'pick a run that finished',
      );
    }
    const { baseline, warnings } = baselines.save(row.preset, summary, new Date());
    response.status(201).json({ preset: row.preset, runId: row.id, baseline, warnings });
  });

  router.get('/baselines/:preset', (request, response) => {
    const baseline = isPresetName(request.params.preset) ? baselines.get(request.params.preset) : undefined;
    if (!baseline) {
      throw new AgentHttpError(
        404,
        `no baseline for preset ${request.params.preset}`,
        'mark a run: POST /api/runs/<id>/baseline',
      );
    }
    response.json(baseline);
  });

  router.delete('/baselines/:preset', (request, response) => {
    if (!isPresetName(request.params.preset) || !baselines.remove(request.params.preset)) {
      throw new AgentHttpError(404, `no baseline for preset ${request.params.preset}`);
    }
    response.status(204).end();
  });

  return router;
}
