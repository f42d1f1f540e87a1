import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentProcess, startAgentProcess } from '../../../tools/test-support/agent-process.js';
import { api, seedFolder, tinyPreset, waitForEnd } from './agent-fixtures.js';

const cliBin = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));

interface VerdictRow {
  scope: string;
  name: string;
  scenario?: string;
  status: string;
  p95: { changeMs: number | null; changePct: number | null; change: string; withinFloor: boolean } | null;
  errorRate: { changePts: number | null; change: string } | null;
  reasons: string[];
}
interface Verdict {
  format: string;
  status: string;
  preset: string;
  baseline: { createdAt: string; runId: string | null };
  run: { id: string | null };
  overall: VerdictRow;
  requests: VerdictRow[];
  regions: VerdictRow[];
  counts: Record<string, number>;
  warnings: string[];
}

/** Everything but the moment the baseline was made: the route and `fpt baseline save` each read the clock. */
const withoutCreatedAt = (verdict: Verdict) => ({
  ...verdict,
  baseline: { ...verdict.baseline, createdAt: '(now)' },
});

describe('GET /api/compare: the baseline gate between two runs, against a real agent', () => {
  let target: DemoTarget;
  let seed: string;
  let agent: AgentProcess;
  let work: string;
  const ids = { base: '', run: '', other: '' };

  const start = async (preset: string) => {
    const { status, body } = await api<{ id: string }>(agent, '/api/runs', { body: { preset } });
    expect(status, JSON.stringify(body)).toBe(202);
    const row = await waitForEnd(agent, body.id);
    expect(row.status, row.reason ?? '').toBe('passed');
    return body.id;
  };
  const summaryFile = async (id: string) => {
    const { status, body } = await api(agent, `/api/runs/${encodeURIComponent(id)}/summary.json`);
    expect(status).toBe(200);
    const file = join(work, `${id}.summary.json`);
    writeFileSync(file, JSON.stringify(body));
    return file;
  };
  const fpt = (...args: string[]) => {
    const result = spawnSync(process.execPath, [cliBin, ...args], { encoding: 'utf8' });
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const compare = (base: string, run: string) =>
    api<Verdict & { error?: string; hint?: string; comparable?: boolean }>(
      agent,
      `/api/compare?base=${encodeURIComponent(base)}&run=${encodeURIComponent(run)}`,
    );

  beforeAll(async () => {
    target = await startDemoTarget();
    seed = seedFolder({ 'other.yaml': tinyPreset.replace('name: tiny', 'name: other') });
    work = mkdtempSync(join(tmpdir(), 'fpt-compare-'));
    agent = await startAgentProcess({
      env: { TARGET_URL: target.url, FPT_SEED_PRESETS_DIR: seed, FPT_ALLOW_TARGETS: '127.0.0.1' },
    });
    ids.base = await start('tiny');
    ids.run = await start('tiny');
    ids.other = await start('other');
  }, 120_000);

  afterAll(async () => {
    await agent?.stop();
    await target?.close();
    if (seed) rmSync(seed, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('answers with the verdict `fpt gate` gives for the same pair, row for row', async () => {
    const { status, body } = await compare(ids.base, ids.run);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.format).toBe('fpt-gate-verdict');
    expect(body.baseline.runId).toBe(ids.base);
    expect(body.run.id).toBe(ids.run);

    const baselineFile = join(work, 'baseline.json');
    const saved = fpt('baseline', 'save', await summaryFile(ids.base), '-o', baselineFile);
    expect(saved.code, saved.output).toBe(0);
    const verdictFile = join(work, 'verdict.json');
    const gated = fpt('gate', await summaryFile(ids.run), '--baseline', baselineFile, '--json', verdictFile);
    expect([0, 90], gated.output).toContain(gated.code);
    const gate = JSON.parse(readFileSync(verdictFile, 'utf8')) as Verdict;

    // Row for row: the status, each request's status and the numbers behind them.
    expect(body.status).toBe(gate.status);
    expect(body.overall.status).toBe(gate.overall.status);
    const rows = (v: Verdict) => v.requests.map((r) => [r.name, r.scenario, r.status, r.p95, r.errorRate]);
    expect(rows(body)).toEqual(rows(gate));
    expect(body.requests.map((r) => r.name).sort()).toEqual(['fast', 'slow']);
    // And the whole verdict: tolerances, regions, counts, reasons, warnings.
    expect(withoutCreatedAt(body)).toEqual(withoutCreatedAt(gate));
    expect(gated.code).toBe(body.status === 'regression' ? 90 : 0);
  });

  it('refuses runs of different presets as not comparable, as the gate does (exit 104)', async () => {
    const { status, body } = await compare(ids.base, ids.other);
    expect(status).toBe(422);
    expect(body).toMatchObject({ comparable: false, basePreset: 'tiny', runPreset: 'other' });
    expect(body.error).toContain('not comparable');
    expect(body.error).toContain('"tiny"');
    expect(body.error).toContain('"other"');

    const baselineFile = join(work, 'baseline-tiny.json');
    expect(fpt('baseline', 'save', await summaryFile(ids.base), '-o', baselineFile).code).toBe(0);
    const gated = fpt(
      'gate',
      await summaryFile(ids.other),
      '--baseline',
      baselineFile,
      '--json',
      join(work, 'x.json'),
    );
    expect(gated.code, gated.output).toBe(104);
    expect(gated.output).toContain('the baseline is for preset "tiny", but the run is of preset "other"');
  });

  it('says what is missing: a parameter, a run', async () => {
    expect((await api(agent, `/api/compare?base=${encodeURIComponent(ids.base)}`)).status).toBe(400);
    const missing = await compare(ids.base, 'no-such-run');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('no run no-such-run');
    // Without the token, like every API route.
    expect((await fetch(`${agent.url}/api/compare?base=${ids.base}&run=${ids.run}`)).status).toBe(401);
  });
});
