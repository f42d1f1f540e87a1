import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeSink,
  type EncodedSink,
  MetricStore,
  type MetricsExport,
  type MetricsSnapshot,
  type TrendSink,
} from '@fpt/metrics';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentProcess } from '../../../tools/test-support/agent-process.js';
import { type DelayProxy, startDelayProxy } from '../../../tools/test-support/delay-proxy.js';
import {
  type HostRoutingProxy,
  startHostRoutingProxy,
} from '../../../tools/test-support/host-routing-proxy.js';
import { histogramsBySecond } from '../../../tools/test-support/per-second-histograms.js';
import { api, seedFolder, waitForEnd, waitForPoints } from '../../agent/test/agent-fixtures.js';
import { runFpt } from '../../cli/test/cli-process.js';
import {
  closedPort,
  type FleetRunLike,
  peerToken,
  spreadPreset,
  spreadScript,
  spreadScriptModule,
  startRegionAgent,
  steadyPreset,
  strictPreset,
  waitForFleetRun,
  waitForFleetState,
} from './fleet-fixtures.js';

/** What the far path adds to every request (a TCP proxy that holds each chunk this long). */
const farDelayMs = 300;
/** What the demo target waits before answering (the preset's /delay?ms=20). */
const targetDelayMs = 20;

let target: DemoTarget;
let farPath: DelayProxy;
let nearBFront: HostRoutingProxy;
let seed: string;
let peersFile: string;
let gonePort: number;
let nearA: AgentProcess;
let nearB: AgentProcess;
let farA: AgentProcess;
let doomed: AgentProcess;
const agents: AgentProcess[] = [];

function startAgent(id: string, region: string, env: Record<string, string> = {}, args: string[] = []) {
  return startRegionAgent({ id, region, seed, targetUrl: target.url, env, args }).then((agent) => {
    agents.push(agent);
    return agent;
  });
}

beforeAll(async () => {
  target = await startDemoTarget();
  farPath = await startDelayProxy(target.url, farDelayMs);
  seed = seedFolder({
    'spread.yaml': spreadPreset,
    'strict.yaml': strictPreset,
    'steady.yaml': steadyPreset,
    'spread-script.js': spreadScript,
    'lib/delayed.js': spreadScriptModule,
  });
  [nearB, farA, doomed] = await Promise.all([
    startAgent('near-b', 'eu-near'),
    // eu-far reaches the target through the slow path only.
    startAgent('far-a', 'eu-far', { TARGET_URL: farPath.url }),
    startAgent('doomed-a', 'eu-doomed'),
  ]);
  // near-b sits behind a proxy that routes by Host, as a Kamal proxy or a tunnel would.
  nearBFront = await startHostRoutingProxy({ 'near-b.example.test': nearB.url });
  gonePort = await closedPort();
  const coordinatorPort = await closedPort();
  peersFile = join(seed, 'peers.yaml');
  writeFileSync(
    peersFile,
    `peers:
  - { id: near-a, region: eu-near, role: baseline, url: "http://127.0.0.1:${coordinatorPort}" }
  - id: near-b
    region: eu-near
    role: baseline
    url: http://near-b.example.test
    privateUrl: ${nearBFront.url}
  - { id: far-a, region: eu-far, role: far, url: "${farA.url}" }
  - { id: doomed-a, region: eu-doomed, role: far, url: "${doomed.url}" }
  - { id: gone, region: us-gone, role: far, url: "http://127.0.0.1:${gonePort}" }
`,
  );
  // The coordinator is one of eu-near's agents too: it runs its share through its own API.
  nearA = await startAgent('near-a', 'eu-near', { FPT_PEERS_FILE: peersFile, FPT_PEER_LOST_AFTER: '1s' }, [
    '--port',
    String(coordinatorPort),
  ]);
}, 60_000);

afterAll(async () => {
  for (const agent of agents.splice(0)) await agent.stop();
  await nearBFront?.close();
  await farPath?.close();
  await target?.close();
  rmSync(seed, { recursive: true, force: true });
});

async function fleetRun(body: Record<string, unknown>): Promise<FleetRunLike> {
  const started = await api<FleetRunLike & { error?: string }>(nearA, '/api/fleet/runs', { body });
  expect(started.status, started.body.error).toBe(202);
  expect(started.body.status).toBe('running');
  return waitForFleetRun(nearA, started.body.id);
}

