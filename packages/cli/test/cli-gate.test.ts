import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Baseline, GateVerdict } from '@fpt/gate';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJUnit } from '../../../tools/test-support/read-junit.js';
import { binPath, runFpt } from './cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'fpt-gate-'));
const file = (name: string) => join(dir, name);
let target: DemoTarget;

// Three requests, each to its own route, 30 of each in turn: the second run slows /api/items only.
// A threshold on `items` whose limit comes from the environment lets one run cross it on demand
// without changing the preset's identity (thresholds are not part of it).
const preset = file('gated.yaml');
writeFileSync(
  preset,
  `name: gated
target:
  baseUrl: \${TARGET_URL}
metrics:
  items_time: { type: trend, isTime: true }
scenarios:
  api:
    executor: per-vu-iterations
    vus: 3
    iterations: 30
    selection: round-robin
    requests:
      - { name: fast, path: /fast }
      - { name: items, path: /api/items, record: { metric: items_time } }
      - { name: health, path: /health }
thresholds:
  "http_req_duration{name:items}": ["p(95)<\${ITEMS_P95_LIMIT:-60000}"]
baseline:
  p95IncreasePct: 10
  errorRateIncreasePts: 1
  minAbsoluteMs: 3
`,
);
// Requests on loopback take a few ms; on a busy two-core machine their p95 can move by more than the
// preset's 3 ms floor. The test's floor leaves room for that noise and none for the 250 ms slowdown.
const FLOOR = ['--floor-ms', '40'];
const SLOWDOWN_MS = 250;

const run = (args: readonly string[], env: Record<string, string> = {}) =>
  runFpt(['run', preset, '--quiet', '--workers', '1', ...args], { env: { TARGET_URL: target.url, ...env } });

