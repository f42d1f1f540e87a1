import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessEdge, startAccessEdge } from '../../../tools/test-support/access-edge.js';
import type { AgentProcess } from '../../../tools/test-support/agent-process.js';
import { api, seedFolder } from '../../agent/test/agent-fixtures.js';
import { runFpt } from '../../cli/test/cli-process.js';
import { type FleetRunLike, peerToken, startRegionAgent, waitForFleetRun } from './fleet-fixtures.js';

/**
 * The fleet as CI meets it: each agent's public URL is behind Cloudflare Access (a stand-in on loopback
 * that redirects a call without the service token to the login page, answers 403 to a wrong one, and lets
 * only the right one through), and the peer registry names the variables that hold the token.
 */
const serviceToken = { clientId: '5f3c0a1e.access', clientSecret: 'cf-access-secret-9d2b7e41c6a8' };
const accessVariables = {
  CF_ACCESS_CLIENT_ID: serviceToken.clientId,
  CF_ACCESS_CLIENT_SECRET: serviceToken.clientSecret,
};
/** Set but empty: the same as unset for FPT, and it hides whatever the test runner's own shell holds. */
const noAccessVariables = { CF_ACCESS_CLIENT_ID: '', CF_ACCESS_CLIENT_SECRET: '' };

const edgePreset = `name: edge
description: a few requests in each region, through the edge
target:
  baseUrl: \${TARGET_URL}
scenarios:
  api:
    executor: shared-iterations
    vus: 1
    iterations: 4
    requests:
      - name: fast
        path: /fast
thresholds:
  http_req_failed:
    - rate<0.01
regions: [near-a, far-a]
`;

let target: DemoTarget;
let seed: string;
let peersFile: string;
let nearA: AgentProcess;
let farA: AgentProcess;
/** Cloudflare Access in front of near-a. */
let nearEdge: AccessEdge;
/** far-a's public route: not behind Access; it only records what it was sent. */
let farFront: AccessEdge;
const agents: AgentProcess[] = [];

async function startAgent(id: string, region: string, env: Record<string, string> = {}) {
  const agent = await startRegionAgent({ id, region, seed, targetUrl: target.url, env });
  agents.push(agent);
  return agent;
}

beforeAll(async () => {
  target = await startDemoTarget();
  seed = seedFolder({ 'edge.yaml': edgePreset });
  [nearA, farA] = await Promise.all([
    startAgent('near-a-1', 'near-a', noAccessVariables),
    startAgent('far-a-1', 'far-a', noAccessVariables),
  ]);
  nearEdge = await startAccessEdge(nearA.url, serviceToken);
  farFront = await startAccessEdge(farA.url, null);
  peersFile = join(seed, 'peers.ci.yml');
  writeFileSync(
    peersFile,
    `peers:
  - id: near-a
    region: near-a
    role: baseline
    url: ${nearEdge.url}
    accessClientIdEnv: CF_ACCESS_CLIENT_ID
    accessClientSecretEnv: CF_ACCESS_CLIENT_SECRET
  - { id: far-a, region: far-a, role: far, url: "${farFront.url}" }
`,
  );
}, 60_000);

afterAll(async () => {
  for (const agent of agents.splice(0)) await agent.stop();
  await nearEdge?.close();
  await farFront?.close();
  await target?.close();
  rmSync(seed, { recursive: true, force: true });
});

const cliEnv = (access: Record<string, string>) => ({
  FPT_PEERS_FILE: peersFile,
  FPT_PEER_TOKEN: peerToken,
  ...access,
});

/** How many calls the edge let through to near-a so far. */
const forwarded = () => nearEdge.seen.filter((call) => call.forwarded).length;

