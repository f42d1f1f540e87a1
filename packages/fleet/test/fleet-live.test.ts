import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentProcess } from '../../../tools/test-support/agent-process.js';
import { api, readLiveEvents, seedFolder } from '../../agent/test/agent-fixtures.js';
import { EventStreamParser, type FleetLivePoint, type FleetLiveStatus } from '../src/index.js';
import { closedPort, type FleetRunLike, startRegionAgent, steadyPreset } from './fleet-fixtures.js';

let target: DemoTarget;
let seed: string;
let coordinator: AgentProcess;
let farA: AgentProcess;
let doomed: AgentProcess;
const agents: AgentProcess[] = [];

beforeAll(async () => {
  target = await startDemoTarget();
  seed = seedFolder({ 'steady.yaml': steadyPreset });
  const start = (id: string, region: string, env: Record<string, string> = {}, args: string[] = []) =>
    startRegionAgent({ id, region, seed, targetUrl: target.url, env, args }).then((agent) => {
      agents.push(agent);
      return agent;
    });
  [farA, doomed] = await Promise.all([start('far-a', 'eu-far'), start('doomed-a', 'eu-doomed')]);
  const coordinatorPort = await closedPort();
  const peersFile = join(seed, 'peers.yaml');
  writeFileSync(
    peersFile,
    `peers:
  - { id: near-a, region: eu-near, url: "http://127.0.0.1:${coordinatorPort}" }
  - { id: far-a, region: eu-far, url: "${farA.url}" }
  - { id: doomed-a, region: eu-doomed, url: "${doomed.url}" }
  - { id: gone, region: us-gone, url: "http://127.0.0.1:${await closedPort()}" }
`,
  );
  // The coordinator runs eu-near's share itself, through its own API.
  coordinator = await start('near-a', 'eu-near', { FPT_PEERS_FILE: peersFile, FPT_PEER_LOST_AFTER: '1s' }, [
    '--port',
    String(coordinatorPort),
  ]);
}, 60_000);

afterAll(async () => {
  for (const agent of agents.splice(0)) await agent.stop();
  await target?.close();
  if (seed) rmSync(seed, { recursive: true, force: true });
});

interface FleetLiveEvent {
  event: string;
  data: unknown;
}

/**
 * Follows GET /api/fleet/runs/:id/live as any client would, until the coordinator closes the stream:
 * `events` fills as they come, `closed` resolves once the response is over.
 */
