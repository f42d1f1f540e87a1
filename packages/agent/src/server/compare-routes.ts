import { buildBaseline, compareWithBaseline, GateInputError, resolveTolerances } from '@fpt/gate';
import type { SummaryData } from '@fpt/report';
import { Router as createRouter, type Router } from 'express';
import { readRunSummary } from '../runs/read-run-summary.js';
import type { RunManager } from '../runs/run-manager.js';
import { RunStatus } from '../runs/run-row.js';
import { AgentHttpError } from './agent-http-error.js';

/**
 * `GET /api/compare?base=<id>&run=<id>`: the baseline gate's verdict on `run` against a baseline made from
 * `base`, exactly as `fpt baseline save <base summary>` then `fpt gate <run summary> --baseline <file>`
 * would judge them (the run's own tolerances, floor, per request, per region). Runs of different presets
 * are not comparable: the gate refuses them (exit 104), and so does this route (422, `comparable: false`).
 */
export function compareRoutes(runs: RunManager): Router {
  const router = createRouter();

  router.get('/compare', (request, response) => {
    const query = request.query as Record<string, unknown>;
    const baseId = runIdParameter(query.base, 'base');
    const runId = runIdParameter(query.run, 'run');
    const base = finishedSummary(runs, baseId, 'base');
    const run = finishedSummary(runs, runId, 'run');

    if (base.preset !== run.preset) {
      throw new AgentHttpError(
        422,
        `the runs are not comparable: ${baseId} ran preset "${base.preset}", ${runId} ran preset "${run.preset}"`,
        'compare two runs of the same preset: the gate judges a run only against a baseline of its own preset',
        { comparable: false, basePreset: base.preset, runPreset: run.preset },
      );
    }
    let baseline: ReturnType<typeof buildBaseline>['baseline'];
    try {
      baseline = buildBaseline(base.data, new Date()).baseline;
    } catch (error) {
      if (!(error instanceof GateInputError)) throw error;
      throw new AgentHttpError(422, `the base run cannot be a baseline: ${error.message}`, error.hint, {
        comparable: false,
      });
    }
    try {
      response.json(compareWithBaseline(run.data, baseline, resolveTolerances(run.data, {})));
    } catch (error) {
      if (!(error instanceof GateInputError)) throw error;
      throw new AgentHttpError(422, `the runs are not comparable: ${error.message}`, error.hint, {
        comparable: false,
        ...(error.problems.length > 0 ? { problems: error.problems } : {}),
      });
    }
  });

  return router;
}

function runIdParameter(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new AgentHttpError(400, `${name} must name a run`, 'GET /api/compare?base=<run id>&run=<run id>');
  }
  return value;
}

/** A run's preset and summary, or the refusal that says why it has none to compare. */
function finishedSummary(
  runs: RunManager,
  id: string,
  role: 'base' | 'run',
): { preset: string; data: SummaryData } {
  const row = runs.get(id);
  if (!row) throw new AgentHttpError(404, `no run ${id}`, 'GET /api/runs lists the runs this agent keeps');
  if (row.status === RunStatus.running) {
    throw new AgentHttpError(409, `${role} run ${id} is still going`, 'compare it once it has ended');
  }
  const data = readRunSummary(runs.folder(row.id)!.summary);
  if (!data) {
    throw new AgentHttpError(
      422,
      `${role} run ${id} has no summary, so there is nothing to compare`,
      'pick a run that finished',
      { comparable: false },
    );
  }
  // The summary's own preset name is what the gate compares (assertBaselineForPreset).
  return { preset: data.fpt.preset.name, data };
}
