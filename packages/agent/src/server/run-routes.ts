import { basename, dirname, resolve, sep } from 'node:path';
import { Router as createRouter, type Response, type Router } from 'express';
import type { RunIndex } from '../runs/run-index.js';
import type { RunManager } from '../runs/run-manager.js';
import { withLinks } from '../runs/run-row.js';
import { parseStartRequest } from '../runs/start-request.js';
import { AgentHttpError } from './agent-http-error.js';
import { regularFileWithin } from './regular-file-within.js';
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
    // Decoded segments may still hold a "/" (from %2F): each name between slashes counts.
    const hidden = parts.flatMap((part) => part.split('/')).find((name) => /^\.(?!\.?$)/.test(name));
    if (hidden !== undefined) {
      throw new AgentHttpError(
        404,
        `hidden files are not served (${hidden} starts with ".")`,
        'a run keeps its screenshots and other artifacts under names that do not start with "."',
      );
    }
    const root = resolve(folder.artifacts);
    const file = resolve(root, ...parts);
    if (!file.startsWith(root + sep)) {
      throw new AgentHttpError(
        404,
        "no such file in the run's artifacts",
        'paths are relative to artifacts/',
      );
    }
    sendFile(response, file, undefined, folder.dir);
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

/**
 * Sends a file of a run (or fleet run) folder: only a regular file reached from `within` (the file's own
 * folder by default) without a symlink, so nothing the folder links to ever leaves the agent.
 */
export function sendFile(
  response: Response,
  file: string,
  type: string | undefined,
  within: string = dirname(file),
): void {
  const found = regularFileWithin(within, file);
  if (found.kind === 'missing') {
    throw new AgentHttpError(
      404,
      'the run has not written this file (yet)',
      'runs write their summary, report and JUnit when they end',
    );
  }
  if (found.kind === 'refused') {
    throw new AgentHttpError(
      404,
      `${basename(file)} is not a regular file of the run folder: symlinks and folders are not served`,
    );
  }
  if (type) response.type(type);
  // With `root`, send judges dot names below the root only: a data folder under a dotted folder (the
  // default .fpt/agent) stays servable, while the hidden-name rule above already applies to what a URL names.
  response.sendFile(basename(found.realPath), { root: dirname(found.realPath), dotfiles: 'deny' });
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
