import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { Router as createRouter, type Response, type Router } from 'express';
import type { RunIndex } from '../runs/run-index.js';
import type { RunManager } from '../runs/run-manager.js';
import { withLinks } from '../runs/run-row.js';
import { parseStartRequest } from '../runs/start-request.js';
import { AgentHttpError } from './agent-http-error.js';
import { sendLiveEvents } from './send-live-events.js';

type EvidenceFile = 'summary' | 'report' | 'junit' | 'log' | 'metrics' | 'gate' | 'gateMarkdown';
const evidenceFiles: Readonly<Record<string, { file: EvidenceFile; type: string }>> = {
  'summary.json': { file: 'summary', type: 'application/json' },
  'report.html': { file: 'report', type: 'text/html' },
  'junit.xml': { file: 'junit', type: 'application/xml' },
  'run.log': { file: 'log', type: 'text/plain' },
  'gate.json': { file: 'gate', type: 'application/json' },
  'gate.md': { file: 'gateMarkdown', type: 'text/markdown' },
  'metrics.json': { file: 'metrics', type: 'application/json' },
};

export function runRoutes(runs: RunManager, index: RunIndex): Router {
  const router = createRouter();

  router.post('/runs', async (request, response) => {
    const row = await runs.start(parseStartRequest(request.body));
    response.status(202).json(row);
  });

  router.get('/runs', (request, response) => {
    const query = request.query as Record<string, string | undefined>;
    const { limit, before } = pageQuery(query);
    const { runs: records, total } = index.list({
      ...(query.preset ? { preset: query.preset } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.region ? { region: query.region } : {}),
      ...(before === undefined ? {} : { before }),
      limit,
    });
    // The running run's row in the index is its start; the manager has its latest state.
    const current = runs.current;
    response.json({
      runs: records.map((record) => (current?.id === record.id ? current : withLinks(record))),
      total,
    });
  });

  router.get('/runs/:id', (request, response) => {
    response.json(found(runs, request.params.id));
  });

  router.post('/runs/:id/stop', (request, response) => {
    found(runs, request.params.id);
    response.status(202).json(runs.stop(request.params.id));
  });

  router.get('/runs/:id/live', (request, response) => {
    found(runs, request.params.id);
    const channel = runs.channel(request.params.id);
    if (!channel) throw new AgentHttpError(404, `run ${request.params.id} has no live stream`);
    sendLiveEvents(request, response, channel);
  });

  router.get('/runs/:id/files/*path', (request, response) => {
    found(runs, request.params.id);
    const folder = runs.folder(request.params.id)!;
    const parts = (request.params as { path: string[] }).path;
    const root = resolve(folder.artifacts);
    const file = resolve(root, ...parts);
    // Only files inside the run's artifacts folder: "..", absolute paths and symlinked names stay out.
    if (!(file.startsWith(root + sep) && !relative(root, file).startsWith('..'))) {
      throw new AgentHttpError(404, 'no such file');
    }
    sendFile(response, file, undefined);
  });

  router.get('/runs/:id/:file', (request, response) => {
    const evidence = evidenceFile(request.params.file, Object.keys(evidenceFiles), 'a run');
    found(runs, request.params.id);
    const folder = runs.folder(request.params.id)!;
    sendFile(response, folder[evidence.file], evidence.type);
  });

  return router;
}

function found(runs: RunManager, id: string) {
  const row = runs.get(id);
  if (!row) throw new AgentHttpError(404, `no run ${id}`, 'GET /api/runs lists the runs this agent keeps');
  return row;
}

export function sendFile(response: Response, file: string, type: string | undefined): void {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new AgentHttpError(
      404,
      'the run has not written this file (yet)',
      'runs write their summary, report and JUnit when they end',
    );
  }
  if (type) response.type(type);
  response.sendFile(file, { dotfiles: 'deny' });
}

/** The file of a run folder a URL names (among `offered`), or a 404 that lists the choices. */
export function evidenceFile(
  name: string,
  offered: readonly string[],
  what: string,
): (typeof evidenceFiles)[string] {
  const evidence = offered.includes(name) ? evidenceFiles[name] : undefined;
  if (!evidence) throw new AgentHttpError(404, `${what} has no file ${name}`, `try ${offered.join(', ')}`);
  return evidence;
}

/** `?limit=&before=` of a history list: one page, newest first, older than `before` (epoch ms). */
export function pageQuery(query: Record<string, string | undefined>): { limit: number; before?: number } {
  const limit = boundedInteger(query.limit, 50, 1, 500, 'limit');
  return query.before === undefined
    ? { limit }
    : { limit, before: boundedInteger(query.before, 0, 0, Number.MAX_SAFE_INTEGER, 'before') };
}

function boundedInteger(
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
  name: string,
): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AgentHttpError(
      400,
      `${name} must be a whole number from ${min} to ${max}`,
      `e.g. ?${name}=${fallback}`,
    );
  }
  return value;
}
