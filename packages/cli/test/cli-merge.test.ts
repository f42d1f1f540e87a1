import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MetricsExport } from '@fpt/metrics';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogramsBySecond } from '../../../tools/test-support/per-second-histograms.js';
import { runFpt } from './cli-process.js';

// A run split in four shares (fpt run --segment i/4, each its own process, started together with
// --start-at) and merged with fpt merge must be the run itself: the same counts as one whole run, the
// thresholds evaluated on the merged data, percentiles from the merged histograms.

interface Summary {
  metrics: Record<string, { values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> }>;
  root_group: { checks: { name: string; passes: number; fails: number }[] };
  fpt: {
    outcome: string;
    exitCode: number;
    scenarios: { name: string; completedIterations: number }[];
    thresholds: { metric: string; expression: string; ok: boolean }[];
    fleet?: { coordinator: string; regions: { agents: { peer: string; state: string }[] }[] };
  };
}

const presetFor = (name: string, path: string) => `name: ${name}
target: { baseUrl: "\${TARGET_URL}" }
scenarios:
  api:
    executor: shared-iterations
    vus: 8
    iterations: 400
    requests:
      - { name: fast, path: /fast, checks: [{ status: 200 }] }
      - { name: slow, path: "${path}", checks: [{ status: 200 }] }
thresholds:
  # Each share sends 100 requests: this holds only on the merged data.
  http_reqs: ["count>=400"]
  "http_req_duration{name:slow}": ["p(95)<5000"]
  checks: ["rate==1"]
`;

let target: DemoTarget;
let dir: string;
const env = () => ({ TARGET_URL: target.url });
const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Summary;

/** Runs the n shares of a preset at once, each with its metrics export and every sample as k6 JSON lines. */
async function runShares(preset: string, count: number, prefix: string) {
  // Far enough ahead for four processes to load on a busy machine; a late one still runs (and says so).
  const startAt = new Date(Date.now() + 6000).toISOString();
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      runFpt(
        [
          'run',
          join(dir, preset),
          '--segment',
          `${i}/${count}`,
          '--start-at',
          startAt,
          '--metrics-export',
          join(dir, `${prefix}-${i}.json`),
          '--out',
          `json=${join(dir, `${prefix}-${i}.ndjson`)}`,
          '--workers',
          '1',
          '--quiet',
          '--no-summary',
        ],
        { env: env() },
      ),
    ),
  );
}

/** The exact percentile of every http_req_duration sample the shares wrote (k6's JSON lines). */
function exactPercentile(files: readonly string[], p: number): number {
  const values: number[] = [];
  for (const file of files) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line.includes('"http_req_duration"') || !line.includes('"Point"')) continue;
      values.push((JSON.parse(line) as { data: { value: number } }).data.value);
    }
  }
  values.sort((a, b) => a - b);
  return values[Math.max(0, Math.ceil((p / 100) * values.length) - 1)]!;
}