describe('fpt fleet run through Cloudflare Access', () => {
  it('works with the service token: every call to near-a carries it, far-a never gets it', async () => {
    const nearBefore = nearEdge.seen.length;
    const farBefore = farFront.seen.length;
    const result = await runFpt(['fleet', 'run', 'edge', '-q'], { env: cliEnv(accessVariables) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/near-a\s+complete\s+4 /);
    expect(result.stdout).toMatch(/far-a\s+complete\s+4 /);

    const nearCalls = nearEdge.seen.slice(nearBefore);
    expect(nearCalls.map((call) => `${call.method} ${call.path.split('/').slice(0, 3).join('/')}`)).toEqual(
      expect.arrayContaining(['GET /api/presets', 'POST /api/runs', 'GET /api/runs']),
    );
    for (const call of nearCalls) {
      expect([call.clientId, call.clientSecret, call.authorization, call.forwarded]).toEqual([
        serviceToken.clientId,
        serviceToken.clientSecret,
        `Bearer ${peerToken}`,
        true,
      ]);
    }
    const farCalls = farFront.seen.slice(farBefore);
    expect(farCalls.length).toBeGreaterThan(0);
    expect(farCalls.filter((call) => call.clientId !== undefined || call.clientSecret !== undefined)).toEqual(
      [],
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain(serviceToken.clientSecret);
  }, 120_000);

  it('fails clearly without it: Access refused, which variables to set, and the other region intact', async () => {
    const through = forwarded();
    const result = await runFpt(['fleet', 'run', 'edge', '-q'], { env: cliEnv(noAccessVariables) });
    expect(result.code, result.stderr).toBe(97);
    expect(result.stderr).toContain(
      'fpt fleet: warning: CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET are not set, so near-a gets no Cloudflare Access service token',
    );
    expect(result.stdout).toMatch(/INCOMPLETE \(exit code 97\): regions missing: near-a/);
    expect(result.stdout).toMatch(/near-a\s+missing .* near-a 1\/1 refused/);
    expect(result.stdout).toMatch(
      /✗ near-a missing: near-a: POST http:\/\/127\.0\.0\.1:\d+\/api\/runs: Cloudflare Access refused the call \(it redirected to its login page \(302\)\); set CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET to the client id and secret of an Access service token the application allows \(CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET are not set\)/,
    );
    expect(result.stdout).toMatch(/far-a\s+complete\s+4 /);
    // Nothing reached near-a: no run was started there.
    expect(forwarded()).toBe(through);
  }, 120_000);

  it('fpt fleet status names the refusal, and never prints the token', async () => {
    const wrong = { ...accessVariables, CF_ACCESS_CLIENT_SECRET: 'rotated-away-secret' };
    const result = await runFpt(['fleet', 'status'], { env: cliEnv(wrong) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /near-a\s+near-a\s+baseline\s+\S+\s+UNAUTHORIZED\s+.*Cloudflare Access refused the call \(403 from Cloudflare, not from the agent\); CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET are set but Access does not accept them/,
    );
    expect(result.stdout).toMatch(/far-a\s+far-a\s+far\s+\S+\s+ok\s+far-a-1/);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/rotated-away-secret|5f3c0a1e\.access/);
  });
});

describe('fpt run --agents through Cloudflare Access', () => {
  it('sends CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET and passes; without them says what to set', async () => {
    const agentsFlag = `${nearEdge.url},${farFront.url}`;
    const ok = await runFpt(['run', 'edge', '--agents', agentsFlag, '-q'], {
      env: { FPT_PEER_TOKEN: peerToken, ...accessVariables },
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/near-a\s+complete\s+4 /);

    const refused = await runFpt(['run', 'edge', '--agents', agentsFlag, '-q'], {
      env: { FPT_PEER_TOKEN: peerToken, ...noAccessVariables },
    });
    expect(refused.code, refused.stderr).toBe(97);
    expect(refused.stdout).toMatch(/regions missing: unknown@127\.0\.0\.1:\d+/);
    expect(refused.stdout).toMatch(
      /Cloudflare Access refused the call \(it redirected to its login page \(302\)\); set CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET/,
    );

    const half = await runFpt(['run', 'edge', '--agents', agentsFlag, '-q'], {
      env: { FPT_PEER_TOKEN: peerToken, ...noAccessVariables, CF_ACCESS_CLIENT_ID: serviceToken.clientId },
    });
    expect(half.code).toBe(104);
    expect(half.stderr).toContain('fpt: CF_ACCESS_CLIENT_ID is set but CF_ACCESS_CLIENT_SECRET is not');
  }, 120_000);
});

describe('an agent coordinating peers behind Cloudflare Access', () => {
  it('sends the token its registry names to near-a only, and its fleet run passes', async () => {
    const coordinator = await startAgent('near-b-1', 'near-b', {
      FPT_PEERS_FILE: peersFile,
      ...accessVariables,
    });
    const farBefore = farFront.seen.length;
    const nearBefore = nearEdge.seen.length;
    const started = await api<FleetRunLike & { error?: string }>(coordinator, '/api/fleet/runs', {
      body: { preset: 'edge' },
    });
    expect(started.status, started.body.error).toBe(202);
    const run = await waitForFleetRun(coordinator, started.body.id);
    expect([run.status, run.exitCode, run.missingRegions]).toEqual(['passed', 0, []]);
    expect(run.regions.map((region) => [region.region, region.status])).toEqual([
      ['near-a', 'complete'],
      ['far-a', 'complete'],
    ]);
    const nearCalls = nearEdge.seen.slice(nearBefore);
    expect(nearCalls.length).toBeGreaterThan(0);
    expect(nearCalls.every((call) => call.clientSecret === serviceToken.clientSecret && call.forwarded)).toBe(
      true,
    );
    expect(farFront.seen.slice(farBefore).some((call) => call.clientId !== undefined)).toBe(false);
    expect(coordinator.output()).not.toContain(serviceToken.clientSecret);
  }, 120_000);

  it('shows the refusal on its fleet status when it lacks the token', async () => {
    const coordinator = await startAgent('near-b-2', 'near-b', {
      FPT_PEERS_FILE: peersFile,
      ...noAccessVariables,
    });
    const status = await api<{ peers: { id: string; health: string; detail: string | null }[] }>(
      coordinator,
      '/api/fleet/status',
    );
    expect(status.body.peers.map((peer) => [peer.id, peer.health])).toEqual([
      ['near-a', 'unauthorized'],
      ['far-a', 'ok'],
    ]);
    expect(status.body.peers[0]?.detail).toMatch(
      /Cloudflare Access refused the call .*set CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET/,
    );
  });
});
