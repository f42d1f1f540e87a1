import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

export const fakeRunId = '20261126T120000Z-spread-abcdef';

/**
 * An agent API on loopback for what real agents do too rarely to test on demand. Its run answers
 * "running" to every look; with `stopsOnRequest` a stop turns it "stopped" — before any load ran, so it has
 * no evidence (404) — and without it the run never ends (a hung run child, a clock gone wrong). Every call
 * is recorded.
 */
export async function fakeAgent(options: {
  stopsOnRequest: boolean;
  /** What asking for the run's summary or metrics answers (default 404: there is none). */
  evidenceStatus?: number;
}): Promise<{ url: string; calls: string[] }> {
  const calls: string[] = [];
  const row = {
    id: fakeRunId,
    preset: 'spread',
    region: 'eu-slow',
    agentId: 'slow-a',
    status: 'running',
    reason: null as string | null,
    startedAt: 0,
    endedAt: null as number | null,
    plannedMs: 100,
  };
  const server = createServer((request, response) => {
    calls.push(`${request.method} ${request.url}`);
    if (request.url === `/api/runs/${fakeRunId}/stop` && options.stopsOnRequest) {
      row.status = 'stopped';
      row.endedAt = 1;
    }
    if (/\/(summary|metrics)/.test(request.url ?? '')) {
      response.writeHead(options.evidenceStatus ?? 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'no evidence for this run' }));
      return;
    }
    response.writeHead(request.method === 'POST' && request.url === '/api/runs' ? 202 : 200, {
      'content-type': 'application/json',
    });
    response.end(JSON.stringify(row));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}
