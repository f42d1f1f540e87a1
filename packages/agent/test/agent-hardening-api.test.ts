import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AgentProcess, startAgentProcess } from '../../../tools/test-support/agent-process.js';
import { api, type RunRowLike, seedFolder, tinyPreset, waitForEnd, waitForPoints } from './agent-fixtures.js';

let target: DemoTarget;
let seed: string;
const agents: AgentProcess[] = [];
const folders: string[] = [];
/** Processes a test froze (SIGSTOP): thawed before anything waits for them. */
const frozen = new Set<number>();

beforeAll(async () => {
  target = await startDemoTarget();
  seed = seedFolder();
});
afterAll(async () => {
  await target?.close();
  rmSync(seed, { recursive: true, force: true });
});
afterEach(async () => {
  for (const pid of frozen) signal(pid, 'SIGCONT');
  frozen.clear();
  for (const agent of agents.splice(0)) await agent.stop();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function agentWith(
  options: { env?: Record<string, string>; dataDir?: string; seed?: string } = {},
): Promise<AgentProcess> {
  const agent = await startAgentProcess({
    env: {
      TARGET_URL: target.url,
      FPT_SEED_PRESETS_DIR: options.seed ?? seed,
      FPT_ALLOW_TARGETS: '127.0.0.1',
      ...options.env,
    },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  agents.push(agent);
  return agent;
}

/** A data folder that outlives one agent process (a restart), removed after the test. */
function keptDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-agent-kept-'));
  folders.push(dir);
  return dir;
}

async function finishedRun(agent: AgentProcess): Promise<RunRowLike> {
  const started = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'tiny' } });
  expect(started.status).toBe(202);
  const ended = await waitForEnd(agent, started.body.id);
  expect(ended.status).toBe('passed');
  return ended;
}

/**
 * A GET with the path sent exactly as written: fetch and URL would resolve "..", and the attacks below
 * are about what the agent does with the raw path.
 */
