import { Router as createRouter, type Router } from 'express';
import type { AgentConfig } from '../config/agent-config.js';
import type { PresetCatalog } from '../presets/preset-catalog.js';
import type { RunManager } from '../runs/run-manager.js';
import type { ReadinessCheck } from './readiness.js';
import { ReadinessMonitor } from './readiness-monitor.js';
import { authorization } from './token-auth.js';

export interface HealthContext {
  readonly config: AgentConfig;
  readonly catalog: PresetCatalog;
  readonly runs: RunManager;
  /** Whether the run history could be opened (a newer agent's incompatible index: not). */
  readonly history: ReadinessCheck;
  readonly version: string;
  /** Whether a browser journey could start here (Chromium found), with where or why not. */
  readonly browser: () => ReadinessCheck;
}

/**
 * Liveness (/healthz) answers as long as the process serves requests; readiness (/readyz) says whether
 * a run could start and keep its evidence. Both answer without a token, so a load balancer can ask;
 * the details (version, busy, checks) only go to a caller with a valid token. Neither does any work per
 * request: readiness is computed in the background (ReadinessMonitor), so no number of callers can make
 * the agent parse presets, and /healthz never waits behind it.
 */
export function healthRoutes(context: HealthContext): Router {
  const monitor = new ReadinessMonitor({
    dataDir: context.config.dataDir,
    lackOfRoom: () => context.runs.lackOfRoom(),
    presetsDir: context.config.presetsDir,
    catalog: context.catalog,
    browser: context.browser,
    history: context.history,
  });
  const router = createRouter();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', (request, response) => {
    const { ready, checks, checkedAt, presetsCheckedAt, presetScans } = monitor.snapshot;
    response.status(ready ? 200 : 503);
    const state = authorization(request, context.config.tokens);
    if (state === 'missing' || state === 'invalid') {
      response.json({ ready });
      return;
    }
    const current = context.runs.current;
    response.json({
      ready,
      version: context.version,
      region: context.config.region,
      agentId: context.config.agentId,
      busy: current !== undefined,
      runId: current?.id ?? null,
      checks,
      checkedAt,
      presetsCheckedAt,
      presetScans,
    });
  });
  return router;
}
