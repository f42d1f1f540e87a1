import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { type AgentProcess, startAgentProcess } from '../../../tools/test-support/agent-process.js';
import { api } from '../../agent/test/agent-fixtures.js';

/** The shared secret every test agent accepts from its peers (beside its own API token). */
export const peerToken = 'peer-secret-0123456789';

const request = (ms: number) => `    requests:
      - name: delayed
        path: /delay
        query:
          ms: ${ms}`;

/**
 * Twenty requests of known latency (at least 20 ms, plus the proxy's delay on the far path), shared by
 * the agents of a region. The eu-far threshold holds only if eu-far's every sample came through the proxy.
 */
export const spreadPreset = `name: spread
description: known latencies, split across each region's agents
target:
  baseUrl: \${TARGET_URL}
scenarios:
  api:
    executor: shared-iterations
    vus: 2
    iterations: 20
${request(20)}
thresholds:
  http_req_failed:
    - rate<0.01
  http_req_duration{region:eu-far}:
    - min>=320
regions: [eu-near, eu-far]
`;

/**
 * The spread preset's load as a k6-style script (spread-script.js), its request sent by a module of its
 * own (lib/delayed.js); its regions come from options.ext.fpt. Each agent loads it from its own presets
 * folder, as it does a preset.
 */
export const spreadScript = `import { delayed } from './lib/delayed.js';

export const options = {
  scenarios: { api: { executor: 'shared-iterations', vus: 2, iterations: 20 } },
  thresholds: { http_req_failed: ['rate<0.01'], 'http_req_duration{region:eu-far}': ['min>=320'] },
  ext: { fpt: { regions: ['eu-near', 'eu-far'] } },
};

export default async function () {
  await delayed(__ENV.TARGET_URL, 20);
}
`;

/** The module spreadScript imports: lib/delayed.js. */
export const spreadScriptModule = `import http from 'k6/http';

export async function delayed(base, ms) {
  return http.get(\`\${base}/delay?ms=\${ms}\`, { tags: { name: 'delayed' } });
}
`;

/** The same load with a threshold no run can hold. */
export const strictPreset = spreadPreset
  .replace('name: spread', 'name: strict')
  .replace('  http_req_failed:\n    - rate<0.01', '  http_req_duration:\n    - p(95)<1');

/** Long enough to lose an agent in the middle. */
export const steadyPreset = `name: steady
target:
  baseUrl: \${TARGET_URL}
scenarios:
  api:
    executor: constant-vus
    vus: 2
    duration: 4s
    gracefulStop: 1s
${request(20)}
`;

/**
 * One agent of a region in a fleet test: its id and region, the fleet's peer token, the test presets, and
 * the allowlist and target on loopback (`env` and `args` add to them: a peer registry, a slower target).
 */
export function startRegionAgent(options: {
  readonly id: string;
  readonly region: string;
  readonly seed: string;
  readonly targetUrl: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
}): Promise<AgentProcess> {
  return startAgentProcess({
    env: {
      FPT_AGENT_ID: options.id,
      FPT_REGION: options.region,
      FPT_PEER_TOKEN: peerToken,
      FPT_SEED_PRESETS_DIR: options.seed,
      FPT_ALLOW_TARGETS: '127.0.0.1',
      TARGET_URL: options.targetUrl,
      ...options.env,
    },
    args: options.args ?? [],
  });
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface FleetRunLike {
  id: string;
  status: string;
  reason: string | null;
  exitCode: number | null;
  missingRegions: string[];
  figures: { requests: number | null; p50Ms: number | null; p75Ms?: number } | null;
  thresholds: { metric: string; expression: string; ok: boolean; noData: boolean }[];
  regions: {
    region: string;
    status: string;
    reason: string | null;
    figures: { requests: number | null; p50Ms: number | null; maxVus: number | null } | null;
    agents: {
      peer: string;
      agentId: string | null;
      segment: { index: number; count: number };
      state: string;
      reason: string | null;
      runId: string | null;
      links: { report: string } | null;
      figures: { requests: number | null } | null;
    }[];
  }[];
  links: { summary: string; report: string; junit: string; metrics: string };
}

/** Polls a fleet run on its coordinator until it has ended. */
export async function waitForFleetRun(
  coordinator: AgentProcess,
  id: string,
  timeoutMs = 90_000,
): Promise<FleetRunLike> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api<FleetRunLike>(coordinator, `/api/fleet/runs/${id}`);
    if (body.status !== 'running') return body;
    if (Date.now() > deadline) throw new Error(`fleet run ${id} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Polls a running fleet run until `ready` says so (every agent running, say); fails if it ends first. */
export async function waitForFleetState(
  coordinator: AgentProcess,
  id: string,
  ready: (run: FleetRunLike) => boolean,
): Promise<FleetRunLike> {
  for (;;) {
    const { body } = await api<FleetRunLike>(coordinator, `/api/fleet/runs/${id}`);
    if (ready(body)) return body;
    if (body.status !== 'running') throw new Error(`fleet run ${id} ended (${body.status}) while waiting`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
