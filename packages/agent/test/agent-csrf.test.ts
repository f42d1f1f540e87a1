import { rmSync } from 'node:fs';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentProcess,
  startAgentProcess,
  testAgentToken,
} from '../../../tools/test-support/agent-process.js';
import { api, type RunRowLike, seedFolder, waitForEnd } from './agent-fixtures.js';

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

async function agentWith(token: string | null = testAgentToken): Promise<AgentProcess> {
  const agent = await startAgentProcess({
    token,
    env: { TARGET_URL: target.url, FPT_SEED_PRESETS_DIR: seed, FPT_ALLOW_TARGETS: '127.0.0.1' },
  });
  agents.push(agent);
  return agent;
}

/** Logs in as the UI does and returns the cookie the browser would keep. */
async function loginCookie(agent: AgentProcess): Promise<string> {
  const response = await fetch(`${agent.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: agent.url },
    body: JSON.stringify({ token: agent.token }),
  });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** A request as a browser sends it: the cookie, and the origin of the page that made it. */
function browserPost(
  agent: AgentProcess,
  path: string,
  options: { cookie?: string; origin?: string; fetchSite?: string; contentType?: string; body?: string },
) {
  return fetch(`${agent.url}${path}`, {
    method: 'POST',
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.fetchSite ? { 'sec-fetch-site': options.fetchSite } : {}),
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
    },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
}

describe('cross-site requests with the login cookie', () => {
  it('refuses a stop and a baseline change from another port of the same host, and lets the agent’s own page do them', async () => {
    const agent = await agentWith();
    const cookie = await loginCookie(agent);
    const started = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'long' } });
    expect(started.status).toBe(202);
    const id = started.body.id;
    const elsewhere = `http://127.0.0.1:${new URL(agent.url).port === '9' ? 10 : 9}`;

    // What an auto-submitted form on another port sends: the cookie (same site), a form body.
    const formStop = await browserPost(agent, `/api/runs/${id}/stop`, {
      cookie,
      origin: elsewhere,
      contentType: 'application/x-www-form-urlencoded',
      body: '',
    });
    expect(formStop.status).toBe(403);
    expect(((await formStop.json()) as { error: string }).error).toContain(elsewhere);
    const fetchStop = await browserPost(agent, `/api/runs/${id}/stop`, { cookie, origin: elsewhere });
    expect(fetchStop.status).toBe(403);
    const noOrigin = await browserPost(agent, `/api/runs/${id}/stop`, { cookie, fetchSite: 'same-site' });
    expect(noOrigin.status).toBe(403);
    expect((await api<RunRowLike>(agent, `/api/runs/${id}`)).body.status).toBe('running');

    // The agent's own page: same origin, no body or a JSON one.
    const formFromHome = await browserPost(agent, `/api/runs/${id}/stop`, {
      cookie,
      origin: agent.url,
      contentType: 'text/plain',
      body: 'x',
    });
    expect(formFromHome.status).toBe(415);
    const stop = await browserPost(agent, `/api/runs/${id}/stop`, { cookie, origin: agent.url });
    expect(stop.status).toBe(202);
    expect((await waitForEnd(agent, id)).status).toBe('stopped');

    // Replacing a preset's baseline is refused the same way (the review replaced one with a form: 201).
    const tiny = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'tiny' } });
    const ended = await waitForEnd(agent, tiny.body.id);
    const crossBaseline = await browserPost(agent, `/api/runs/${ended.id}/baseline`, {
      cookie,
      origin: elsewhere,
      contentType: 'application/x-www-form-urlencoded',
      body: '',
    });
    expect(crossBaseline.status).toBe(403);
    expect((await api(agent, '/api/baselines/tiny')).status).toBe(404);
    const ownBaseline = await browserPost(agent, `/api/runs/${ended.id}/baseline`, {
      cookie,
      origin: agent.url,
    });
    expect(ownBaseline.status).toBe(201);
  });

  it('refuses a cross-site start on an agent without tokens, where no login is needed at all', async () => {
    const agent = await agentWith(null);
    const refused = await browserPost(agent, '/api/runs', {
      origin: 'http://127.0.0.1:1',
      contentType: 'application/json',
      body: JSON.stringify({ preset: 'tiny' }),
    });
    expect(refused.status).toBe(403);
    const form = await browserPost(agent, '/api/runs', {
      origin: agent.url,
      contentType: 'application/x-www-form-urlencoded',
      body: 'preset=tiny',
    });
    expect(form.status).toBe(415);
    expect((await api<{ runs: unknown[] }>(agent, '/api/runs')).body.runs).toEqual([]);
  });

  it('leaves Bearer clients alone, whatever Origin they send', async () => {
    const agent = await agentWith();
    const started = await fetch(`${agent.url}/api/runs`, {
      method: 'POST',
      headers: agent.headers({ 'content-type': 'application/json', origin: 'http://elsewhere.example' }),
      body: JSON.stringify({ preset: 'tiny' }),
    });
    expect(started.status).toBe(202);
    await waitForEnd(agent, ((await started.json()) as RunRowLike).id);
  });
});