function histogramOf(encoded: unknown): TrendSink {
  return decodeSink(encoded as EncodedSink) as TrendSink;
}

describe('a fleet run across regions', () => {
  let run: FleetRunLike;
  const exported = new MetricStore();
  const agentExports: MetricsExport[] = [];

  beforeAll(async () => {
    run = await fleetRun({ preset: 'spread', regions: ['eu-near', 'eu-far'], tags: { build: '7' } });
    // Every agent's own export, fetched from the agent itself: all the samples of the run.
    const byPeer: Record<string, AgentProcess> = { 'near-a': nearA, 'near-b': nearB, 'far-a': farA };
    for (const region of run.regions) {
      for (const agent of region.agents) {
        const snapshot = await api<MetricsSnapshot>(
          byPeer[agent.peer]!,
          `/api/runs/${agent.runId}/metrics.json`,
        );
        exported.mergeSnapshot(snapshot.body);
        agentExports.push(snapshot.body as MetricsExport);
      }
    }
  }, 120_000);

  it('passes with every region complete', () => {
    expect([run.status, run.exitCode, run.missingRegions, run.reason]).toEqual(['passed', 0, [], null]);
    expect(run.regions.map((r) => [r.region, r.status])).toEqual([
      ['eu-near', 'complete'],
      ['eu-far', 'complete'],
    ]);
  });

  it("splits a region's load across its two agents so that together they run the preset's", async () => {
    const near = run.regions.find((r) => r.region === 'eu-near')!;
    expect(near.agents.map((a) => [a.peer, a.agentId, a.segment, a.state])).toEqual([
      ['near-a', 'near-a', { index: 0, count: 2 }, 'passed'],
      ['near-b', 'near-b', { index: 1, count: 2 }, 'passed'],
    ]);
    // shared-iterations: 20 between them, 10 each; one VU each of the preset's two.
    expect(near.agents.map((a) => a.figures?.requests)).toEqual([10, 10]);
    expect(near.figures?.requests).toBe(20);
    expect(near.figures?.maxVus).toBe(2);
    expect(run.regions.find((r) => r.region === 'eu-far')?.figures?.requests).toBe(20);
    expect(run.figures?.requests).toBe(40);
    // Each region's own run is in its agent's history, with its share and the fleet run's tag.
    const own = await api<{ segment: unknown; tags: Record<string, string>; region: string }>(
      nearB,
      `/api/runs/${near.agents[1]!.runId}`,
    );
    expect(own.body.segment).toEqual({ index: 1, count: 2 });
    expect(own.body.tags).toEqual({ build: '7', fleet_run: run.id });
    expect(own.body.region).toBe('eu-near');
  });

  it('merges percentiles exactly: the fleet histogram is the one of every sample of every agent', async () => {
    const summary = await api<{
      fpt: { histograms: Record<string, unknown> };
      metrics: Record<string, { values: Record<string, number> }>;
    }>(nearA, run.links.summary);
    const fleet = histogramOf(summary.body.fpt.histograms.http_req_duration);
    const all = exported.aggregate('http_req_duration') as TrendSink;
    expect(fleet.count).toBe(40);
    expect(all.count).toBe(40);
    for (const p of [0, 25, 50, 75, 90, 95, 99, 100]) expect(fleet.percentile(p)).toBe(all.percentile(p));
    expect(summary.body.metrics.http_req_duration?.values['p(95)']).toBe(all.percentile(95));
    // The fleet's merged export holds the same samples.
    const merged = MetricStore.fromSnapshot((await api<MetricsSnapshot>(nearA, run.links.metrics)).body);
    expect((merged.aggregate('http_req_duration') as TrendSink).percentile(99)).toBe(all.percentile(99));
  });

  it("has a p95 for every second with requests, from the agents' per-second histograms merged", async () => {
    const summary = await api<{ fpt: { timeline: { tMs: number; requests: number; p95Ms?: number }[] } }>(
      nearA,
      run.links.summary,
    );
    const { seconds, histograms } = histogramsBySecond(
      agentExports.map((agentExport) => agentExport.run!.summary),
    );
    const merged = summary.body.fpt.timeline;
    expect(merged).toHaveLength(seconds.length);
    const withRequests = merged.filter((point) => point.requests > 0);
    expect(withRequests.length).toBeGreaterThan(0);
    for (const [i, point] of merged.entries()) {
      if (point.requests === 0) continue;
      expect(point.p95Ms, `second ${seconds[i]}`).toBe(histograms.get(seconds[i]!)!.percentile(95));
    }
  });

  it('shows what each region measured: the far path adds its delay to every eu-far request', () => {
    const near = exported.aggregate('http_req_duration', { region: 'eu-near' }) as TrendSink;
    const far = exported.aggregate('http_req_duration', { region: 'eu-far' }) as TrendSink;
    expect(near.count).toBe(20);
    expect(near.min).toBeGreaterThanOrEqual(targetDelayMs);
    expect(far.count).toBe(20);
    expect(far.min).toBeGreaterThanOrEqual(targetDelayMs + farDelayMs);
    const farRegion = run.regions.find((r) => r.region === 'eu-far')!;
    expect(farRegion.figures?.p50Ms).toBe(far.percentile(50));
    expect(run.regions.find((r) => r.region === 'eu-near')?.figures?.p50Ms).toBe(near.percentile(50));
    // Half the fleet's samples took the far path, so its upper quartile is a far one.
    expect((exported.aggregate('http_req_duration') as TrendSink).percentile(75)).toBeGreaterThanOrEqual(
      targetDelayMs + farDelayMs,
    );
    // The region-filtered threshold was judged on the merged data; on near-a alone it did not apply.
    expect(run.thresholds.find((t) => t.metric === 'http_req_duration{region:eu-far}')).toMatchObject({
      ok: true,
      noData: false,
    });
  });

  it('reaches near-b over its private route with the public Host header intact', () => {
    expect(nearBFront.hosts.length).toBeGreaterThan(0);
    expect(new Set(nearBFront.hosts)).toEqual(new Set(['near-b.example.test']));
  });

  it('keeps the fleet run in the coordinator history with the evidence of a single run', async () => {
    const list = await api<{ runs: { id: string }[]; total: number }>(nearA, '/api/fleet/runs');
    expect(list.body.runs.map((r) => r.id)).toContain(run.id);
    const report = await api<string>(nearA, run.links.report);
    expect(report.headers.get('content-type')).toMatch(/text\/html/);
    expect(report.body).toContain('id="fleet-regions-table"');
    // Links to each region's own run, on each agent's public URL.
    const nearBRun = run.regions[0]!.agents[1]!;
    expect(report.body).toContain(`http://near-b.example.test/api/runs/${nearBRun.runId}/report.html`);
    const junit = await api<string>(nearA, run.links.junit);
    expect(junit.body).toMatch(/<testsuite name="fpt.regions"[^>]*tests="2" failures="0" errors="0"/);
    const schema = JSON.parse(
      readFileSync(new URL('../../../docs/summary.schema.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    const summary = await api(nearA, run.links.summary);
    expect(validate(summary.body) ? [] : validate.errors).toEqual([]);
  });
});

describe('a fleet run of a script', () => {
  it("runs the script from each agent's presets folder, split across a region's agents, and merges the counts", async () => {
    // No regions named: the script's own (options.ext.fpt.regions), as the coordinator's copy says.
    const run = await fleetRun({ preset: 'spread-script' });
    expect([run.status, run.exitCode, run.missingRegions, run.reason]).toEqual(['passed', 0, [], null]);
    const near = run.regions.find((r) => r.region === 'eu-near')!;
    expect(near.agents.map((a) => [a.peer, a.segment, a.state])).toEqual([
      ['near-a', { index: 0, count: 2 }, 'passed'],
      ['near-b', { index: 1, count: 2 }, 'passed'],
    ]);
    // shared-iterations: 20 between eu-near's two agents, 10 each; eu-far's one agent runs all 20.
    expect(near.agents.map((a) => a.figures?.requests)).toEqual([10, 10]);
    expect(near.figures?.requests).toBe(20);
    expect(run.regions.find((r) => r.region === 'eu-far')?.figures?.requests).toBe(20);
    expect(run.figures?.requests).toBe(40);
    // Each agent ran its own copy of the script: the run in near-b's history is the script's.
    const own = await api<{ preset: string; segment: unknown }>(nearB, `/api/runs/${near.agents[1]!.runId}`);
    expect(own.body).toMatchObject({ preset: 'spread-script', segment: { index: 1, count: 2 } });
    // eu-far's threshold held on the merged data: every eu-far request took the far path.
    expect(run.thresholds.find((t) => t.metric === 'http_req_duration{region:eu-far}')).toMatchObject({
      ok: true,
      noData: false,
    });
  }, 120_000);

  it('fpt run <script>.js --agents runs it by name on the agents and merges their counts', async () => {
    const result = await runFpt(
      ['run', 'presets/spread-script.js', '--agents', `${nearA.url},${nearB.url}`, '-q'],
      { env: { FPT_PEER_TOKEN: peerToken } },
    );
    expect(result.code, result.stderr).toBe(0);
    // One region, two agents: 10 requests each, 20 merged.
    expect(result.stdout).toMatch(/eu-near\s+complete\s+20 /);
    expect(result.stdout).toMatch(/PASSED \(exit code 0\)/);
  }, 120_000);
});

describe('fleet status', () => {
  it('shows every peer with its health, and an unreachable one as such', async () => {
    const { status, body } = await api<{
      coordinator: string;
      peers: { id: string; region: string; health: string; busy: boolean | null; route: string }[];
    }>(nearA, '/api/fleet/status');
    expect(status).toBe(200);
    expect(body.coordinator).toBe('eu-near/near-a');
    expect(body.peers.map((p) => [p.id, p.region, p.health, p.busy, p.route])).toEqual([
      ['near-a', 'eu-near', 'ok', false, 'public'],
      ['near-b', 'eu-near', 'ok', false, 'private'],
      ['far-a', 'eu-far', 'ok', false, 'public'],
      ['doomed-a', 'eu-doomed', 'ok', false, 'public'],
      ['gone', 'us-gone', 'unreachable', null, 'public'],
    ]);
    expect(JSON.stringify(body)).not.toContain(peerToken);
    const own = await api<{ fleet: { peers: number; fleetRunId: string | null } }>(nearA, '/api/status');
    expect(own.body.fleet).toEqual({ peers: 5, fleetRunId: null });
    expect((await api<{ fleet: { peers: number } }>(nearB, '/api/status')).body.fleet.peers).toBe(0);
  });

  it('refuses what it cannot run, saying why', async () => {
    const unknown = await api<{ error: string; hint: string }>(nearA, '/api/fleet/runs', {
      body: { preset: 'spread', regions: ['eu-nowhere'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('no peer serves eu-nowhere');
    expect(unknown.body.hint).toMatch(/eu-near, eu-far, eu-doomed, us-gone/);
    const segment = await api<{ error: string }>(nearA, '/api/fleet/runs', {
      body: { preset: 'spread', segment: { index: 0, count: 2 } },
    });
    expect(segment.status).toBe(400);
    const noPeers = await api<{ error: string; hint: string }>(nearB, '/api/fleet/runs', {
      body: { preset: 'spread' },
    });
    expect(noPeers.status).toBe(503);
    expect(noPeers.body.hint).toMatch(/FPT_PEERS_FILE/);
  });
});

describe('partial failure is a result', () => {
  it('reports a busy and an unreachable region with the reason, and keeps the other region intact', async () => {
    const own = await api<{ id: string }>(farA, '/api/runs', { body: { preset: 'long' } });
    expect(own.status).toBe(202);
    try {
      const run = await fleetRun({ preset: 'spread', regions: ['eu-near', 'eu-far', 'us-gone'] });
      expect([run.status, run.exitCode]).toEqual(['incomplete', 97]);
      expect(run.missingRegions).toEqual(['eu-far', 'us-gone']);
      const [near, far, gone] = run.regions;
      expect(far).toMatchObject({ status: 'missing', figures: null });
      expect(far?.reason).toBe(`far-a: busy: a run of its own is in progress (${own.body.id})`);
      expect(far?.agents[0]?.state).toBe('busy');
      expect(gone?.reason).toMatch(
        /^gone: unreachable: POST http:\/\/127\.0\.0\.1:\d+\/api\/runs: ECONNREFUSED$/,
      );
      expect(near).toMatchObject({ status: 'complete', reason: null });
      expect(near?.figures?.requests).toBe(20);
      expect(run.figures?.requests).toBe(20);
      // eu-far's threshold has no data because eu-far is missing: that makes the run incomplete, not failed.
      expect(run.reason).toMatch(/^regions missing: eu-far \(far-a: busy.*\); us-gone \(gone: unreachable/);
    } finally {
      await api(farA, `/api/runs/${own.body.id}/stop`, { body: {} });
      await waitForEnd(farA, own.body.id);
    }
  }, 120_000);
});

describe('a region short of an agent', () => {
  it('is not run half: the agent that started is stopped and the region reported missing', async () => {
    const own = await api<{ id: string }>(nearB, '/api/runs', { body: { preset: 'long' } });
    expect(own.status).toBe(202);
    try {
      const run = await fleetRun({ preset: 'spread', regions: ['eu-near', 'eu-far'] });
      // On a failure, say which threshold made it one, so a flake can be told from a fault.
      expect([run.status, run.missingRegions], JSON.stringify({ reason: run.reason })).toEqual([
        'incomplete',
        ['eu-near'],
      ]);
      const near = run.regions.find((r) => r.region === 'eu-near')!;
      expect(near.reason).toBe(`near-b: busy: a run of its own is in progress (${own.body.id})`);
      expect(near.agents.map((a) => [a.peer, a.state])).toEqual([
        ['near-a', 'stopped'],
        ['near-b', 'busy'],
      ]);
      expect(near.agents[0]?.reason).toMatch(/near-b of this region could not start/);
      const stopped = await waitForEnd(nearA, near.agents[0]!.runId!);
      expect(stopped.status).toBe('stopped');
      expect(run.regions.find((r) => r.region === 'eu-far')).toMatchObject({ status: 'complete' });
      expect(run.figures?.requests).toBe(20);
    } finally {
      await api(nearB, `/api/runs/${own.body.id}/stop`, { body: {} });
      await waitForEnd(nearB, own.body.id);
    }
  }, 120_000);
});

describe('a fleet run stopped on request', () => {
  it('stops every region, merges what they measured, and says it was stopped (105)', async () => {
    const started = await api<FleetRunLike>(nearA, '/api/fleet/runs', {
      body: { preset: 'steady', regions: ['eu-near', 'eu-far'] },
    });
    expect(started.status).toBe(202);
    const running = await waitForFleetState(nearA, started.body.id, (run) => {
      const states = run.regions.flatMap((r) => r.agents.map((a) => a.state));
      return states.length === 3 && states.every((state) => state === 'running');
    });
    // Every agent's load has started (its first live point), so each stop leaves measurements behind.
    const byPeer: Record<string, AgentProcess> = { 'near-a': nearA, 'near-b': nearB, 'far-a': farA };
    for (const agent of running.regions.flatMap((r) => r.agents)) {
      await waitForPoints(byPeer[agent.peer]!, agent.runId!, 1);
    }
    const stop = await api<FleetRunLike>(nearA, `/api/fleet/runs/${started.body.id}/stop`, { body: {} });
    expect(stop.status).toBe(202);
    const run = await waitForFleetRun(nearA, started.body.id);
    expect([run.status, run.exitCode, run.missingRegions]).toEqual(['stopped', 105, []]);
    expect(run.regions.flatMap((r) => r.agents.map((a) => a.state))).toEqual([
      'stopped',
      'stopped',
      'stopped',
    ]);
    expect(run.regions.map((r) => r.status)).toEqual(['complete', 'complete']);
    const again = await api<{ error: string }>(nearA, `/api/fleet/runs/${run.id}/stop`, { body: {} });
    expect(again.status).toBe(409);
  }, 120_000);
});

describe('the CLI as coordinator', () => {
  const env = () => ({ FPT_PEER_TOKEN: peerToken, FPT_PEERS_FILE: peersFile });

  it('fpt run --agents gates on the merged verdict (0), and says when an agent delivered nothing (97)', async () => {
    const exportFile = join(seed, 'cli-summary.json');
    const ok = await runFpt(
      ['run', 'spread', '--agents', `${nearA.url},${farA.url}`, '-q', '--summary-export', exportFile],
      {
        env: env(),
      },
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/eu-near\s+complete\s+20 /);
    expect(ok.stdout).toMatch(/PASSED \(exit code 0\)/);
    const written = JSON.parse(readFileSync(exportFile, 'utf8')) as {
      fpt: { fleet: { coordinator: string; regions: unknown[] } };
    };
    expect(written.fpt.fleet.coordinator).toBe('cli');
    expect(written.fpt.fleet.regions).toHaveLength(2);

    const partial = await runFpt(
      ['run', 'spread', '--agents', `${nearA.url},http://127.0.0.1:${gonePort}`, '-q'],
      {
        env: env(),
      },
    );
    expect(partial.code, partial.stderr).toBe(97);
    expect(partial.stdout).toMatch(/INCOMPLETE \(exit code 97\): regions missing: unknown@127\.0\.0\.1:\d+/);
  }, 120_000);

  it("fpt fleet run shows the fleet's merged seconds while it runs, each region's beside it", async () => {
    const result = await runFpt(['fleet', 'run', 'steady', '--regions', 'eu-near,eu-far'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    // Not a terminal: a plain line every 5 s, the first as soon as the agents' first second is merged.
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('running '));
    expect(lines.length, result.stderr).toBeGreaterThan(0);
    expect(lines[0]).toMatch(
      /^running \d+\.\ds\/4\.0s {2}VUs \d+ {2}[\d,.]+\/s p95 (-|[\d.,]+ m?s) {2}errors [\d.]+ % {2}\| {2}eu-near [\d,.]+\/s p95 (-|[\d.,]+ m?s) {2}· {2}eu-far [\d,.]+\/s p95 (-|[\d.,]+ m?s)$/,
    );
    // The agents' state lines still come, each on its own line.
    expect(result.stderr).toMatch(/^eu-far\/far-a \(1\/1\) passed run \S+$/m);
  }, 120_000);

  it('fpt fleet run fails on a crossed threshold (99) even with a region missing', async () => {
    const result = await runFpt(['fleet', 'run', 'strict', '--regions', 'eu-near,us-gone', '-q'], {
      env: env(),
    });
    expect(result.code, result.stderr).toBe(99);
    expect(result.stdout).toMatch(/FAILED \(exit code 99\): 1 threshold crossed .*regions missing: us-gone/);
  }, 120_000);

  it('fpt fleet status lists the peers, an unreachable one with the reason', async () => {
    const result = await runFpt(['fleet', 'status'], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/eu-far\s+far-a\s+far\s+\S+\s+ok\s+far-a/);
    expect(result.stdout).toMatch(/us-gone\s+gone\s+far\s+\S+\s+UNREACHABLE\s+unreachable: .*ECONNREFUSED/);
    const json = await runFpt(['fleet', 'status', '--json'], { env: env() });
    const peers = (JSON.parse(json.stdout) as { peers: { id: string; health: string }[] }).peers;
    expect(peers.map((p) => [p.id, p.health])).toContainEqual(['gone', 'unreachable']);
  });

  it('says what is wrong with a peers file, and exits 104', async () => {
    const broken = join(seed, 'broken-peers.yaml');
    writeFileSync(broken, '- {id: a, region: eu, url: "https://a.example.com", token: oops}\n');
    const result = await runFpt(['fleet', 'status'], { env: { FPT_PEERS_FILE: broken } });
    expect(result.code).toBe(104);
    expect(result.stderr).toMatch(/token: a token does not belong in the registry/);
  });
});

describe('a peer killed mid-run', () => {
  it('is reported lost, and the other region is merged all the same', async () => {
    const started = await api<FleetRunLike>(nearA, '/api/fleet/runs', {
      body: { preset: 'steady', regions: ['eu-near', 'eu-doomed'] },
    });
    expect(started.status).toBe(202);
    // Wait until doomed-a is running its share, then kill it as a crash would.
    await waitForFleetState(
      nearA,
      started.body.id,
      (run) => run.regions.find((r) => r.region === 'eu-doomed')?.agents[0]?.state === 'running',
    );
    await doomed.kill();
    const run = await waitForFleetRun(nearA, started.body.id);
    expect([run.status, run.exitCode, run.missingRegions]).toEqual(['incomplete', 97, ['eu-doomed']]);
    const lost = run.regions.find((r) => r.region === 'eu-doomed')!;
    expect(lost.agents[0]?.state).toBe('lost');
    expect(lost.reason).toMatch(/^doomed-a: the agent stopped answering during the run/);
    const near = run.regions.find((r) => r.region === 'eu-near')!;
    expect(near.status).toBe('complete');
    expect(near.figures?.requests).toBeGreaterThan(0);
    expect(run.figures?.requests).toBe(near.figures?.requests);
  }, 120_000);
});