beforeAll(async () => {
  if (!existsSync(binPath))
    throw new Error(`${binPath} is missing: run npm run build (npm test does it first)`);
  target = await startDemoTarget();
});
afterAll(async () => {
  await target?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the baseline gate end to end, through the real CLI against the demo target', () => {
  it('saves a baseline from a first run, passes the same build, and fails the slowed request only', async () => {
    const first = await run(['--summary-export', file('first.json')]);
    expect(first.code, first.stderr).toBe(0);
    const saved = await runFpt(['baseline', 'save', file('first.json'), '-o', file('baselines/gated.json')]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toMatch(
      /^baseline of preset gated written to .*gated\.json: 90 requests, p95 .*, 3 request name\(s\), 0 region\(s\), custom metric\(s\) items_time\n$/,
    );
    const baseline = JSON.parse(readFileSync(file('baselines/gated.json'), 'utf8')) as Baseline;
    expect(baseline.format).toBe('fpt-baseline');
    expect(baseline.preset.identity).toMatch(/^[0-9a-f]{64}$/);
    expect(baseline.run.id).toMatch(/^gated-\d{8}T\d{6}Z-[0-9a-z]+$/);
    expect(baseline.requests.map((r) => [r.name, r.count]).sort()).toEqual([
      ['fast', 30],
      ['health', 30],
      ['items', 30],
    ]);

    const same = await runFpt(['gate', file('first.json'), '--baseline', file('baselines/gated.json')]);
    expect(same.code, same.stdout + same.stderr).toBe(0);
    expect(same.stdout).toContain('baseline gate (gated): PASS: 0 regressions, 0 improvements');

    target.setRouteDelay('items-list', SLOWDOWN_MS);
    const slowed = await run([
      '--summary-export',
      file('slowed.json'),
      '--baseline',
      file('baselines/gated.json'),
      ...FLOOR,
      '--gate-json',
      file('out/verdict.json'),
      '--gate-markdown',
      file('out/verdict.md'),
      '--gate-junit',
      file('out/verdict.xml'),
      '--report',
      file('out/report.html'),
    ]);
    expect(slowed.code, slowed.stdout + slowed.stderr).toBe(90);
    const verdict = JSON.parse(readFileSync(file('out/verdict.json'), 'utf8')) as GateVerdict;
    expect(verdict.status).toBe('regression');
    expect(verdict.warnings).toEqual([]);
    const requests = Object.fromEntries(verdict.requests.map((r) => [r.name, r]));
    expect(requests['items']!.status).toBe('regression');
    expect(requests['items']!.p95!.change).toBe('regression');
    expect(requests['items']!.p95!.changeMs).toBeGreaterThanOrEqual(SLOWDOWN_MS - 40);
    expect(requests['items']!.errorRate!.change).toBe('unchanged');
    expect(requests['items']!.failures).toHaveLength(1);
    expect(requests['items']!.failures[0]).toMatch(/^p95 .* more than the 10 % allowed$/);
    for (const name of ['fast', 'health']) {
      expect(requests[name]!.status, `${name}: ${requests[name]!.reasons.join('; ')}`).not.toBe('regression');
      expect(requests[name]!.failures).toEqual([]);
    }
    expect(slowed.stdout).toContain('baseline gate (gated): REGRESSION');
    // The headline follows the exit code: the summary's last line says regression, not passed.
    expect(slowed.stdout).toMatch(/✗ regression against the baseline run gated-\S+ .*; the thresholds held/);
    expect(slowed.stdout).not.toContain('✓ passed');
    expect(slowed.stdout.indexOf('✗ regression against')).toBeLessThan(
      slowed.stdout.indexOf('baseline gate (gated)'),
    );
    expect(slowed.stdout).toMatch(/✗ request items: p95 .* more than the 10 % allowed/);
    expect(slowed.stdout).not.toMatch(/✗ request (fast|health)/);
    // The custom trend items record into slowed with them, and is judged like a request.
    expect(slowed.stdout).toMatch(/✗ metric items_time: p95 .* more than the 10 % allowed/);

    expect(readFileSync(file('out/verdict.md'), 'utf8')).toMatch(/^### ❌ FPT baseline gate: REGRESSION/);
    const junit = await readJUnit(readFileSync(file('out/verdict.xml'), 'utf8'));
    const failed = junit.testsuite[0]!.testcase!.filter((c) => c.failure).map((c) => c.name);
    expect(failed).toContain('request items');
    expect(failed).not.toContain('request fast');
    const html = readFileSync(file('out/report.html'), 'utf8');
    expect(html).toContain('id="baseline-requests-table"');
    expect(html).toMatch(/vs baseline run gated-.*<strong>REGRESSION<\/strong>/);
    expect(html).toContain('data-verdict="REGRESSION"');
    expect(html).toContain('· exit code 90');

    // The same verdict from the summary alone, with the baseline found by preset name.
    const again = await runFpt(['gate', file('slowed.json'), '--baseline', 'gated', ...FLOOR], {
      env: { FPT_BASELINES_DIR: file('baselines') },
    });
    expect(again.code).toBe(90);
    expect(again.stdout).toMatch(/✗ request items: p95/);

    // Crossed thresholds win over a regression: 99, with the regression still in the verdict.
    const both = await run(
      ['--baseline', file('baselines/gated.json'), ...FLOOR, '--gate-json', file('out/both.json')],
      { ITEMS_P95_LIMIT: '100' },
    );
    expect(both.code, both.stdout + both.stderr).toBe(99);
    expect((JSON.parse(readFileSync(file('out/both.json'), 'utf8')) as GateVerdict).status).toBe(
      'regression',
    );
    target.setRouteDelay('items-list', 0);
    // Three runs and three commands: more than the default 30 s on a busy machine.
  }, 180_000);
});

describe('fpt gate and fpt baseline: unusable input exits 104 and says how to fix it', () => {
  const summary = file('input-summary.json');
  const baseline = file('input-baseline.json');

  beforeAll(async () => {
    const result = await run(['--iterations', '2', '--summary-export', summary]);
    expect(result.code, result.stderr).toBe(0);
    expect((await runFpt(['baseline', 'save', summary, '-o', baseline])).code).toBe(0);
  });

  it("gates a browser-only preset on its pages' Web Vitals: a slower page fails the LCP row (real Chromium)", async () => {
    const pages = file('pages.yaml');
    writeFileSync(
      pages,
      `name: pages
target:
  baseUrl: \${TARGET_URL}
scenarios:
  journey:
    executor: per-vu-iterations
    vus: 1
    iterations: 3
    maxDuration: 1m
    browser:
      webVitals: [lcp, ttfb]
      steps:
        - goto: /pages/slow-lcp?ms=50
          name: hero
baseline: { p95IncreasePct: 10, errorRateIncreasePts: 1, minAbsoluteMs: 100 }
`,
    );
    const runPages = (args: readonly string[]) =>
      runFpt(['run', pages, '--quiet', '--workers', '1', ...args], { env: { TARGET_URL: target.url } });
    const first = await runPages(['--summary-export', file('pages-first.json')]);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const saved = await runFpt([
      'baseline',
      'save',
      file('pages-first.json'),
      '-o',
      file('baselines/pages.json'),
    ]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toMatch(/: 0 requests, .*, Web Vitals of 1 page\(s\)\n$/);

    // The page's HTML now answers 600 ms late: its TTFB and LCP move by that much, far beyond the floor.
    target.setRouteDelay('page-slow-lcp', 600);
    try {
      const slowed = await runPages([
        '--baseline',
        file('baselines/pages.json'),
        '--gate-json',
        file('out/pages-verdict.json'),
        '--summary-export',
        file('pages-slowed.json'),
      ]);
      expect(slowed.code, slowed.stdout + slowed.stderr).toBe(90);
      const verdict = JSON.parse(readFileSync(file('out/pages-verdict.json'), 'utf8')) as GateVerdict;
      const lcp = verdict.webVitals.find((v) => v.vital === 'lcp')!;
      expect(lcp.page).toBe('hero');
      expect(lcp.status).toBe('regression');
      // p75 of three loads each: the first (cold) load of the baseline can be slower, so less than all 600 ms.
      expect(lcp.judgement!.changeBy).toBeGreaterThanOrEqual(300);
      expect(verdict.webVitals.find((v) => v.vital === 'ttfb')!.status).toBe('regression');
      expect(slowed.stdout).toMatch(/✗ page hero: LCP p75 .* more than the 10 % allowed/);
      // The same run passes when pages may worsen far more than requests.
      const loose = await runFpt([
        'gate',
        file('pages-slowed.json'),
        '--baseline',
        file('baselines/pages.json'),
        '--web-vitals-tolerance',
        '1000000',
      ]);
      expect(loose.code, loose.stdout + loose.stderr).toBe(0);
      expect(loose.stdout).toContain('Web Vitals p75 +1000000 % [option]');
    } finally {
      target.setRouteDelay('page-slow-lcp', 0);
    }
  }, 120_000);

  it('refuses a missing baseline before the run starts', async () => {
    const result = await run(['--baseline', file('nope.json'), '--summary-export', file('never.json')]);
    expect(result.code).toBe(104);
    expect(result.stderr).toContain(`fpt run: no baseline file "${file('nope.json')}"`);
    expect(existsSync(file('never.json'))).toBe(false);
    const byName = await runFpt(['gate', summary, '--baseline', 'gated'], {
      env: { FPT_BASELINES_DIR: file('empty') },
    });
    expect(byName.code).toBe(104);
    expect(byName.stderr).toContain(
      `no baseline "gated": neither a file of that name nor ${file('empty/gated.json')} exists`,
    );
    expect(byName.stderr).toContain('hint: save one: fpt run gated --summary-export summary.json');
  });

  it('refuses a baseline of another preset', async () => {
    const other = JSON.parse(readFileSync(baseline, 'utf8')) as Baseline;
    writeFileSync(
      file('other.json'),
      JSON.stringify({ ...other, preset: { ...other.preset, name: 'quick' } }),
    );
    const result = await runFpt(['gate', summary, '--baseline', file('other.json')]);
    expect(result.code).toBe(104);
    expect(result.stderr).toContain('the baseline is for preset "quick", but the run is of preset "gated"');
  });

  it('refuses a summary given as the baseline, and a baseline given as the summary', async () => {
    const swapped = await runFpt(['gate', summary, '--baseline', summary]);
    expect(swapped.code).toBe(104);
    expect(swapped.stderr).toContain('is not usable: this is a run summary, not a baseline');
    expect(swapped.stderr).toContain('hint: turn it into one with `fpt baseline save');
    const reversed = await runFpt(['gate', baseline, '--baseline', baseline]);
    expect(reversed.code).toBe(104);
    expect(reversed.stderr).toContain('not an FPT summary: there is no `fpt` field');
    const saveBaseline = await runFpt(['baseline', 'save', baseline, '-o', file('x.json')]);
    expect(saveBaseline.code).toBe(104);
    expect(existsSync(file('x.json'))).toBe(false);
  });

  it('says a run id needs an agent to be read from, and how to give one', async () => {
    const result = await runFpt(['gate', 'gated-20250101T100000Z-ab12', '--baseline', baseline]);
    expect(result.code).toBe(104);
    expect(result.stderr).toContain('no agent to ask for a run of that id');
    expect(result.stderr).toContain('--agent <url>');
  });

  it('refuses bad tolerances and gate files without a baseline', async () => {
    const negative = await runFpt(['gate', summary, '--baseline', baseline, '--p95-tolerance', '-3']);
    expect(negative.code).toBe(104);
    expect(negative.stderr).toContain('expected a number ≥ 0, got "-3"');
    const vitals = await runFpt(['gate', summary, '--baseline', baseline, '--web-vitals-tolerance', 'x']);
    expect(vitals.code).toBe(104);
    expect(vitals.stderr).toContain('expected a number ≥ 0, got "x"');
    const orphan = await run(['--gate-json', file('orphan.json')]);
    expect(orphan.code).toBe(104);
    expect(orphan.stderr).toContain('need --baseline');
  });

  it('refuses an unknown route or a bad delay for fpt demo-target --slow', async () => {
    const unknown = await runFpt(['demo-target', '--slow', 'nope=5']);
    expect(unknown.code).toBe(104);
    expect(unknown.stderr).toMatch(
      /^fpt demo-target: unknown route "nope" in --slow; one of: index, health, fast/,
    );
    const bad = await runFpt(['demo-target', '--slow', 'fast=soon']);
    expect(bad.code).toBe(104);
    expect(bad.stderr).toContain('--slow fast=soon: expected a whole number of milliseconds from 0 to 60000');
  });

  it('reads a baseline committed elsewhere by copying it, and has --help for the new commands', async () => {
    mkdirSync(file('copied'), { recursive: true });
    copyFileSync(baseline, file('copied/gated.json'));
    expect((await runFpt(['gate', summary, '--baseline', file('copied/gated.json')])).code).toBe(0);
    for (const command of [['gate'], ['baseline', 'save']]) {
      const help = await runFpt([...command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: fpt ${command.join(' ')}`);
    }
    expect((await runFpt(['gate', '--help'])).stdout).toContain('90 regression');
  });
});
