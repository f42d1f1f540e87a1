import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFpt } from './cli-process.js';

let target: DemoTarget;
let dir: string;
beforeAll(async () => {
  target = await startDemoTarget();
  dir = mkdtempSync(join(tmpdir(), 'fpt-k6-habits-'));
});
afterAll(async () => {
  await target?.close();
  rmSync(dir, { recursive: true, force: true });
});

function preset(): string {
  const file = join(dir, 'habits.yaml');
  writeFileSync(
    file,
    `name: habits
target: { baseUrl: "${target.url}" }
scenarios:
  s:
    executor: constant-vus
    vus: 1
    duration: 10s
    requests: [{ name: fast, path: /fast }]
`,
  );
  return file;
}

describe('k6 command-line habits', () => {
  it('takes -u, -d, --summary-trend-stats and --no-summary as k6 does', async () => {
    const summaryFile = join(dir, 'summary.json');
    const result = await runFpt([
      'run',
      preset(),
      '-u',
      '2',
      '-d',
      '1s',
      '--summary-trend-stats',
      'avg,p(99.9),count',
      '--no-summary',
      '--quiet',
      '--summary-export',
      summaryFile,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('TOTAL RESULTS');
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    expect(Object.keys(summary.metrics.http_req_duration.values)).toEqual(['avg', 'p(99.9)', 'count']);
    expect(summary.options.summaryTrendStats).toEqual(['avg', 'p(99.9)', 'count']);
    expect(summary.metrics.vus_max.values.max).toBe(2);
    expect(summary.state.testRunDurationMs).toBeLessThan(5000);
  });

  it('prints the chosen trend stats in the summary, and refuses one it does not know', async () => {
    const shown = await runFpt([
      'run',
      preset(),
      '-d',
      '500ms',
      '--quiet',
      '--summary-trend-stats',
      'min,p(50)',
    ]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/http_req_duration\.+: min=\S+ p\(50\)=\S+\n/);
    const refused = await runFpt(['run', preset(), '--summary-trend-stats', 'avg,p95']);
    expect(refused.code).toBe(104);
    expect(refused.stderr).toMatch(/unknown trend stat "p95": use avg, min, med, max, count or p\(N\)/);
  });

  it('takes -i for the iterations of an iteration scenario', async () => {
    const file = join(dir, 'iterations.yaml');
    writeFileSync(
      file,
      `name: iterations
target: { baseUrl: "${target.url}" }
scenarios:
  s: { executor: shared-iterations, vus: 2, iterations: 100, requests: [{ name: fast, path: /fast }] }
`,
    );
    const summaryFile = join(dir, 'iterations.json');
    const result = await runFpt(['run', file, '-i', '7', '--quiet', '--summary-export', summaryFile]);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(summaryFile, 'utf8')).metrics.iterations.values.count).toBe(7);
  });
});
