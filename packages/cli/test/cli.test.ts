import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, repoRoot, runFpt } from './cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'fpt-cli-'));
let target: DemoTarget;

beforeAll(async () => {
  if (!existsSync(binPath))
    throw new Error(`${binPath} is missing: run npm run build (npm test does it first)`);
  target = await startDemoTarget();
});
afterAll(async () => {
  await target?.close();
  rmSync(dir, { recursive: true, force: true });
});

function writePreset(name: string, body: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\ntarget:\n  baseUrl: \${TARGET_URL}\n${body}`);
  return file;
}

const quickScenario = (path: string) => `scenarios:
  api:
    executor: shared-iterations
    vus: 2
    iterations: 20
    requests: [{ name: r, path: "${path}", checks: [{ status: 200 }] }]
`;

describe('fpt validate', () => {
  it('prints ok for every seed preset and exits 0', async () => {
    const result = await runFpt(['validate', 'presets/quick.yaml', 'presets/pr.yaml', 'presets/api.yaml']);
    expect(result.stdout).toBe('ok presets/quick.yaml\nok presets/pr.yaml\nok presets/api.yaml\n');
    expect(result.code).toBe(0);
  });

  it('prints every problem with file:line:column and exits 104', async () => {
    const file = writePreset(
      'broken',
      `scenarios:\n  api:\n    executor: constant-vus\n    vus: ten\n    duraton: 10s\n    requests: [{ name: r, path: / }]\nthresholds:\n  http_req_failed: ["p(95)<1"]\n`,
    );
    const result = await runFpt(['validate', file], { env: { TARGET_URL: 'http://127.0.0.1:1' } });
    expect(result.code).toBe(104);
    expect(result.stdout).toContain(`invalid ${file}: 3 problems`);
    expect(result.stdout).toContain(`${file}:7:10 scenarios.api.vus: expected a whole number`);
    expect(result.stdout).toContain(`${file}:8:5 scenarios.api.duraton: unknown field "duraton"`);
    expect(result.stdout).toContain('hint: did you mean "duration"?');
    expect(result.stdout).toMatch(/scenarios\.api\.duration: required field is missing/);
  });

  it('has --help for every command', async () => {
    for (const command of ['run', 'demo', 'validate', 'schema', 'demo-target']) {
      const result = await runFpt([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: fpt ${command}`);
    }
    // --slow names its routes, not a place to look them up.
    const demoTarget = await runFpt(['demo-target', '--help']);
    expect(demoTarget.stdout.replace(/\s+/g, ' ')).toMatch(/--slow items-get=60; routes: index, health, fast,/);
  });

  it('answers --version and -V with the installed package version', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const result = await runFpt([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${version}\n`);
    }
  });
});

describe('fpt run', () => {
  it('runs a preset, prints the summary, writes the summary JSON, exits 0', async () => {
    const file = writePreset(
      'passing',
      `${quickScenario('/fast')}thresholds:\n  http_req_failed: ["rate<0.01"]\n`,
    );
    const summaryFile = join(dir, 'passing.json');
    const result = await runFpt(
      ['run', file, '--summary-export', summaryFile, '--region', 'eu-near', '--tag', 'build=7'],
      {
        env: { TARGET_URL: target.url },
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("✓ 'rate<0.01' rate=0.00%");
    expect(result.stdout).toMatch(/http_reqs\.+: 20\s/);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    expect(summary.metrics.http_reqs.values.count).toBe(20);
    expect(summary.metrics.http_req_failed.thresholds['rate<0.01'].ok).toBe(true);
    expect(summary.fpt.region).toBe('eu-near');
    expect(summary.fpt.tags).toMatchObject({ build: '7', region: 'eu-near' });
    const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/summary.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    expect(validate(summary) ? [] : validate.errors).toEqual([]);
  });

  it('writes the HTML report and JUnit XML beside the summary', async () => {
    const file = writePreset(
      'evidence',
      `${quickScenario('/fail?ratio=0.25&key=evidence')}thresholds:\n  http_req_failed: ["rate<0.1"]\n`,
    );
    const report = join(dir, 'evidence', 'report.html');
    const junit = join(dir, 'evidence', 'junit.xml');
    const result = await runFpt(['run', file, '--quiet', '--report', report, '--junit', junit], {
      env: { TARGET_URL: target.url },
    });
    expect(result.code).toBe(99);
    const html = readFileSync(report, 'utf8');
    expect(html.toLowerCase()).toContain('<!doctype html>');
    expect(html).toContain('FAILED');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuites[^>]*failures="[1-9]/);
    expect(xml).toContain('rate&lt;0.1');
  });

  it('exits 99 when a threshold is crossed', async () => {
    const file = writePreset(
      'failing',
      `${quickScenario('/fail?ratio=0.5&key=cli')}thresholds:\n  http_req_failed: ["rate<0.1"]\n`,
    );
    const result = await runFpt(['run', file, '--quiet'], { env: { TARGET_URL: target.url } });
    expect(result.code).toBe(99);
    expect(result.stdout).toContain("✗ 'rate<0.1' rate=50.00%");
  });

  it('exits 104 on an invalid preset or an override that breaks a safety limit', async () => {
    const file = writePreset('limited', `${quickScenario('/fast')}safety: { maxVUs: 3 }\n`);
    const result = await runFpt(['run', file, '--vus', '10'], { env: { TARGET_URL: target.url } });
    expect(result.code).toBe(104);
    expect(result.stderr).toContain(
      'the profile reaches 10 VUs at its peak (api: 10), over safety.maxVUs = 3',
    );
    const missingEnv = await runFpt(['run', file]);
    expect(missingEnv.code).toBe(104);
    expect(missingEnv.stderr).toContain('environment variable TARGET_URL is not set and has no default');
  });

  it('on SIGINT stops, still prints and writes the summary, and exits 105', async () => {
    const file = writePreset(
      'long',
      `scenarios:\n  api:\n    executor: constant-vus\n    vus: 2\n    duration: 60s\n    requests: [{ name: r, path: /delay, query: { ms: 20 } }]\n`,
    );
    const summaryFile = join(dir, 'interrupted.json');
    const started = performance.now();
    const result = await runFpt(['run', file, '--summary-export', summaryFile], {
      env: { TARGET_URL: target.url },
      onSpawn: (child) => {
        child.stderr?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('running')) child.kill('SIGINT');
        });
      },
    });
    expect(result.code).toBe(105);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(result.stdout).toContain('interrupted');
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    expect(summary.fpt.outcome).toBe('interrupted');
    expect(summary.metrics.http_reqs.values.count).toBeGreaterThan(0);
  });

  it('streams per-second metrics with --out json-intervals', async () => {
    const file = writePreset('streamed', quickScenario('/fast'));
    const out = join(dir, 'metrics.ndjson');
    const result = await runFpt(['run', file, '--quiet', '--out', `json-intervals=${out}`], {
      env: { TARGET_URL: target.url },
    });
    expect(result.code).toBe(0);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const reqs = lines.filter((l) => l.type === 'Point' && l.metric === 'http_reqs');
    expect(reqs.reduce((sum, l) => sum + l.values.count, 0)).toBe(20);
    expect(reqs[0].tags).toMatchObject({ name: 'r', status: '200', scenario: 'api' });
    expect(lines.find((l) => l.type === 'Metric' && l.metric === 'http_req_duration').data.type).toBe(
      'trend',
    );
  });
});