function rawGet(agent: AgentProcess, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(agent.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: hostname, port, path, method: 'GET', headers: agent.headers() },
      (response) => {
        let body = '';
        response.setEncoding('latin1');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('hardening: /readyz answers from a cache, /healthz never waits for it', () => {
  it('answers 300 parallel /readyz calls from one check of a 250 KB preset; /healthz answers beside them and while not ready', async () => {
    const bigPreset = `${tinyPreset.replace('name: tiny', 'name: big')}variables:\n${Array.from(
      { length: 12_200 },
      (_, i) => `  v${String(i).padStart(6, '0')}: value${i}\n`,
    ).join('')}`;
    expect(bigPreset.length).toBeGreaterThan(250_000);
    const bigSeed = seedFolder({ 'big.yaml': bigPreset });
    folders.push(bigSeed);
    const agent = await agentWith({ seed: bigSeed });

    interface Readiness {
      ready: boolean;
      checks: { presets: { ok: boolean; detail: string } };
      checkedAt: number;
      presetsCheckedAt: number;
      presetScans: number;
    }
    const before = await api<Readiness>(agent, '/readyz');
    expect(before.status).toBe(200);
    expect(before.body.checks.presets.detail).toMatch(/ of 3 presets valid$/);
    expect(before.body.presetScans).toBe(1);
    expect(before.body.presetsCheckedAt).toBeGreaterThan(0);

    // Anonymous callers, as an attacker would send them, with a few token holders among them.
    const anonymous = Array.from({ length: 300 }, () =>
      fetch(`${agent.url}/readyz`).then(async (r) => ({ status: r.status, body: await r.json() })),
    );
    const detailed = Array.from({ length: 10 }, () => api<Readiness>(agent, '/readyz'));
    const health = await fetch(`${agent.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    for (const answer of await Promise.all(anonymous)) {
      expect(answer).toEqual({ status: 200, body: { ready: true } });
    }
    // Every answer came from the check made at start: the presets were not loaded again for any call.
    for (const answer of await Promise.all(detailed)) {
      expect(answer.status).toBe(200);
      expect(answer.body.presetScans).toBe(before.body.presetScans);
      expect(answer.body.presetsCheckedAt).toBe(before.body.presetsCheckedAt);
    }

    // An emptied presets folder is noticed in the background; liveness does not follow readiness.
    const presetsDir = join(agent.dataDir, 'presets');
    const aside = join(agent.dataDir, 'presets-aside');
    renameSync(presetsDir, aside);
    mkdirSync(presetsDir);
    await expect
      .poll(async () => (await api<Readiness>(agent, '/readyz')).body.checks.presets.detail, {
        timeout: 20_000,
      })
      .toBe('no presets in the presets folder');
    const notReady = await api<Readiness>(agent, '/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body.presetScans).toBeGreaterThan(before.body.presetScans);
    const bare = await fetch(`${agent.url}/readyz`);
    expect(bare.status).toBe(503);
    expect(await bare.json()).toEqual({ ready: false });
    const stillLive = await fetch(`${agent.url}/healthz`);
    expect(stillLive.status).toBe(200);
    expect(await stillLive.json()).toEqual({ status: 'ok' });

    rmSync(presetsDir, { recursive: true });
    renameSync(aside, presetsDir);
    await expect
      .poll(async () => (await api<Readiness>(agent, '/readyz')).status, { timeout: 20_000 })
      .toBe(200);
  }, 60_000);
});

describe('hardening: a run folder serves only the regular files the run wrote', () => {
  it('refuses symlinks (to outside or inside), symlinked folders, folders and hidden names with 404s that say why', async () => {
    const agent = await agentWith();
    const run = await finishedRun(agent);
    const runDir = join(agent.dataDir, 'runs', run.id);
    const artifacts = join(runDir, 'artifacts');
    writeFileSync(join(artifacts, 'shot.txt'), 'a screenshot');
    mkdirSync(join(artifacts, 'sub'));
    writeFileSync(join(artifacts, 'sub', 'inner.txt'), 'inner');
    symlinkSync('/etc/passwd', join(artifacts, 'passwd-link'));
    symlinkSync(join(runDir, 'summary.json'), join(artifacts, 'summary-link.json'));
    symlinkSync('shot.txt', join(artifacts, 'relative-link.txt'));
    symlinkSync('/etc', join(artifacts, 'etc-dir'));
    writeFileSync(join(artifacts, '.hidden'), 'secret');
    mkdirSync(join(artifacts, '.git'));
    writeFileSync(join(artifacts, '.git', 'config'), 'secret');

    // What the run wrote is served.
    expect(await api(agent, `/api/runs/${run.id}/files/shot.txt`)).toMatchObject({
      status: 200,
      body: 'a screenshot',
    });
    expect((await api(agent, `/api/runs/${run.id}/files/sub/inner.txt`)).body).toBe('inner');

    for (const name of ['passwd-link', 'summary-link.json', 'relative-link.txt', 'etc-dir/passwd', 'sub']) {
      const answer = await api<{ error: string }>(agent, `/api/runs/${run.id}/files/${name}`);
      expect(answer.status, name).toBe(404);
      expect(answer.body.error, name).toMatch(/not a regular file of the run folder: symlinks and folders/);
    }
    for (const name of ['.hidden', '.git/config', 'sub/.hidden']) {
      const answer = await api<{ error: string }>(agent, `/api/runs/${run.id}/files/${name}`);
      expect(answer.status, name).toBe(404);
      expect(answer.body.error, name).toMatch(/hidden files are not served/);
      expect(JSON.stringify(answer.body), name).not.toMatch(/JSON/);
    }

    // The evidence routes follow the same rule: a run file swapped for a symlink is not served.
    rmSync(join(runDir, 'junit.xml'));
    symlinkSync('/etc/passwd', join(runDir, 'junit.xml'));
    const junit = await api<{ error: string }>(agent, `/api/runs/${run.id}/junit.xml`);
    expect(junit.status).toBe(404);
    expect(junit.body.error).toMatch(/junit\.xml is not a regular file/);
    expect((await api(agent, `/api/runs/${run.id}/summary.json`)).status).toBe(200);
  });

  it('serves the evidence of an agent whose data folder lies under a dotted folder (the default .fpt/agent)', async () => {
    const dataDir = join(keptDataDir(), '.fpt', 'agent');
    mkdirSync(dataDir, { recursive: true });
    const agent = await agentWith({ dataDir });
    const run = await finishedRun(agent);
    writeFileSync(join(dataDir, 'runs', run.id, 'artifacts', 'shot.txt'), 'a screenshot');
    const summary = await api<{ fpt: { runId: string } }>(agent, `/api/runs/${run.id}/summary.json`);
    expect(summary.status).toBe(200);
    expect(summary.body.fpt.runId).toBe(run.id);
    expect((await api(agent, `/api/runs/${run.id}/report.html`)).status).toBe(200);
    expect((await api(agent, `/api/runs/${run.id}/files/shot.txt`)).body).toBe('a screenshot');
  });

  it('refuses path traversal in every spelling on the file routes, and leaks no file', async () => {
    const agent = await agentWith();
    const run = await finishedRun(agent);
    writeFileSync(join(agent.dataDir, 'runs', run.id, 'artifacts', 'shot.txt'), 'a screenshot');
    const files = `/api/runs/${run.id}/files`;
    // The raw client works: a plain name is served.
    expect(await rawGet(agent, `${files}/shot.txt`)).toEqual({ status: 200, body: 'a screenshot' });

    const attempts = [
      `${files}/../summary.json`,
      `${files}/../../../index.sqlite`,
      `${files}/%2e%2e/%2e%2e/%2e%2e/index.sqlite`,
      `${files}/%2e%2e%2f%2e%2e%2f%2e%2e%2findex.sqlite`,
      `${files}/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd`,
      `${files}/%252e%252e%252f%252e%252e%252findex.sqlite`,
      `${files}/..%5c..%5c..%5cindex.sqlite`,
      `${files}//etc/passwd`,
      `${files}/%2fetc%2fpasswd`,
      `${files}/%2Fetc/passwd`,
      `${files}/shot.txt%00.png`,
      `${files}/%c0%ae%c0%ae/%c0%ae%c0%ae/index.sqlite`,
      `${files}/%E0%A4%A`,
      `/api/runs/${run.id}/..%2f..%2findex.sqlite`,
      `/api/runs/${run.id}/%2e%2e`,
      `/api/runs/..%2f..%2findex.sqlite/summary.json`,
      `/api/runs/%2e%2e%2f%2e%2e%2f/summary.json`,
      '/api/runs/../../../etc/passwd',
      '/api/baselines/..%2f..%2findex.sqlite',
      '/api/presets/..%2f..%2findex.sqlite',
      '/api/presets/%2fetc%2fpasswd',
      '/api/fleet/runs/..%2f..%2findex.sqlite/summary.json',
    ];
    for (const path of attempts) {
      const answer = await rawGet(agent, path);
      expect([400, 404], path).toContain(answer.status);
      expect(answer.body, path).not.toMatch(/root:.*:0:0:|SQLite format 3|"metrics"/);
    }
    // The web UI's static files are no way out either.
    for (const path of [
      '/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '//etc/passwd',
    ]) {
      const answer = await rawGet(agent, path);
      expect(answer.body, path).not.toMatch(/root:.*:0:0:|SQLite format 3/);
    }
  });
});

describe('hardening: start requests name only real overrides', () => {
  it('refuses keys every object inherits (toString, __proto__, constructor, ...) with a 400 that names the key and lists the overrides; nothing runs', async () => {
    const agent = await agentWith();
    const allowed = ['vus', 'duration', 'iterations', 'rate', 'target'];
    for (const key of [
      'toString',
      '__proto__',
      'constructor',
      'hasOwnProperty',
      'valueOf',
      'isPrototypeOf',
    ]) {
      for (const value of ['"x"', '1', '{}']) {
        // Written by hand: an object literal would turn "__proto__" into a prototype, not a key.
        const response = await fetch(`${agent.url}/api/runs`, {
          method: 'POST',
          headers: agent.headers({ 'content-type': 'application/json' }),
          body: `{"preset":"tiny","overrides":{"${key}":${value}}}`,
        });
        const body = (await response.json()) as { error: string; allowed: string[] };
        expect(response.status, `${key}: ${value}`).toBe(400);
        expect(body.error).toBe(
          `overrides.${key} is not an override: the overrides are ${allowed.join(', ')}`,
        );
        expect(body.allowed).toEqual(allowed);
      }
    }
    const tag = await fetch(`${agent.url}/api/runs`, {
      method: 'POST',
      headers: agent.headers({ 'content-type': 'application/json' }),
      body: '{"preset":"tiny","tags":{"__proto__":"x"}}',
    });
    expect(tag.status).toBe(400);
    expect(((await tag.json()) as { error: string }).error).toMatch(/tag __proto__ is not allowed/);
    expect((await api<{ total: number }>(agent, '/api/runs')).body.total).toBe(0);
  });
});

describe('hardening: every /api route needs the right token, sent the right way', () => {
  it('refuses a missing, wrong or misplaced token on every route with 401; the token in the header or the login cookie gets through', async () => {
    const agent = await agentWith();
    const token = agent.token!;
    const runId = '20260101T000000Z-tiny-abcdef';
    const fleetId = '20260101T000000Z-fleet-tiny-abcdef';
    // With a valid token none of these starts or changes anything: the names they use do not exist.
    const routes: { method: string; path: string; body?: unknown }[] = [
      { method: 'GET', path: '/api/status' },
      { method: 'GET', path: '/api/presets' },
      { method: 'GET', path: '/api/presets/tiny' },
      { method: 'POST', path: '/api/runs', body: { preset: 'no-such-preset' } },
      { method: 'GET', path: '/api/runs' },
      { method: 'GET', path: `/api/runs/${runId}` },
      { method: 'POST', path: `/api/runs/${runId}/stop` },
      { method: 'GET', path: `/api/runs/${runId}/live` },
      { method: 'GET', path: `/api/runs/${runId}/summary.json` },
      { method: 'GET', path: `/api/runs/${runId}/files/shot.png` },
      { method: 'POST', path: `/api/runs/${runId}/baseline` },
      { method: 'GET', path: '/api/baselines/tiny' },
      { method: 'DELETE', path: '/api/baselines/tiny' },
      { method: 'GET', path: '/api/fleet/status' },
      { method: 'POST', path: '/api/fleet/runs', body: { preset: 'no-such-preset' } },
      { method: 'GET', path: '/api/fleet/runs' },
      { method: 'GET', path: `/api/fleet/runs/${fleetId}` },
      { method: 'POST', path: `/api/fleet/runs/${fleetId}/stop` },
      { method: 'GET', path: `/api/fleet/runs/${fleetId}/summary.json` },
      { method: 'GET', path: '/api/no-such-route' },
    ];
    const refused: { name: string; headers: Record<string, string>; query?: string }[] = [
      { name: 'no token', headers: {} },
      { name: 'a wrong token', headers: { authorization: 'Bearer wrong' } },
      { name: 'an empty token', headers: { authorization: 'Bearer ' } },
      { name: 'the token without a scheme', headers: { authorization: token } },
      {
        name: 'the Basic scheme',
        headers: { authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` },
      },
      { name: 'the Token scheme', headers: { authorization: `Token ${token}` } },
      { name: 'the token with a suffix', headers: { authorization: `Bearer ${token}x` } },
      { name: 'the token with a prefix', headers: { authorization: `Bearer x${token}` } },
      { name: 'half the token', headers: { authorization: `Bearer ${token.slice(0, token.length / 2)}` } },
      { name: 'the token in capitals', headers: { authorization: `Bearer ${token.toUpperCase()}` } },
      { name: 'two credentials', headers: { authorization: `Bearer wrong, Bearer ${token}` } },
      { name: 'the token in the query string', headers: {}, query: `token=${token}` },
      { name: 'access_token in the query string', headers: {}, query: `access_token=${token}` },
      { name: 'a wrong cookie', headers: { cookie: 'fpt_token=wrong' } },
      { name: 'the token in a cookie of another name', headers: { cookie: `FPT_TOKEN=${token}` } },
      {
        name: 'a wrong header beside a valid cookie',
        headers: { authorization: 'Bearer wrong', cookie: `fpt_token=${token}` },
      },
    ];
    const accepted: { name: string; headers: Record<string, string> }[] = [
      { name: 'the token', headers: { authorization: `Bearer ${token}` } },
      { name: 'the token with spaces around it', headers: { authorization: `Bearer    ${token}   ` } },
      { name: 'the login cookie', headers: { cookie: `fpt_token=${encodeURIComponent(token)}` } },
    ];
    const call = (route: (typeof routes)[number], headers: Record<string, string>, query?: string) =>
      fetch(`${agent.url}${route.path}${query ? `?${query}` : ''}`, {
        method: route.method,
        headers: { ...headers, ...(route.body ? { 'content-type': 'application/json' } : {}) },
        ...(route.body ? { body: JSON.stringify(route.body) } : {}),
      });
    for (const route of routes) {
      for (const variant of refused) {
        const response = await call(route, variant.headers, variant.query);
        const label = `${route.method} ${route.path} with ${variant.name}`;
        expect(response.status, label).toBe(401);
        expect(((await response.json()) as { error: string }).error, label).toMatch(
          /token is required|token is not valid/,
        );
      }
      for (const variant of accepted) {
        const response = await call(route, variant.headers);
        await response.body?.cancel();
        expect(response.status, `${route.method} ${route.path} with ${variant.name}`).not.toBe(401);
      }
    }
    expect((await api<{ total: number }>(agent, '/api/runs')).body.total).toBe(0);
  });
});

describe('hardening: concurrent starts', () => {
  it('gives exactly one run for each of 3 waves of 50 concurrent starts; the other 49 get 409 naming it', async () => {
    const agent = await agentWith();
    const ids: string[] = [];
    for (let wave = 0; wave < 3; wave++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          api<{ id?: string; runId?: string }>(agent, '/api/runs', { body: { preset: 'long' } }),
        ),
      );
      const started = answers.filter((a) => a.status === 202);
      expect(started, `wave ${wave}`).toHaveLength(1);
      const id = started[0]!.body.id!;
      ids.push(id);
      const refused = answers.filter((a) => a.status === 409);
      expect(refused, `wave ${wave}`).toHaveLength(49);
      for (const answer of refused) expect(answer.body.runId).toBe(id);
      expect((await api(agent, `/api/runs/${id}/stop`, { method: 'POST' })).status).toBe(202);
      expect((await waitForEnd(agent, id)).status).toBe('stopped');
    }
    const history = await api<{ total: number; runs: RunRowLike[] }>(agent, '/api/runs');
    expect(history.body.total).toBe(3);
    expect(history.body.runs.map((r) => r.id).sort()).toEqual([...ids].sort());
  }, 90_000);
});

describe('hardening: a killed agent’s runs keep their figures', () => {
  interface SummaryLike {
    metrics: { http_reqs: { values: { count: number } } };
    fpt: { outcome: string; exitCode: number; endedAt: string };
  }

  it('records a run that ended while its agent was frozen, then killed (kill -9), from its summary.json: passed, with its figures', async () => {
    const dataDir = keptDataDir();
    const first = await agentWith({ dataDir });
    const started = await api<RunRowLike>(first, '/api/runs', { body: { preset: 'tiny' } });
    expect(started.status).toBe(202);
    // Frozen, the agent cannot record the end: the run process finishes and writes its summary meanwhile.
    const agentPid = first.child.pid!;
    frozen.add(agentPid);
    signal(agentPid, 'SIGSTOP');
    const runDir = join(dataDir, 'runs', started.body.id);
    await expect.poll(() => existsSync(join(runDir, 'summary.json')), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => existsSync(join(runDir, 'junit.xml')), { timeout: 30_000 }).toBe(true);
    expect(indexedStatus(dataDir, started.body.id)).toBe('running');
    await first.kill();
    frozen.delete(agentPid);

    const second = await agentWith({ dataDir });
    const row = (
      await api<RunRowLike & { exitCode: number | null; endedAt: number | null; p50Ms: number | null }>(
        second,
        `/api/runs/${started.body.id}`,
      )
    ).body;
    const summary = (await api<SummaryLike>(second, `/api/runs/${started.body.id}/summary.json`)).body;
    expect(summary.fpt.outcome).toBe('passed');
    expect(row).toMatchObject({
      status: 'passed',
      reason: null,
      requests: summary.metrics.http_reqs.values.count,
      exitCode: summary.fpt.exitCode,
      endedAt: Date.parse(summary.fpt.endedAt),
    });
    expect(row.requests).toBeGreaterThan(0);
    expect(row.p95Ms).toBeGreaterThan(0);
    expect(row.p50Ms).toBeGreaterThan(0);
    expect(second.output()).toMatch(/recorded from the summary\.json it wrote: passed/);
  }, 60_000);

  it('fills the row of a run whose agent was killed mid-run from the summary its orphaned run process writes, after the restart too', async () => {
    const dataDir = keptDataDir();
    const first = await agentWith({ dataDir });
    const started = await api<RunRowLike>(first, '/api/runs', { body: { preset: 'long' } });
    await waitForPoints(first, started.body.id, 1);
    const runPid = Number(/started \(preset long, pid (\d+)\)/.exec(first.output())?.[1]);
    expect(runPid).toBeGreaterThan(0);
    await first.kill();
    // Restarted at once: the orphaned run process may not have written its summary yet.
    const second = await agentWith({ dataDir });
    await expect
      .poll(async () => (await api<RunRowLike>(second, `/api/runs/${started.body.id}`)).body.requests, {
        timeout: 30_000,
        interval: 250,
      })
      .toBeGreaterThan(0);
    const row = (await api<RunRowLike>(second, `/api/runs/${started.body.id}`)).body;
    expect(row.status).toBe('aborted');
    expect(row.reason).toMatch(/agent stopped during the run.*stopped early.*figures cover what it measured/);
    expect(row.p95Ms).toBeGreaterThan(0);
    const summary = (await api<SummaryLike>(second, `/api/runs/${started.body.id}/summary.json`)).body;
    expect(summary.fpt.outcome).toBe('interrupted');
    expect(row.requests).toBe(summary.metrics.http_reqs.values.count);
    await expect.poll(() => processAlive(runPid), { timeout: 20_000, interval: 200 }).toBe(false);
  }, 60_000);

  it('marks a run aborted, without figures, when its run process died with the agent and left no summary', async () => {
    const dataDir = keptDataDir();
    const first = await agentWith({ dataDir });
    const started = await api<RunRowLike>(first, '/api/runs', { body: { preset: 'long' } });
    await waitForPoints(first, started.body.id, 1);
    const runPid = Number(/started \(preset long, pid (\d+)\)/.exec(first.output())?.[1]);
    expect(runPid).toBeGreaterThan(0);
    // Frozen first, so it cannot write a summary when it notices its agent is gone; then both die.
    frozen.add(runPid);
    signal(runPid, 'SIGSTOP');
    await first.kill();
    signal(runPid, 'SIGKILL');
    frozen.delete(runPid);
    await expect.poll(() => processAlive(runPid), { timeout: 10_000, interval: 100 }).toBe(false);
    expect(readdirSync(join(dataDir, 'runs', started.body.id))).not.toContain('summary.json');

    const second = await agentWith({ dataDir });
    const row = (await api<RunRowLike>(second, `/api/runs/${started.body.id}`)).body;
    expect(row).toMatchObject({ status: 'aborted', requests: null, p95Ms: null });
    expect(row.reason).toMatch(/agent stopped during the run.*partial or missing/);
  }, 60_000);
});

/** The status the history index holds for a run, read from the file as the next agent will find it. */
function indexedStatus(dataDir: string, id: string): string | undefined {
  const db = new Database(join(dataDir, 'index.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT status FROM runs WHERE id = ?').get(id) as { status: string } | undefined)
      ?.status;
  } finally {
    db.close();
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
