import type {
  FleetRegion,
  FleetRunRow,
  KeyFigures,
  LivePoint,
  PeerState,
  RunRow,
  SummaryThreshold,
} from '@fpt/api-types';

/** A finished run's row with plausible figures; override what a test is about. */
export function runRow(overrides: Partial<RunRow> = {}): RunRow {
  const id = overrides.id ?? '20261126T120000Z-quick-3f9a';
  return {
    id,
    preset: 'quick',
    region: 'local',
    agentId: 'agent-1',
    tags: {},
    status: 'passed',
    reason: null,
    startedAt: Date.UTC(2026, 10, 26, 12, 0, 0),
    endedAt: Date.UTC(2026, 10, 26, 12, 0, 20),
    durationMs: 20_000,
    plannedMs: 20_000,
    exitCode: 0,
    verdict: null,
    requests: 1000,
    requestRate: 50,
    errorRate: 0.002,
    p50Ms: 10,
    p95Ms: 100,
    p99Ms: 200,
    maxVus: 5,
    iterations: 1000,
    checksPassed: 1500,
    checksFailed: 0,
    thresholdsPassed: 3,
    thresholdsFailed: 0,
    lcpP75Ms: null,
    clsP75: null,
    inpP75Ms: null,
    links: {
      summary: `/api/runs/${id}/summary.json`,
      report: `/api/runs/${id}/report.html`,
      junit: `/api/runs/${id}/junit.xml`,
      log: `/api/runs/${id}/run.log`,
      live: `/api/runs/${id}/live`,
      gate: `/api/runs/${id}/gate.json`,
      metrics: `/api/runs/${id}/metrics.json`,
    },
    ...overrides,
  };
}

/** The live point of second `second` of a run; override what a test is about. */
export function livePoint(second: number, overrides: Partial<LivePoint> = {}): LivePoint {
  return {
    tMs: second * 1000,
    elapsedMs: second * 1000,
    plannedMs: 20_000,
    vus: 5,
    requests: 50,
    failedRequests: 0,
    iterations: 50,
    droppedIterations: 0,
    p50Ms: 10,
    p95Ms: 90,
    p99Ms: 150,
    totalRequests: 50 * second,
    totalFailed: 0,
    failingThresholds: [],
    perRequest: [],
    ...overrides,
  };
}

/** A region's or a fleet's merged figures; override what a test is about. */
export function keyFigures(overrides: Partial<KeyFigures> = {}): KeyFigures {
  return {
    requests: 20,
    requestRate: 10,
    errorRate: 0,
    p50Ms: 20,
    p95Ms: 30,
    p99Ms: 35,
    maxVus: 2,
    iterations: 20,
    checksPassed: null,
    checksFailed: null,
    thresholdsPassed: 1,
    thresholdsFailed: 0,
    lcpP75Ms: null,
    clsP75: null,
    inpP75Ms: null,
    ...overrides,
  };
}

export function threshold(overrides: Partial<SummaryThreshold> = {}): SummaryThreshold {
  return {
    metric: 'http_req_failed',
    expression: 'rate<0.01',
    ok: true,
    noData: false,
    abortOnFail: false,
    allowNoData: false,
    ...overrides,
  };
}

/** A complete region with one agent that passed; override what a test is about. */
export function fleetRegion(region: string, overrides: Partial<FleetRegion> = {}): FleetRegion {
  return {
    region,
    status: 'complete',
    reason: null,
    figures: keyFigures(),
    thresholds: [threshold()],
    agents: [
      {
        peer: `${region}-1`,
        agentId: `${region}-1`,
        url: `https://${region}.example.com`,
        segment: { index: 0, count: 1 },
        state: 'passed',
        reason: null,
        runId: `run-${region}`,
        links: null,
        figures: keyFigures(),
      },
    ],
    ...overrides,
  };
}

/** A fleet run that passed in eu-near and eu-far; override what a test is about. */
export function fleetRun(overrides: Partial<FleetRunRow> = {}): FleetRunRow {
  const id = overrides.id ?? '20261126T120000Z-fleet-quick-3f9a01';
  const base = `/api/fleet/runs/${id}`;
  return {
    kind: 'fleet',
    id,
    preset: 'quick',
    status: 'passed',
    reason: null,
    coordinator: 'eu-near/near-a',
    requestedRegions: ['eu-near', 'eu-far'],
    missingRegions: [],
    overrides: {},
    tags: {},
    startedAt: Date.UTC(2026, 10, 26, 12, 0, 0),
    endedAt: Date.UTC(2026, 10, 26, 12, 0, 10),
    durationMs: 10_000,
    exitCode: 0,
    figures: keyFigures({ requests: 40 }),
    thresholds: [threshold()],
    regions: [fleetRegion('eu-near'), fleetRegion('eu-far', { figures: keyFigures({ p95Ms: 330 }) })],
    warnings: [],
    links: {
      summary: `${base}/summary.json`,
      report: `${base}/report.html`,
      junit: `${base}/junit.xml`,
      metrics: `${base}/metrics.json`,
    },
    ...overrides,
  };
}

/** A healthy, idle peer; override what a test is about. */
export function peerState(id: string, overrides: Partial<PeerState> = {}): PeerState {
  return {
    id,
    region: 'eu-near',
    role: 'baseline',
    url: `https://${id}.example.com`,
    route: 'public',
    health: 'ok',
    detail: null,
    version: '0.1.0',
    agentId: id,
    busy: false,
    runId: null,
    regionMismatch: null,
    latencyMs: 40,
    ...overrides,
  };
}
