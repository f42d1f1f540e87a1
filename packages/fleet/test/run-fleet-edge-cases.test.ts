import { describe, expect, it } from 'vitest';
import { parsePeerRegistry, runFleet } from '../src/index.js';
import { fakeAgent, fakeRunId } from './fake-agent.js';

describe('a run that outlasts its plan', () => {
  it('is stopped and its region reported as timed out', async () => {
    const agent = await fakeAgent({ stopsOnRequest: false });
    const peers = parsePeerRegistry(`[{id: slow-a, region: eu-slow, url: "${agent.url}"}]`, 'test', {});
    const result = await runFleet({
      request: { id: 'f', preset: 'spread', regions: ['eu-slow'], overrides: {}, tags: {} },
      peers,
      coordinator: 'cli',
      timing: { pollMs: 20, overrunMs: 100 },
    });
    expect([result.run.status, result.run.exitCode, result.run.missingRegions]).toEqual([
      'incomplete',
      97,
      ['eu-slow'],
    ]);
    expect(result.run.regions[0]?.agents[0]?.state).toBe('timeout');
    expect(result.run.regions[0]?.reason).toBe(
      'slow-a: the run went on past its planned end and the allowed overrun',
    );
    // Its start carried the segment and the fleet run's tag; it was asked to stop.
    expect(agent.calls[0]).toBe('POST /api/runs');
    expect(agent.calls).toContain(`POST /api/runs/${fakeRunId}/stop`);
    expect(result.data.fpt.fleet?.complete).toBe(false);
  });
});

describe('a fleet run stopped before its agents measured anything', () => {
  const stoppedAtOnce = async (evidenceStatus: number) => {
    const agent = await fakeAgent({ stopsOnRequest: true, evidenceStatus });
    const peers = parsePeerRegistry(`[{id: slow-a, region: eu-slow, url: "${agent.url}"}]`, 'test', {});
    const stop = new AbortController();
    const result = await runFleet({
      request: { id: 'f', preset: 'spread', regions: ['eu-slow'], overrides: {}, tags: {} },
      peers,
      coordinator: 'cli',
      timing: { pollMs: 20, overrunMs: 60_000 },
      signal: stop.signal,
      onUpdate: (run) => {
        if (run.regions[0]?.agents[0]?.state === 'running') stop.abort();
      },
    });
    return { result, agent, slot: result.run.regions[0]?.agents[0] };
  };

  it('shows the agents stopped, not failed, and the run stopped (105), when they have no evidence (404)', async () => {
    const { result, agent, slot } = await stoppedAtOnce(404);
    expect([result.run.status, result.run.exitCode]).toEqual(['stopped', 105]);
    expect(slot?.state).toBe('stopped');
    expect(slot?.reason).toMatch(/^stopped before it had measured anything/);
    expect(agent.calls).toContain(`POST /api/runs/${fakeRunId}/stop`);
  });

  it('still calls it an error when the evidence exists but cannot be fetched', async () => {
    const { slot } = await stoppedAtOnce(500);
    expect(slot?.state).toBe('error');
    expect(slot?.reason).toMatch(/^its run ended \(stopped\) but its evidence could not be fetched/);
  });
});
