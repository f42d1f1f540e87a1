import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePeerRegistry, runFleet } from '../src/index.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/**
 * An agent API on loopback whose run never ends (a hung run child, a clock gone wrong): it accepts the
 * start, answers "running" to every look, and records the stop it is sent.
 */
async function neverEndingAgent(): Promise<{ url: string; calls: string[] }> {
  const calls: string[] = [];
  const row = {
    id: '20261126T120000Z-spread-abcdef',
    preset: 'spread',
    region: 'eu-slow',
    agentId: 'slow-a',
    status: 'running',
    reason: null,
    startedAt: 0,
    endedAt: null,
    plannedMs: 100,
  };
  const server = createServer((request, response) => {
    calls.push(`${request.method} ${request.url}`);
    response.writeHead(request.method === 'POST' && request.url === '/api/runs' ? 202 : 200, {
      'content-type': 'application/json',
    });
    response.end(JSON.stringify(row));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

describe('a run that outlasts its plan', () => {
  it('is stopped and its region reported as timed out', async () => {
    const agent = await neverEndingAgent();
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
    expect(agent.calls).toContain('POST /api/runs/20261126T120000Z-spread-abcdef/stop');
    expect(result.data.fpt.fleet?.complete).toBe(false);
  });
});
