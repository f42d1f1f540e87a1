import { rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentProcess,
  startAgentProcess,
  testAgentToken,
} from '../../../tools/test-support/agent-process.js';
import { readAgentConfig } from '../src/config/agent-config.js';
import { AgentConfigError } from '../src/config/agent-config-error.js';
import { api, seedFolder, waitForEnd } from './agent-fixtures.js';

const secretValue = 'secret-x-value-5f1e';
const peerToken = 'peer-token-value-9c2d';

/** Quotes the agent's token in its description: the attack of the review. */
const leakToken = `name: leak-token
description: \${FPT_TOKENS:-unset}
target:
  baseUrl: \${TARGET_URL}
scenarios:
  api:
    executor: per-vu-iterations
    requests:
      - name: echo
        path: /echo
`;

/** Reads a variable the agent has but does not list, and sends it and the tokens to the target. */
const leakSecret = `name: leak-secret
description: \${SECRET_X:-none}
target:
  baseUrl: \${TARGET_URL}
scenarios:
  api:
    executor: per-vu-iterations
    vus: 1
    iterations: 1
    requests:
      - name: echo
        path: /echo
        headers:
          x-secret: \${SECRET_X:-none}
          x-token: \${FPT_TOKENS:-unset}
          x-peer-token: \${FPT_PEER_TOKEN:-unset}
          x-influx: \${K6_INFLUXDB_PASSWORD:-unset}
          x-proxy: \${HTTP_PROXY:-unset}
`;

let seed: string;
let target: Server;
let targetUrl: string;
/** Headers of every request the target received, newest last. */
const received: IncomingHttpHeaders[] = [];
const agents: AgentProcess[] = [];

beforeAll(async () => {
  seed = seedFolder({ 'leak-token.yaml': leakToken, 'leak-secret.yaml': leakSecret });
  target = createServer((request, response) => {
    received.push(request.headers);
    response.end('ok');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => (target ? target.close(() => resolve()) : resolve()));
  if (seed) rmSync(seed, { recursive: true, force: true });
});
afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.stop();
});

async function agentWith(env: Record<string, string> = {}): Promise<AgentProcess> {
  const agent = await startAgentProcess({
    env: {
      TARGET_URL: targetUrl,
      FPT_SEED_PRESETS_DIR: seed,
      FPT_ALLOW_TARGETS: '127.0.0.1',
      SECRET_X: secretValue,
      FPT_PEER_TOKEN: peerToken,
      // The run process needs these (its InfluxDB output, its proxy), but a preset must not read them.
      K6_INFLUXDB_PASSWORD: 'influx-password',
      HTTP_PROXY: 'http://user:proxy-password@proxy.invalid:3128',
      NO_PROXY: '127.0.0.1',
      ...env,
    },
  });
  agents.push(agent);
  return agent;
}

/** Runs leak-secret to its end and returns the headers the target got from it. */
async function headersSentByRun(agent: AgentProcess): Promise<IncomingHttpHeaders> {
  received.length = 0;
  const started = await api<{ id: string }>(agent, '/api/runs', { body: { preset: 'leak-secret' } });
  expect(started.status).toBe(202);
  const row = await waitForEnd(agent, started.body.id);
  expect(row).toMatchObject({ status: 'passed', requests: 1 });
  expect(received).toHaveLength(1);
  return received[0]!;
}

