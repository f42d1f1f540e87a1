import type { LivePoint, RunRow } from '../src/api/agent-types.js';

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
