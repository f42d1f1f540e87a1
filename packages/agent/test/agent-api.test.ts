import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AgentProcess, startAgentProcess } from '../../../tools/test-support/agent-process.js';
import {
  api,
  type RunRowLike,
  readLiveEvents,
  seedFolder,
  waitForEnd,
  waitForPoints,
} from './agent-fixtures.js';

let target: DemoTarget;
let seed: string;
const agents: AgentProcess[] = [];

beforeAll(async () => {
  target = await startDemoTarget();
  seed = seedFolder();
});
afterAll(async () => {
  await target?.close();
  rmSync(seed, { recursive: true, force: true });
});
afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.stop();
});

async function agentWith(
  env: Record<string, string> = {},
  options: { dataDir?: string; token?: string | null } = {},
) {
  const agent = await startAgentProcess({
    env: {
      TARGET_URL: target.url,
      FPT_SEED_PRESETS_DIR: seed,
      FPT_ALLOW_TARGETS: '127.0.0.1',
      ...env,
    },
    ...options,
  });
  agents.push(agent);
  return agent;
}

describe('authentication', () => {
  it('liveness answers without a token; every API route needs the right one', async () => {
    const agent = await agentWith();
    const health = await fetch(`${agent.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const missing = await fetch(`${agent.url}/api/presets`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: string }).error).toMatch(/token is required/);
    const wrong = await fetch(`${agent.url}/api/presets`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/not valid/);
    const right = await api<{ presets: { name: string }[] }>(agent, '/api/presets');
    expect(right.status).toBe(200);
    expect(right.body.presets.map((p) => p.name)).toEqual(['long', 'tiny']);

    // Readiness: the bare verdict for anyone, details only with a token.
    const bare = await (await fetch(`${agent.url}/readyz`)).json();
    expect(bare).toEqual({ ready: true });
    const detailed = await api<{ region: string; busy: boolean; checks: Record<string, { ok: boolean }> }>(
      agent,
      '/readyz',
    );
    expect(detailed.body.region).toBe('test-region');
    expect(detailed.body.busy).toBe(false);
    expect(detailed.body.checks.dataDir?.ok).toBe(true);
  });

  it('the UI login sets an HttpOnly, SameSite=Strict cookie that then authorizes API calls', async () => {
    const agent = await agentWith();
    const refused = await fetch(`${agent.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'wrong' }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();
    const login = await fetch(`${agent.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: agent.token }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const withCookie = await fetch(`${agent.url}/api/status`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(withCookie.status).toBe(200);
    expect(((await withCookie.json()) as { authRequired: boolean }).authRequired).toBe(true);
  });

  it('refuses to listen beyond loopback without a token, and says why', async () => {
    await expect(
      startAgentProcess({ token: null, args: ['--bind', '0.0.0.0'], env: { FPT_SEED_PRESETS_DIR: seed } }),
    ).rejects.toThrow(/without a token[\s\S]*FPT_TOKENS/);
  });

  it('refuses bodies that are too large or not JSON, without a stack trace', async () => {
    const agent = await agentWith();
    const large = await api<{ error: string }>(agent, '/api/runs', { body: { preset: 'x'.repeat(100_000) } });
    expect(large.status).toBe(413);
    expect(large.body.error).toMatch(/too large/);
    const broken = await fetch(`${agent.url}/api/runs`, {
      method: 'POST',
      headers: agent.headers({ 'content-type': 'application/json' }),
      body: '{"preset":',
    });
    expect(broken.status).toBe(400);
    const text = await broken.text();
    expect(text).toMatch(/not valid JSON/);
    expect(text).not.toMatch(/\bat \w+ \(|node_modules/);
  });
});

describe('runs', () => {
  it('refuses targets outside the allowlist with 403 and the reason, loopback included', async () => {
    const agent = await agentWith({ FPT_ALLOW_TARGETS: '*.example.com' });
    const refused = await api<{ error: string; target: string; rule: string }>(agent, '/api/runs', {
      body: { preset: 'tiny' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.target).toBe(target.url);
    expect(refused.body.rule).toMatch(/loopback/);
    const elsewhere = await api<{ error: string; rule: string }>(agent, '/api/runs', {
      body: { preset: 'tiny', overrides: { target: 'http://192.0.2.1:8080' } },
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.rule).toMatch(/192\.0\.2\.1 matches no rule of the allowlist \(\*\.example\.com\)/);
    // Nothing ran: the history is empty.
    expect((await api<{ total: number }>(agent, '/api/runs')).body.total).toBe(0);
  });

  it('refuses a run over the hard caps (422) and bad overrides (400), naming the problem', async () => {
    const agent = await agentWith({ FPT_MAX_VUS: '1' });
    const capped = await api<{ error: string }>(agent, '/api/runs', { body: { preset: 'tiny' } });
    expect(capped.status).toBe(422);
    expect(capped.body.error).toMatch(/peaks at 2 VUs; this agent allows at most 1 \(FPT_MAX_VUS\)/);
    const bad = await api<{ error: string }>(agent, '/api/runs', {
      body: { preset: 'tiny', overrides: { vus: 'many' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/overrides.vus must be a whole number/);
    const missing = await api<{ error: string }>(agent, '/api/runs', { body: { preset: 'nope' } });
    expect(missing.status).toBe(404);
  });

  it('starts exactly one run when many start requests arrive together; the others get 409 naming it', async () => {
    const agent = await agentWith();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        api<{ id?: string; runId?: string }>(agent, '/api/runs', { body: { preset: 'long' } }),
      ),
    );
    const started = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status === 409);
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(11);
    const id = started[0]!.body.id!;
    for (const answer of refused) expect(answer.body.runId).toBe(id);
    await waitForPoints(agent, id, 1);
    const stop = await api<RunRowLike>(agent, `/api/runs/${id}/stop`, { method: 'POST' });
    expect(stop.status).toBe(202);
    const ended = await waitForEnd(agent, id);
    expect(ended.status).toBe('stopped');
    expect(ended.requests).toBeGreaterThan(0);
    expect((await api<{ total: number }>(agent, '/api/runs')).body.total).toBe(1);
    // The summary was still written; stopping a run that is over is a 409.
    expect((await api(agent, `/api/runs/${id}/summary.json`)).status).toBe(200);
    expect((await api(agent, `/api/runs/${id}/stop`, { method: 'POST' })).status).toBe(409);
  });

  it('keeps every run with its evidence and tags, and finds it again after a restart', async () => {
    const first = await agentWith();
    const start = await api<RunRowLike>(first, '/api/runs', {
      body: { preset: 'tiny', tags: { build: '42' } },
    });
    expect(start.status).toBe(202);
    const ended = await waitForEnd(first, start.body.id);
    expect(ended.status).toBe('passed');
    expect(ended.region).toBe('test-region');
    expect(ended.agentId).toBe('test-agent');
    const summary = (
      await api<{ fpt: { tags: Record<string, string>; region: string } }>(
        first,
        `/api/runs/${ended.id}/summary.json`,
      )
    ).body;
    expect(summary.fpt.region).toBe('test-region');
    expect(summary.fpt.tags).toMatchObject({ agent: 'test-agent', build: '42' });
    const report = await api<string>(first, `/api/runs/${ended.id}/report.html`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/text\/html/);
    expect(report.body).toContain('tiny');
    const junit = await api<string>(first, `/api/runs/${ended.id}/junit.xml`);
    expect(junit.body).toMatch(/<testsuites/);
    const log = await api<string>(first, `/api/runs/${ended.id}/run.log`);
    expect(log.body).toMatch(/http_reqs/);
    expect((await api(first, `/api/runs/${ended.id}/files/..%2F..%2Findex.sqlite`)).status).toBe(404);
    expect((await api(first, '/api/runs/..%2F..%2Fetc/summary.json')).status).toBe(404);

    await first.stop({ keepData: true });
    agents.splice(agents.indexOf(first), 1);
    const second = await agentWith({}, { dataDir: first.dataDir });
    try {
      const history = await api<{ runs: RunRowLike[]; total: number }>(
        second,
        '/api/runs?preset=tiny&status=passed',
      );
      expect(history.body.total).toBe(1);
      expect(history.body.runs[0]).toMatchObject({
        id: ended.id,
        status: 'passed',
        requests: ended.requests,
      });
      expect((await api<{ runs: RunRowLike[] }>(second, '/api/runs?status=failed')).body.runs).toEqual([]);
      // The live stream of a finished run replays its points, then ends.
      const events = await readLiveEvents(second, ended.id);
      expect(events.filter((e) => e.event === 'point').length).toBeGreaterThanOrEqual(1);
      expect(events.at(-1)?.event).toBe('end');
    } finally {
      await second.stop();
      agents.splice(agents.indexOf(second), 1);
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });

  it('marks a run aborted when its agent was killed (kill -9) during it', async () => {
    const first = await agentWith();
    const start = await api<RunRowLike>(first, '/api/runs', { body: { preset: 'long' } });
    await waitForPoints(first, start.body.id, 1);
    const runPid = Number(/started \(preset long, pid (\d+)\)/.exec(first.output())?.[1]);
    expect(runPid).toBeGreaterThan(0);
    await first.kill();
    agents.splice(agents.indexOf(first), 1);
    const second = await agentWith({}, { dataDir: first.dataDir });
    try {
      const row = (await api<RunRowLike>(second, `/api/runs/${start.body.id}`)).body;
      expect(row.status).toBe('aborted');
      expect(row.reason).toMatch(/agent stopped during the run/);
      expect(second.output()).toMatch(/settled 1 runs the previous agent process left running/);
      // The orphaned run process noticed its agent was gone (IPC disconnect) and stopped on its own.
      await expect.poll(() => processAlive(runPid), { timeout: 20_000, interval: 200 }).toBe(false);
      const next = await api<RunRowLike>(second, '/api/runs', { body: { preset: 'tiny' } });
      expect(next.status).toBe(202);
      expect((await waitForEnd(second, next.body.id)).status).toBe('passed');
    } finally {
      await second.stop();
      agents.splice(agents.indexOf(second), 1);
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });

  it('retention keeps the newest N runs and deletes the others with their folders', async () => {
    const agent = await agentWith({ FPT_RETAIN_RUNS: '2' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const start = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'tiny' } });
      ids.push(start.body.id);
      await waitForEnd(agent, start.body.id);
    }
    const history = await api<{ runs: RunRowLike[]; total: number }>(agent, '/api/runs');
    expect(history.body.total).toBe(2);
    expect(history.body.runs.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(readdirSync(join(agent.dataDir, 'runs')).sort()).toEqual([ids[1], ids[2]].sort());
    expect((await api(agent, `/api/runs/${ids[0]}`)).status).toBe(404);
  });

  it('runs 20 runs back to back with a live client attached to each, all passing', async () => {
    const agent = await agentWith();
    for (let i = 0; i < 20; i++) {
      const start = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'tiny' } });
      expect(start.status).toBe(202);
      const events = await readLiveEvents(agent, start.body.id);
      const points = events.filter((e) => e.event === 'point');
      const end = events.at(-1);
      expect(end?.event).toBe('end');
      expect(end?.data).toMatchObject({ id: start.body.id, status: 'passed' });
      expect(points.length).toBeGreaterThanOrEqual(1);
      // Points of this run only: their totals only grow.
      const totals = points.map((p) => p.data.totalRequests as number);
      expect(totals).toEqual([...totals].sort((a, b) => a - b));
    }
    const history = await api<{ total: number; runs: RunRowLike[] }>(agent, '/api/runs?limit=50');
    expect(history.body.total).toBe(20);
    expect(history.body.runs.every((r) => r.status === 'passed')).toBe(true);
    expect(agent.output()).not.toMatch(/internal error/);
  }, 180_000);
});

describe('the per-second histograms of the live stream', () => {
  it('go to a coordinator that asks for them, not to the web UI, and not into the live.ndjson replay', async () => {
    const agent = await agentWith();
    const start = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'tiny' } });
    const asked = await readLiveEvents(agent, start.body.id, { histograms: true });
    const withHistograms = asked.filter((e) => e.event === 'point' && e.data.httpReqDuration !== undefined);
    expect(withHistograms.length).toBeGreaterThan(0);
    expect(withHistograms[0]!.data.httpReqDuration).toMatchObject({ type: 'trend' });
    const plain = await readLiveEvents(agent, start.body.id);
    const points = plain.filter((e) => e.event === 'point');
    expect(points.length).toBe(asked.filter((e) => e.event === 'point').length);
    expect(
      points.every((e) => e.data.httpReqDuration === undefined && typeof e.data.requests === 'number'),
    ).toBe(true);
    const replay = readFileSync(join(agent.dataDir, 'runs', start.body.id, 'live.ndjson'), 'utf8');
    expect(replay).toContain('"totalRequests"');
    expect(replay).not.toContain('httpReqDuration');
  });
});

describe('baselines kept by the agent', () => {
  it('marks a run as its preset baseline; later runs are gated against it and a slowed one regresses', async () => {
    const agent = await agentWith();
    const first = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'tiny' } });
    const baselineRun = await waitForEnd(agent, first.body.id);
    expect((baselineRun as unknown as { verdict: unknown }).verdict).toBeNull();
    expect((await api(agent, '/api/baselines/tiny')).status).toBe(404);
    const marked = await api<{ preset: string; runId: string }>(
      agent,
      `/api/runs/${first.body.id}/baseline`,
      {
        method: 'POST',
      },
    );
    expect(marked.status).toBe(201);
    expect(marked.body).toMatchObject({ preset: 'tiny', runId: first.body.id });
    const stored = await api<{ format: string; preset: { name: string } }>(agent, '/api/baselines/tiny');
    expect(stored.status).toBe(200);
    expect(stored.body.format).toBe('fpt-baseline');

    // The slow request is made 200 ms slower: far beyond any tolerance or floor.
    target.setRouteDelay('delay', 200);
    try {
      const second = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'tiny' } });
      const gated = (await waitForEnd(agent, second.body.id)) as RunRowLike & { verdict: string | null };
      expect(gated.verdict).toBe('regression');
      // Thresholds still decide the status; the regression is the verdict beside it.
      expect(gated.status).toBe('passed');
      const verdict = await api<{ status: string; requests: { name: string; status: string }[] }>(
        agent,
        `/api/runs/${second.body.id}/gate.json`,
      );
      expect(verdict.body.status).toBe('regression');
      expect(verdict.body.requests.find((r) => r.name === 'slow')?.status).toBe('regression');
      const report = await api<string>(agent, `/api/runs/${second.body.id}/report.html`);
      expect(report.body).toMatch(/regression/i);
    } finally {
      target.setRouteDelay('delay', 0);
    }
    // The CLI gates a run the agent keeps, against the baseline the agent keeps, by id and preset name.
    const history = await api<{ runs: RunRowLike[] }>(agent, '/api/runs?preset=tiny&limit=1');
    const gatedId = history.body.runs[0]!.id;
    const env = {
      FPT_AGENT_TOKEN: agent.token!,
      FPT_BASELINES_DIR: join(agent.dataDir, 'no-local-baselines'),
    };
    const gate = runCli(['gate', gatedId, '--agent', agent.url, '--baseline', 'tiny'], env);
    expect(gate.status).toBe(90);
    expect(gate.stdout).toMatch(/regression/);
    const saved = join(agent.dataDir, 'saved-baseline.json');
    const save = runCli(['baseline', 'save', first.body.id, '-o', saved], {
      ...env,
      FPT_AGENT_URL: agent.url,
    });
    expect(save.status).toBe(0);
    expect(JSON.parse(readFileSync(saved, 'utf8')).run.id).toBe(first.body.id);
    const unauthorized = runCli(['gate', gatedId, '--agent', agent.url, '--baseline', 'tiny'], {
      ...env,
      FPT_AGENT_TOKEN: 'wrong',
    });
    expect(unauthorized.status).toBe(104);
    expect(unauthorized.stderr).toMatch(/answered 401[\s\S]*FPT_AGENT_TOKEN/);

    expect((await api(agent, '/api/baselines/tiny', { method: 'DELETE' })).status).toBe(204);
    expect((await api(agent, '/api/baselines/..%2Fx')).status).toBe(404);
  });
});

describe('preset seeding', () => {
  it('replaces a stale seeded copy, keeps an operator-changed one and an operator-added preset', async () => {
    const first = await agentWith();
    const presetsDir = join(first.dataDir, 'presets');
    await first.stop({ keepData: true });
    agents.splice(agents.indexOf(first), 1);
    // A newer image ships a changed tiny.yaml; the operator edited long.yaml and added own.yaml.
    const newer = seedFolder({
      'tiny.yaml': readFileSync(join(seed, 'tiny.yaml'), 'utf8').replace(
        'two VUs for one second',
        'version 2',
      ),
    });
    const ownPreset = readFileSync(join(seed, 'tiny.yaml'), 'utf8').replace('name: tiny', 'name: own');
    writeFileSync(join(presetsDir, 'own.yaml'), ownPreset);
    const edited = `${readFileSync(join(presetsDir, 'long.yaml'), 'utf8')}# operator note\n`;
    writeFileSync(join(presetsDir, 'long.yaml'), edited);
    writeFileSync(
      join(newer, 'long.yaml'),
      readFileSync(join(seed, 'long.yaml'), 'utf8').replace('runs until stopped', 'v2'),
    );

    const second = await agentWith({ FPT_SEED_PRESETS_DIR: newer }, { dataDir: first.dataDir });
    try {
      expect(readFileSync(join(presetsDir, 'tiny.yaml'), 'utf8')).toContain('version 2');
      expect(readFileSync(join(presetsDir, 'long.yaml'), 'utf8')).toBe(edited);
      expect(existsSync(join(presetsDir, 'own.yaml'))).toBe(true);
      const listed = await api<{ presets: { name: string; description: string }[] }>(second, '/api/presets');
      expect(listed.body.presets.map((p) => p.name)).toEqual(['long', 'own', 'tiny']);
      expect(second.output()).toMatch(/replaced stale tiny\.yaml/);
      expect(second.output()).toMatch(/kept operator-changed long\.yaml/);
    } finally {
      await second.stop();
      agents.splice(agents.indexOf(second), 1);
      rmSync(first.dataDir, { recursive: true, force: true });
      rmSync(newer, { recursive: true, force: true });
    }
  });
});

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const cliBin = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));

function runCli(args: readonly string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [cliBin, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}