describe('what ${VAR} in a preset can read on an agent', () => {
  it('neither the agent tokens nor an unlisted variable reach the API: the defaults are shown', async () => {
    const agent = await agentWith();
    const token = await api<{ description: string }>(agent, '/api/presets/leak-token');
    expect(token.status).toBe(200);
    expect(token.body.description).toBe('unset');
    const secret = await api<{ description: string }>(agent, '/api/presets/leak-secret');
    expect(secret.body.description).toBe('none');

    for (const path of ['/api/presets', '/readyz']) {
      const text = JSON.stringify((await api(agent, path)).body);
      for (const value of [testAgentToken, peerToken, secretValue]) expect(text).not.toContain(value);
    }
  });

  it('a run child cannot read them either: the target gets the defaults', async () => {
    const agent = await agentWith();
    const headers = await headersSentByRun(agent);
    expect(headers).toMatchObject({
      'x-secret': 'none',
      'x-token': 'unset',
      'x-peer-token': 'unset',
      'x-influx': 'unset',
      'x-proxy': 'unset',
    });
  });

  it('FPT_PRESET_ENV lets presets read the variables it lists, in the API and in runs, and nothing more', async () => {
    const agent = await agentWith({ FPT_PRESET_ENV: 'SECRET_X' });
    const secret = await api<{ description: string }>(agent, '/api/presets/leak-secret');
    expect(secret.body.description).toBe(secretValue);
    const headers = await headersSentByRun(agent);
    expect(headers).toMatchObject({ 'x-secret': secretValue, 'x-token': 'unset', 'x-peer-token': 'unset' });
  });

  it('an agent whose FPT_PRESET_ENV lists an FPT_* variable refuses to start, saying why', async () => {
    await expect(agentWith({ FPT_PRESET_ENV: 'SECRET_X, FPT_TOKENS' })).rejects.toThrow(
      /exited with code 104 before listening:[\s\S]*FPT_PRESET_ENV names variables no preset may read: FPT_TOKENS \(FPT_\* variables are the agent's own settings and secrets/,
    );
  });
});

describe('FPT_PRESET_ENV in the configuration', () => {
  const base = { FPT_DATA_DIR: '/tmp/fpt-unused', PATH: '/usr/bin', HOME: '/home/fpt' };

  it('always lists TARGET_URL, then the listed names; the run child gets only those and what it needs', () => {
    const config = readAgentConfig({
      ...base,
      FPT_PRESET_ENV: ' API_KEY ,USER_NAME,,TARGET_URL',
      FPT_TOKENS: 'agent-token',
      API_KEY: 'k',
      USER_NAME: 'u',
      TARGET_URL: 'http://127.0.0.1:1',
      OTHER_SECRET: 'o',
      HTTPS_PROXY: 'http://proxy:3128',
      no_proxy: 'localhost',
      LC_ALL: 'C.UTF-8',
      K6_INFLUXDB_PASSWORD: 'influx',
      FPT_INFLUXDB_TOKEN: 'influx-token',
    });
    expect(config.presetEnv).toEqual(['TARGET_URL', 'API_KEY', 'USER_NAME']);
    expect({ ...config.runEnv }).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/fpt',
      API_KEY: 'k',
      USER_NAME: 'u',
      TARGET_URL: 'http://127.0.0.1:1',
      HTTPS_PROXY: 'http://proxy:3128',
      no_proxy: 'localhost',
      LC_ALL: 'C.UTF-8',
      K6_INFLUXDB_PASSWORD: 'influx',
      FPT_INFLUXDB_TOKEN: 'influx-token',
    });
  });

  it.each([
    ['fpt_tokens', /fpt_tokens \(FPT_\* variables/],
    ['K6_INFLUXDB_PASSWORD', /K6_INFLUXDB_PASSWORD \(it holds a secret of the agent/],
    ['EU_TOKEN', /EU_TOKEN \(it holds a secret of the agent/],
    ['API-KEY', /API-KEY \(not a variable name/],
  ])('refuses %s with an AgentConfigError that says how to fix it', (listed, reason) => {
    let refusal: unknown;
    try {
      readAgentConfig({
        ...base,
        FPT_PRESET_ENV: listed,
        FPT_PEERS: '[{id: eu-1, region: eu, url: "http://127.0.0.1:1", tokenEnv: EU_TOKEN}]',
      });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AgentConfigError);
    expect((refusal as AgentConfigError).message).toMatch(reason);
    expect((refusal as AgentConfigError).hint).toMatch(/FPT_PRESET_ENV=API_KEY,USER_NAME/);
  });
});