beforeAll(async () => {
  target = await startDemoTarget();
  dir = mkdtempSync(join(tmpdir(), 'fpt-merge-'));
  writeFileSync(join(dir, 'split.yaml'), presetFor('split', '/delay/20'));
  writeFileSync(join(dir, 'other.yaml'), presetFor('split', '/delay/30'));
  const shares = await runShares('split.yaml', 4, 'part');
  for (const share of shares) {
    // Each share alone holds a quarter of the requests: its count threshold fails (99), as it should.
    expect(share.code, share.stderr).toBe(99);
    expect(share.stderr).toMatch(/waiting until .* to start with the other shares|this share starts late/);
  }
}, 120_000);
afterAll(async () => {
  await target?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('fpt merge', () => {
  it('merges four shares into the run they make: counts of one whole run, thresholds on the merged data', async () => {
    const merged = await runFpt(
      [
        'merge',
        ...[0, 1, 2, 3].map((i) => join(dir, `part-${i}.json`)),
        '--summary-export',
        join(dir, 'merged.json'),
        '--report',
        join(dir, 'merged.html'),
        '--junit',
        join(dir, 'merged.xml'),
      ],
      { env: env() },
    );
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('merged 4 shares of split');
    const whole = await runFpt(
      [
        'run',
        join(dir, 'split.yaml'),
        '--quiet',
        '--no-summary',
        '--summary-export',
        join(dir, 'whole.json'),
      ],
      { env: env() },
    );
    expect(whole.code, whole.stderr).toBe(0);
    const m = read('merged.json');
    const w = read('whole.json');
    expect(m.metrics.http_reqs?.values.count).toBe(400);
    expect(m.metrics.http_reqs?.values.count).toBe(w.metrics.http_reqs?.values.count);
    expect(m.fpt.scenarios.map((s) => [s.name, s.completedIterations])).toEqual(
      w.fpt.scenarios.map((s) => [s.name, s.completedIterations]),
    );
    expect(m.root_group.checks.map((c) => [c.name, c.passes, c.fails])).toEqual(
      w.root_group.checks.map((c) => [c.name, c.passes, c.fails]),
    );
    expect(m.fpt.thresholds.map((t) => [t.metric, t.expression, t.ok])).toEqual(
      w.fpt.thresholds.map((t) => [t.metric, t.expression, t.ok]),
    );
    expect(m.fpt.exitCode).toBe(0);
    // The shares are listed as a fleet run lists its agents.
    expect(m.fpt.fleet?.coordinator).toBe('fpt merge');
    expect(m.fpt.fleet?.regions[0]?.agents.map((a) => [a.peer, a.state])).toEqual([
      ['share 0/4', 'failed'],
      ['share 1/4', 'failed'],
      ['share 2/4', 'failed'],
      ['share 3/4', 'failed'],
    ]);
    expect(readFileSync(join(dir, 'merged.html'), 'utf8')).toContain('data-verdict="PASSED"');
    expect(readFileSync(join(dir, 'merged.xml'), 'utf8')).toContain('<testsuite');
  });

  it('takes its percentiles from the merged histograms: within HDR precision of every sample of every share', async () => {
    const m = read('merged.json');
    const samples = [0, 1, 2, 3].map((i) => `part-${i}.ndjson`);
    for (const [stat, p] of [
      ['p(95)', 95],
      ['p(90)', 90],
      ['med', 50],
    ] as const) {
      const exact = exactPercentile(samples, p);
      const mergedValue = m.metrics.http_req_duration!.values[stat]!;
      // HDR histograms with 3 significant digits: a value is kept within 0.1 %; allow one bucket more.
      expect(
        Math.abs(mergedValue - exact) / exact,
        `${stat}: merged ${mergedValue}, exact ${exact}`,
      ).toBeLessThan(0.005);
    }
  });

  it("has per-second percentiles for every second with requests, from the shares' per-second histograms", () => {
    const m = read('merged.json') as Summary & {
      fpt: { timeline: { tMs: number; requests: number; p95Ms?: number }[] };
    };
    const withRequests = m.fpt.timeline.filter((point) => point.requests > 0);
    expect(withRequests.length).toBeGreaterThan(0);
    // Each second's p95 is that of the shares' histograms of that second, merged.
    const shares = [0, 1, 2, 3].map(
      (i) => (JSON.parse(readFileSync(join(dir, `part-${i}.json`), 'utf8')) as MetricsExport).run!.summary,
    );
    for (const share of shares) expect(share.timelineLatency).toHaveLength(share.timeline.length);
    const { seconds, histograms } = histogramsBySecond(shares);
    expect(m.fpt.timeline).toHaveLength(seconds.length);
    for (const [i, point] of m.fpt.timeline.entries()) {
      if (point.requests === 0) continue;
      expect(point.p95Ms, `second ${seconds[i]}`).toBe(histograms.get(seconds[i]!)!.percentile(95));
    }
  });

  it('takes a folder of shares, skipping JSON that is not a metrics export', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    for (const i of [0, 1, 2, 3]) copyFileSync(join(dir, `part-${i}.json`), join(folder, `part-${i}.json`));
    copyFileSync(join(dir, 'merged.json'), join(folder, 'summary.json'));
    const result = await runFpt(['merge', folder, '--no-color'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`skipped ${join(folder, 'summary.json')}: not a metrics export`);
  });

  it('refuses gaps, duplicates, shares of another preset and files that are no share (exit 104)', async () => {
    const gap = await runFpt(['merge', ...[0, 1, 2].map((i) => join(dir, `part-${i}.json`))]);
    expect(gap.code).toBe(104);
    expect(gap.stderr).toContain('share 3/4 is missing');

    const twice = await runFpt(['merge', ...[0, 1, 2, 2, 3].map((i) => join(dir, `part-${i}.json`))]);
    expect(twice.code).toBe(104);
    expect(twice.stderr).toContain(
      `share 2/4 is given twice: ${join(dir, 'part-2.json')}, ${join(dir, 'part-2.json')}`,
    );

    await runShares('other.yaml', 4, 'other');
    const mixed = await runFpt([
      'merge',
      ...[0, 1].map((i) => join(dir, `part-${i}.json`)),
      ...[2, 3].map((i) => join(dir, `other-${i}.json`)),
    ]);
    expect(mixed.code).toBe(104);
    expect(mixed.stderr).toMatch(
      /the shares ran different presets: .*part-0\.json \(0\/4\) ran split, .*other-2\.json \(2\/4\) ran split with another target, load or code/,
    );

    const notShare = await runFpt(['merge', join(dir, 'merged.json'), join(dir, 'split.yaml')]);
    expect(notShare.code).toBe(104);
    expect(notShare.stderr).toContain(`cannot read ${join(dir, 'split.yaml')}`);
    const summaryOnly = await runFpt(['merge', join(dir, 'merged.json')]);
    expect(summaryOnly.code).toBe(104);
    expect(summaryOnly.stderr).toContain(`${join(dir, 'merged.json')} is not a metrics export`);
  });

  it('refuses a start time without a zone, or days ahead', async () => {
    const noZone = await runFpt(['run', join(dir, 'split.yaml'), '--start-at', '2026-12-07T14:30:00'], {
      env: env(),
    });
    expect(noZone.code).toBe(104);
    expect(noZone.stderr).toContain('give an ISO 8601 time with its zone');
    const far = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
    const tooFar = await runFpt(['run', join(dir, 'split.yaml'), '--start-at', far], { env: env() });
    expect(tooFar.code).toBe(104);
    expect(tooFar.stderr).toContain('more than 24 hours ahead');
  });
});
