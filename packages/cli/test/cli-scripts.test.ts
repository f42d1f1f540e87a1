import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFpt } from './cli-process.js';

const fixtures = fileURLToPath(new URL('./fixtures/k6/', import.meta.url));
let target: DemoTarget;
let dir: string;
beforeAll(async () => {
  target = await startDemoTarget();
  dir = mkdtempSync(join(tmpdir(), 'fpt-scripts-'));
});
afterAll(async () => {
  await target?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Summary {
  metrics: Record<
    string,
    { type: string; values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> }
  >;
  root_group: { checks: { name: string; passes: number; fails: number }[] };
  fpt: { outcome: string; abortReason?: string; scenarios: { name: string; completedIterations: number }[] };
}

async function runScript(script: string, env: Record<string, string> = {}, extra: string[] = []) {
  const summaryFile = join(dir, `${script}-${Math.random().toString(16).slice(2)}.json`);
  const result = await runFpt([
    'run',
    join(fixtures, script),
    '--quiet',
    '--summary-export',
    summaryFile,
    '-e',
    `BASE_URL=${target.url}`,
    ...Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]),
    ...extra,
  ]);
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  return { ...result, summary };
}

const checks = (summary: Summary) =>
  Object.fromEntries(summary.root_group.checks.map((c) => [c.name, [c.passes, c.fails]]));

describe('fpt run <script.js>', () => {
  it('runs the CRUD case from its options: vus and iterations, the token, http.url names, thresholds', async () => {
    const { code, stderr, summary } = await runScript('crud.js');
    expect(code, stderr).toBe(0);
    expect(summary.metrics.http_reqs?.values.count).toBe(40);
    expect(checks(summary)).toEqual({
      'logged in': [10, 0],
      created: [10, 0],
      'read back': [10, 0],
      deleted: [10, 0],
    });
    expect(summary.metrics['http_req_duration{name:create}']?.thresholds).toEqual({
      'p(95)<2000': { ok: true },
    });
    expect(summary.fpt.scenarios).toEqual([
      expect.objectContaining({ name: 'default', completedIterations: 10 }),
    ]);
  });

  it('runs the CSV case: SharedArray of users read with open(), tagged per user', async () => {
    const { code, stderr, summary } = await runScript('csv-users.js', {}, [
      '--out',
      `json=${join(dir, 'csv.ndjson')}`,
    ]);
    expect(code, stderr).toBe(0);
    expect(checks(summary)).toEqual({ 'token for the right user': [12, 0] });
    const points = readFileSync(join(dir, 'csv.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((l) => l.type === 'Point' && l.metric === 'http_reqs');
    const byUser = (user: string) => points.filter((p) => p.data.tags.user === user);
    expect([byUser('alice').length, byUser('bob').length, byUser('carol').length]).toEqual([4, 4, 4]);
    expect(byUser('carol').every((p) => p.data.tags.status === '401')).toBe(true);
  });

  it('runs the spike case: a tagged sub-metric of a custom trend aborts the run when it crosses', async () => {
    const { code, summary } = await runScript('spike.js', { DELAY_MS: '60' });
    expect(code).toBe(99);
    expect(summary.fpt.outcome).toBe('aborted-by-threshold');
    expect(summary.metrics['slow_part{kind:delayed}']?.thresholds).toEqual({ 'p(95)<20': { ok: false } });
    expect(summary.metrics.slow_part?.values.max).toBeGreaterThanOrEqual(60);
    const fast = await runScript('spike.js', { DELAY_MS: '0' });
    expect(fast.code, fast.stderr).toBe(0);
    expect(fast.summary.fpt.scenarios[0]?.completedIterations).toBeGreaterThan(150);
  });

  it('runs two scenarios with their own exec functions and start times', async () => {
    const { code, stderr, summary } = await runScript('two-scenarios.js');
    expect(code, stderr).toBe(0);
    const byScenario = Object.fromEntries(summary.fpt.scenarios.map((s) => [s.name, s.completedIterations]));
    expect(byScenario.buy).toBe(3);
    expect(byScenario.browse).toBeGreaterThan(10);
    expect(summary.metrics['http_reqs']?.values.count).toBe(byScenario.browse! + 3);
  });

  it('refuses a script with problems, each at its line (exit 104), and warns of options FPT does not read', async () => {
    const broken = await runFpt(['run', join(fixtures, '../../../../engine/test/fixtures/k6/refused.js')]);
    expect(broken.code).toBe(104);
    expect(broken.stderr).toContain('invalid script');
    expect(broken.stderr).toMatch(/refused\.js:4:16 cannot import "node:fs"/);
    const warned = await runScript('options-warnings.js');
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('WARN options.discardResponseBodies is not supported by FPT');
    expect(warned.stderr).toContain('WARN options.userAgent is not supported by FPT');
    expect(warned.summary.metrics.http_reqs?.values.count).toBe(2);
  });
});
