import type { FleetLiveFigures, FleetLivePoint, FleetLiveSource } from '@fpt/api-types';
import { describe, expect, it } from 'vitest';
import { regionLiveState } from '../src/lib/fleet-live-regions.js';
import { livePointsOf } from '../src/lib/fleet-live-series.js';
import { liveFigures } from '../src/lib/live-tiles.js';
import { fleetRegion } from './run-fixtures.js';

function figures(
  requests: number,
  failed: number,
  p95Ms: number | undefined,
  reporting = 1,
): FleetLiveFigures {
  return {
    vus: 2,
    requests,
    failedRequests: failed,
    iterations: requests,
    droppedIterations: 0,
    ...(p95Ms === undefined ? {} : { p50Ms: p95Ms / 2, p95Ms, p99Ms: p95Ms * 2 }),
    totalRequests: requests,
    totalFailed: failed,
    agents: 1,
    reporting,
  };
}

function second(n: number, near: FleetLiveFigures, far: FleetLiveFigures): FleetLivePoint {
  return {
    second: n,
    elapsedMs: n * 1000,
    plannedMs: 10_000,
    fleet: {
      ...figures(near.requests + far.requests, near.failedRequests + far.failedRequests, 300),
      agents: 2,
      reporting: 2,
    },
    regions: [
      { region: 'eu-near', ...near },
      { region: 'eu-far', ...far },
    ],
  };
}

const source = (
  peer: string,
  region: string,
  state: FleetLiveSource['state'],
  reason: string | null = null,
) => ({
  peer,
  region,
  state,
  reason,
});

describe("a fleet run's live seconds", () => {
  it('read as the live points of a single run, fleet-wide or by region, for the same tiles', () => {
    const points = [
      second(1, figures(100, 0, 20), figures(100, 10, 320)),
      second(2, figures(100, 0, 22), figures(100, 0, 330)),
    ];
    const far = liveFigures(livePointsOf(points, 'eu-far'));
    expect(far).toMatchObject({ requestsPerSec: 100, windowErrorRate: 0.05, p95Ms: 330, elapsedMs: 2000 });
    expect(far.plannedMs).toBe(10_000);
    expect(liveFigures(livePointsOf(points))).toMatchObject({ requestsPerSec: 200, p95Ms: 300 });
    expect(livePointsOf(points, 'us-east')).toEqual([]);
  });
});

describe("a region's state in the live stream", () => {
  const latest = (reporting: number, agents = 1) => ({
    region: 'eu-near',
    ...figures(10, 0, 20, reporting),
    agents,
  });

  it('is live only while every agent of it delivers each second', () => {
    const running = fleetRegion('eu-near', { status: 'running' });
    const sources = [source('eu-near-1', 'eu-near', 'live')];
    expect(regionLiveState(running, sources, latest(1)).badge.word).toBe('live');
    expect(regionLiveState(running, sources, latest(1, 2)).badge).toMatchObject({
      word: '1 of 2 agents',
      tone: 'warn',
    });
    expect(
      regionLiveState(running, [source('eu-near-1', 'eu-near', 'connecting')], undefined).badge.word,
    ).toBe('starting');
    expect(regionLiveState(running, [source('eu-near-1', 'eu-near', 'ended')], latest(1)).badge.word).toBe(
      'ended',
    );
  });

  it('is never running when its agent is unreachable, lost, or its stream broke', () => {
    const unreachable = fleetRegion('us-gone', {
      status: 'missing',
      reason: 'gone: unreachable: GET http://127.0.0.1:9/api/runs: ECONNREFUSED',
      agents: [{ ...fleetRegion('us-gone').agents[0]!, state: 'unreachable', runId: null }],
    });
    const state = regionLiveState(unreachable, [source('gone', 'us-gone', 'off', 'ECONNREFUSED')], undefined);
    expect(state.badge).toMatchObject({ word: 'unreachable', tone: 'bad' });
    expect(state.detail).toContain('ECONNREFUSED');
    const running = fleetRegion('eu-near', { status: 'running' });
    const broken = regionLiveState(
      running,
      [source('eu-near-1', 'eu-near', 'retrying', 'its live stream failed: unreachable: ECONNRESET')],
      latest(1),
    );
    expect(broken.badge).toMatchObject({ word: 'stream lost', tone: 'bad' });
    expect(broken.detail).toBe('eu-near-1: its live stream failed: unreachable: ECONNRESET');
    expect(
      regionLiveState(running, [source('eu-near-1', 'eu-near', 'off', 'lost')], latest(0)).badge.word,
    ).toBe('no live data');
  });
});