async function followFleetLive(id: string): Promise<{ events: FleetLiveEvent[]; closed: Promise<void> }> {
  const response = await fetch(`${coordinator.url}/api/fleet/runs/${id}/live`, {
    headers: coordinator.headers(),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: FleetLiveEvent[] = [];
  const parser = new EventStreamParser();
  const decoder = new TextDecoder();
  const closed = (async () => {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      for (const event of parser.push(decoder.decode(chunk, { stream: true })))
        events.push({ event: event.event, data: JSON.parse(event.data) });
    }
  })();
  return { events, closed };
}

async function startFleetRun(regions: string[]): Promise<string> {
  const started = await api<FleetRunLike>(coordinator, '/api/fleet/runs', {
    body: { preset: 'steady', regions },
  });
  expect(started.status).toBe(202);
  return started.body.id;
}

const pointsOf = (events: readonly FleetLiveEvent[]) =>
  events.filter((e) => e.event === 'point').map((e) => e.data as FleetLivePoint);
const regionOf = (point: FleetLivePoint, region: string) => point.regions.find((r) => r.region === region)!;

/** An agent's own live points for its share of the fleet run (replayed: its run is over). */
async function ownPoints(agent: AgentProcess, runId: string) {
  const events = await readLiveEvents(agent, runId);
  return events
    .filter((e) => e.event === 'point')
    .map((e) => e.data as { requests: number; p95Ms?: number; totalRequests: number });
}

describe('the live stream of a fleet run across two agents', () => {
  let events: FleetLiveEvent[];
  let run: FleetRunLike;

  beforeAll(async () => {
    const id = await startFleetRun(['eu-near', 'eu-far']);
    const live = await followFleetLive(id);
    await live.closed;
    events = live.events;
    run = (await api<FleetRunLike>(coordinator, `/api/fleet/runs/${id}`)).body;
  }, 90_000);

  it('ends with the fleet run: its last event is `end` with the run as kept, then the stream closes', () => {
    expect(run.status).toBe('passed');
    expect(events.at(-1)).toMatchObject({ event: 'end', data: { id: run.id, status: 'passed' } });
    expect(events.filter((e) => e.event === 'end')).toHaveLength(1);
  });

  it("adds up every second: the fleet's requests are the regions', each region's are its agent's own", async () => {
    const points = pointsOf(events);
    expect(points.length).toBeGreaterThanOrEqual(4);
    expect(points.map((p) => p.second)).toEqual([...points.map((p) => p.second)].sort((a, b) => a - b));
    for (const point of points) {
      expect(point.fleet.requests).toBe(point.regions.reduce((sum, r) => sum + r.requests, 0));
      expect(point.fleet.vus).toBe(point.regions.reduce((sum, r) => sum + r.vus, 0));
      expect([point.fleet.agents, point.fleet.reporting]).toEqual([2, 2]);
    }
    const byPeer: Record<string, AgentProcess> = { 'near-a': coordinator, 'far-a': farA };
    let total = 0;
    for (const region of run.regions) {
      const agent = region.agents[0]!;
      const own = await ownPoints(byPeer[agent.peer]!, agent.runId!);
      const merged = points.map((p) => regionOf(p, region.region));
      // One agent per region: its seconds, its counts and its own percentiles, second by second.
      expect(merged.map((r) => r.requests)).toEqual(own.map((p) => p.requests));
      expect(merged.map((r) => r.p95Ms)).toEqual(own.map((p) => p.p95Ms));
      expect(merged.at(-1)!.totalRequests).toBe(own.at(-1)!.totalRequests);
      total += own.at(-1)!.totalRequests;
    }
    expect(total).toBeGreaterThan(0);
    expect(points.reduce((sum, p) => sum + p.fleet.requests, 0)).toBe(total);
    expect(points.at(-1)!.fleet.totalRequests).toBe(total);
    expect(total).toBe(run.figures?.requests);
  });

  it("says how each agent's stream stands, every one ended at the end", () => {
    const statuses = events.filter((e) => e.event === 'status').map((e) => e.data as FleetLiveStatus);
    expect(statuses.some((s) => s.sources.some((source) => source.state === 'live'))).toBe(true);
    expect(statuses.at(-1)!.sources.map((s) => [s.peer, s.region, s.state])).toEqual([
      ['near-a', 'eu-near', 'ended'],
      ['far-a', 'eu-far', 'ended'],
    ]);
  });

  it('replays the whole stream once the fleet run is over', async () => {
    const replay = await followFleetLive(run.id);
    await replay.closed;
    expect(pointsOf(replay.events)).toEqual(pointsOf(events));
    expect(replay.events.at(-1)).toMatchObject({ event: 'end', data: { id: run.id, status: 'passed' } });
  });
});

describe('the live stream of a fleet run that loses an agent', () => {
  it('goes on without it, says its stream is down, never waits for it, and ends with the run', async () => {
    const id = await startFleetRun(['eu-near', 'eu-doomed', 'us-gone']);
    const live = await followFleetLive(id);
    // Once doomed-a has streamed a second, it dies as a crashed host would.
    await expect
      .poll(() => pointsOf(live.events).some((p) => regionOf(p, 'eu-doomed').reporting === 1), {
        timeout: 30_000,
      })
      .toBe(true);
    await doomed.kill();
    await live.closed;
    const run = (await api<FleetRunLike>(coordinator, `/api/fleet/runs/${id}`)).body;
    expect([run.status, run.missingRegions]).toEqual(['incomplete', ['eu-doomed', 'us-gone']]);
    expect(live.events.at(-1)).toMatchObject({ event: 'end', data: { id, status: 'incomplete' } });

    const points = pointsOf(live.events);
    const lastDoomed = points.findLastIndex((p) => regionOf(p, 'eu-doomed').reporting === 1);
    const after = points.slice(lastDoomed + 1);
    // The near region went on second by second without it; every second of its agent is in the stream.
    expect(after.length).toBeGreaterThan(0);
    for (const point of after) {
      expect(regionOf(point, 'eu-near').reporting).toBe(1);
      expect(regionOf(point, 'eu-doomed')).toMatchObject({ agents: 1, reporting: 0, requests: 0 });
    }
    const near = run.regions.find((r) => r.region === 'eu-near')!.agents[0]!;
    const own = await ownPoints(coordinator, near.runId!);
    expect(points.map((p) => regionOf(p, 'eu-near').requests)).toEqual(own.map((p) => p.requests));
    // The unreachable region never ran: no agent of it counts, and its agent's stream is off with the reason.
    for (const point of points) expect(regionOf(point, 'us-gone')).toMatchObject({ agents: 0, reporting: 0 });
    const sources = live.events.filter((e) => e.event === 'status').map((e) => e.data as FleetLiveStatus);
    const doomedStates = sources.map((s) => s.sources.find((source) => source.peer === 'doomed-a')?.state);
    expect(doomedStates).toContain('retrying');
    expect(sources.at(-1)!.sources.map((s) => [s.peer, s.state])).toEqual([
      ['near-a', 'ended'],
      ['doomed-a', 'off'],
      ['gone', 'off'],
    ]);
    expect(sources.at(-1)!.sources.find((s) => s.peer === 'gone')!.reason).toMatch(/ECONNREFUSED/);
  }, 90_000);
});
