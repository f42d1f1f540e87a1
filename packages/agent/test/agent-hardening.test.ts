import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AgentProcess, startAgentProcess } from '../../../tools/test-support/agent-process.js';
import { api, type RunRowLike, seedFolder, waitForEnd } from './agent-fixtures.js';

/** A loopback server that answers every request with `answer`, counting what it got. */
let hostile: Server;
let plain: Server;
let hostilePort = 0;
let plainPort = 0;
let plainRequests = 0;
let seed: string;
const agents: AgentProcess[] = [];

beforeAll(async () => {
  hostile = createServer((_, res) => {
    res.writeHead(302, { location: 'file:///etc/passwd', 'content-length': '0' });
    res.end();
  });
  plain = createServer((_, res) => {
    plainRequests++;
    res.end('ok');
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  hostilePort = (hostile.address() as { port: number }).port;
  plainPort = (plain.address() as { port: number }).port;
  const short = (name: string, baseUrl: string, extra = '') => `name: ${name}
target:
  baseUrl: ${baseUrl}
${extra}scenarios:
  api:
    executor: shared-iterations
    vus: 2
    iterations: 6
    requests:
      - { name: go, path: /go }
`;
  seed = seedFolder({
    'open.yaml': `name: open
target:
  baseUrl: http://127.0.0.1:${plainPort}
scenarios:
  api:
    executor: constant-arrival-rate
    rate: 10
    duration: 2s
    preAllocatedVUs: 2
    requests: [{ name: go, path: /go }]
safety: { maxArrivalRate: 100000000, maxVUs: 100 }
`,
    'hostile.yaml': short('hostile', `http://127.0.0.1:${hostilePort}`),
    'renamed.yaml': short(
      'renamed',
      `http://api.test:${plainPort}`,
      '  dns: { hosts: { api.test: 127.0.0.1 } }\n',
    ),
  });
});
afterAll(() => {
  hostile?.close();
  plain?.close();
  rmSync(seed, { recursive: true, force: true });
});
afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.stop();
});

async function agentWith(allowTargets: string, env: Record<string, string> = {}): Promise<AgentProcess> {
  const agent = await startAgentProcess({
    env: {
      TARGET_URL: `http://127.0.0.1:${plainPort}`,
      FPT_SEED_PRESETS_DIR: seed,
      FPT_ALLOW_TARGETS: allowTargets,
      ...env,
    },
  });
  agents.push(agent);
  return agent;
}

describe('hardening: targets an agent must not reach', () => {
  it('refuses 0.0.0.0, ::, and their other spellings under FPT_ALLOW_TARGETS=* (they reach the agent’s host)', async () => {
    const agent = await agentWith('*');
    for (const host of [
      '0.0.0.0',
      '0',
      '0x0',
      '[::ffff:0:0]',
      '[::]',
      '[::ffff:127.0.0.1]',
      '169.254.169.254',
    ]) {
      const refused = await api<{ error: string; rule: string }>(agent, '/api/runs', {
        body: { preset: 'tiny', overrides: { target: `http://${host}:${plainPort}` } },
      });
      expect(refused.status, host).toBe(403);
      expect(refused.body.rule, host).toMatch(/unspecified address|loopback|metadata/);
    }
    expect(plainRequests).toBe(0);
  });

  it('judges the address each connection uses: a name allowed by name that resolves to loopback is refused', async () => {
    const agent = await agentWith('api.test');
    const before = plainRequests;
    const started = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'renamed' } });
    expect(started.status).toBe(202);
    const ended = await waitForEnd(agent, started.body.id);
    expect(ended.status).toBe('passed');
    const summary = (
      await api<{ fpt: { errors: { errorCode: string; count: number; reasons: { message: string }[] }[] } }>(
        agent,
        `/api/runs/${ended.id}/summary.json`,
      )
    ).body;
    expect(summary.fpt.errors.map((e) => [e.errorCode, e.count])).toEqual([['1030', 6]]);
    expect(summary.fpt.errors[0]!.reasons[0]!.message).toMatch(
      /api\.test is loopback.*it resolved to 127\.0\.0\.1/,
    );
    expect(plainRequests).toBe(before);
  });
});

describe('hardening: rates beyond the agent', () => {
  it('refuses an arrival rate over FPT_MAX_RATE with 422, even when the preset’s own safety allows it', async () => {
    const agent = await agentWith('127.0.0.1', { FPT_MAX_RATE: '1000' });
    const refused = await api<{ error: string }>(agent, '/api/runs', {
      body: { preset: 'open', overrides: { rate: 100000000 } },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(
      /starts up to 100000000 requests\/s; this agent allows at most 1000 \(FPT_MAX_RATE\)/,
    );
    const fits = await api<RunRowLike>(agent, '/api/runs', {
      body: { preset: 'open', overrides: { rate: 500 } },
    });
    expect(fits.status).toBe(202);
    await api(agent, `/api/runs/${fits.body.id}/stop`, { method: 'POST' });
    expect((await waitForEnd(agent, fits.body.id)).status).toBe('stopped');
  });
});

describe('hardening: a hostile target cannot erase the evidence', () => {
  it('measures a redirect to file:///etc/passwd as failed requests; the run ends with its summary, no stack trace', async () => {
    const agent = await agentWith('127.0.0.1');
    const started = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'hostile' } });
    expect(started.status).toBe(202);
    const ended = await waitForEnd(agent, started.body.id, 30_000);
    expect(ended.status).toBe('passed');
    expect(ended.reason).toBeNull();
    expect(ended.requests).toBe(12);
    const summary = await api<{ fpt: { errors: { errorCode: string; reasons: { message: string }[] }[] } }>(
      agent,
      `/api/runs/${ended.id}/summary.json`,
    );
    expect(summary.status).toBe(200);
    const redirect = summary.body.fpt.errors.find((e) => e.errorCode === '1021')!;
    expect(redirect.reasons[0]!.message).toMatch(/redirect to "file:\/\/\/etc\/passwd", a file: URL/);
    const log = await api<string>(agent, `/api/runs/${ended.id}/run.log`);
    expect(log.status).toBe(200);
    expect(String(log.body)).toContain('http_reqs');
    expect(String(log.body)).not.toMatch(/internal error|TypeError|\bat \w+ \(/);
  });
});
