import type {
  AgentStatus,
  FleetRunRow,
  FleetRunsPage,
  FleetStatus,
  GateVerdictJson,
  PresetInfo,
  RunRow,
  RunSummaryJson,
  RunsPage,
  StartFleetRunRequest,
  StartRunRequest,
} from '@fpt/api-types';
import type { HistoryFilters } from '../lib/hash-route.js';
import { runsQueryPath } from '../lib/runs-query.js';
import { ApiError } from './api-error.js';

let unauthorizedListener: () => void = () => {};

/** Called whenever the agent answers 401, so the app can show the login form wherever the user is. */
export function onUnauthorized(listener: () => void): void {
  unauthorizedListener = listener;
}

/**
 * A link the agent gave (`/api/runs/<id>/report.html`) made relative to the page, so the UI also works
 * behind a proxy that serves the agent under a path prefix.
 */
export function agentLink(link: string): string {
  return link.replace(/^\/+/, '');
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(agentLink(path), {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(
      0,
      undefined,
      `The agent did not answer (${(error as Error).message}). Is it running?`,
    );
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    if (response.status === 401) unauthorizedListener();
    const errorBody = typeof json === 'object' && json !== null ? (json as ApiError['body']) : undefined;
    throw new ApiError(
      response.status,
      errorBody,
      errorBody?.error ?? `HTTP ${response.status} from ${path}`,
    );
  }
  if (json === undefined && text !== '')
    throw new ApiError(response.status, undefined, `${path} did not answer JSON`);
  return json as T;
}

const runPath = (id: string) => `api/runs/${encodeURIComponent(id)}`;
const fleetRunPath = (id: string) => `api/fleet/runs/${encodeURIComponent(id)}`;

/** How many fleet runs the Fleet page lists. */
export const FLEET_RUNS_PAGE_SIZE = 20;

/** The agent's API (docs/agent.md), relative to the page. */
export const agentApi = {
  status: () => call<AgentStatus>('GET', 'api/status'),
  login: (token: string) => call<unknown>('POST', 'api/login', { token }),
  logout: () => call<unknown>('POST', 'api/logout', {}),
  presets: () => call<{ presets: PresetInfo[] }>('GET', 'api/presets').then((r) => r.presets),
  preset: (name: string) => call<PresetInfo>('GET', `api/presets/${encodeURIComponent(name)}`),
  startRun: (request: StartRunRequest) => call<RunRow>('POST', 'api/runs', request),
  stopRun: (id: string) => call<RunRow>('POST', `${runPath(id)}/stop`, {}),
  setBaseline: (id: string) => call<unknown>('POST', `${runPath(id)}/baseline`, {}),
  runs: (filters: HistoryFilters, before?: number) => call<RunsPage>('GET', runsQueryPath(filters, before)),
  run: (id: string) => call<RunRow>('GET', runPath(id)),
  summary: (run: RunRow) => call<RunSummaryJson>('GET', run.links.summary),
  /** The baseline gate's verdict; only a run of a preset that had a baseline has one. */
  gate: (run: RunRow) => call<GateVerdictJson>('GET', run.links.gate ?? `${runPath(run.id)}/gate.json`),
  /** The baseline gate's verdict on `run` against a baseline made from `base` (docs/agent.md). */
  compare: (base: string, run: string) =>
    call<GateVerdictJson>(
      'GET',
      `api/compare?base=${encodeURIComponent(base)}&run=${encodeURIComponent(run)}`,
    ),
  liveUrlFor: (id: string) => `${runPath(id)}/live`,
  fleetStatus: () => call<FleetStatus>('GET', 'api/fleet/status'),
  startFleetRun: (request: StartFleetRunRequest) => call<FleetRunRow>('POST', 'api/fleet/runs', request),
  stopFleetRun: (id: string) => call<FleetRunRow>('POST', `${fleetRunPath(id)}/stop`, {}),
  fleetRuns: () => call<FleetRunsPage>('GET', `api/fleet/runs?limit=${FLEET_RUNS_PAGE_SIZE}`),
  fleetRun: (id: string) => call<FleetRunRow>('GET', fleetRunPath(id)),
  fleetLiveUrlFor: (id: string) => `${fleetRunPath(id)}/live`,
};
