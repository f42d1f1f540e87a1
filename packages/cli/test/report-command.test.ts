import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSummaryJson } from '@fpt/report';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.js';
import { registerReportCommand, writeRunEvidence } from '../src/commands/report-command.js';
import { binPath, runFpt } from './cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'fpt-report-cli-'));
let target: DemoTarget;
let summaryFile: string;

beforeAll(async () => {
  if (!existsSync(binPath))
    throw new Error(`${binPath} is missing: run npm run build (npm test does it first)`);
  target = await startDemoTarget();
  // A real summary, written by the real binary: what `fpt report` is for.
  const preset = join(dir, 'report-source.yaml');
  writeFileSync(
    preset,
    `name: report-source
target:
  baseUrl: \${TARGET_URL}
scenarios:
  api:
    executor: shared-iterations
    vus: 2
    iterations: 40
    requests:
      - { name: fast, path: /fast, checks: [{ status: 200 }] }
      - { name: flaky, path: /fail, query: { ratio: 0.5, key: report-cli }, checks: [{ status: 200 }] }
thresholds:
  http_req_failed: ["rate<0.01"]
  http_req_duration: ["p(95)<2000"]
`,
  );
  summaryFile = join(dir, 'summary.json');
  const result = await runFpt(['run', preset, '--quiet', '--summary-export', summaryFile], {
    env: { TARGET_URL: target.url },
  });
  if (result.code !== 99) throw new Error(`the source run should cross a threshold: ${result.stderr}`);
}, 60_000);
afterAll(async () => {
  await target?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `fpt report …` in this process, through commander, as program.ts will once it registers it. */
async function fptReport(args: readonly string[]): Promise<Result> {
  const result: Result = { code: 0, stdout: '', stderr: '' };
  const io: CliIo = {
    env: {},
    stdout: (text) => {
      result.stdout += text;
    },
    stderr: (text) => {
      result.stderr += text;
    },
    setExitCode: (code) => {
      result.code = code;
    },
  };
  const program = new Command('fpt')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerReportCommand(program, io);
  try {
    await program.parseAsync(['report', ...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // As runCli does: help exits 0, any usage error 104.
    result.code = error.code === 'commander.helpDisplayed' ? 0 : 104;
  }
  return result;
}

describe('fpt report', () => {
  it('rebuilds the HTML report and JUnit XML from a summary written by fpt run', async () => {
    const html = join(dir, 'out', 'report.html');
    const xml = join(dir, 'out', 'junit.xml');
    const result = await fptReport([summaryFile, '-o', html, '--junit', xml]);
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr: `report written to ${html}\nJUnit XML written to ${xml}\n`,
    });
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('data-verdict="FAILED"');
    expect(page).toContain('<meta name="generator" content="fpt 0.1.0">');
    expect(page).toMatch(/Written by fpt 0\.1\.0 at <time datetime="\d{4}-\d{2}-\d{2}T/);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    const embedded = /<script type="application\/json" id="fpt-summary"[^>]*>([\s\S]*?)<\/script>/.exec(
      page,
    )?.[1];
    expect(JSON.parse(embedded!)).toEqual(summary);

    const junit = readFileSync(xml, 'utf8');
    expect(
      junit.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="fpt report-source"'),
    ).toBe(true);
    expect(junit).toContain(
      '<testsuite name="fpt.thresholds" id="1" tests="2" failures="1" errors="0" skipped="0"',
    );
    expect(junit).toMatch(
      /<failure type="threshold-crossed" message="rate [\d.]+ % ≥ 1\.00 % on http_req_failed">/,
    );
    expect(junit).toContain('name="status is 200 (flaky)"');
  });

  it('writes only what it is asked for', async () => {
    const xml = join(dir, 'only', 'junit.xml');
    const result = await fptReport([summaryFile, '--junit', xml]);
    expect(result.code).toBe(0);
    expect(existsSync(xml)).toBe(true);
    expect(existsSync(join(dir, 'only', 'report.html'))).toBe(false);
  });

  it('refuses to run with nothing to write', async () => {
    const result = await fptReport([summaryFile]);
    expect(result.code).toBe(104);
    expect(result.stderr).toBe(
      'fpt report: nothing to write\n  hint: give -o <file.html> for the report and/or --junit <file.xml>\n',
    );
  });

  it.each([
    ['a missing file', undefined, /cannot read .*missing\.json: ENOENT/],
    ['text that is not JSON', '{"fpt": ', /is not usable: not JSON: /],
    [
      'a k6 summary',
      JSON.stringify({ root_group: {}, metrics: {} }),
      /a k6 summary without FPT's `fpt` field/,
    ],
    [
      'another format version',
      JSON.stringify({ fpt: { format: 'fpt-summary/9' } }),
      /unsupported summary format "fpt-summary\/9"; this FPT reads fpt-summary\/1/,
    ],
    [
      'a summary missing what the report needs',
      JSON.stringify({ metrics: {}, fpt: { format: 'fpt-summary/1' } }),
      /missing what the report needs \(\d+ problems\)\n {2}root_group\.checks: expected an array\n/,
    ],
  ])('exits 104 with a clear message for %s', async (_, content, message) => {
    const file = join(dir, content === undefined ? 'missing.json' : 'bad.json');
    if (content !== undefined) writeFileSync(file, content);
    const html = join(dir, 'bad', 'report.html');
    const result = await fptReport([file, '-o', html]);
    expect(result.code).toBe(104);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('hint: ');
    expect(existsSync(html)).toBe(false);
  });

  it('exits 104 when a file cannot be written, after writing the other', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const xml = join(dir, 'written', 'junit.xml');
    const result = await fptReport([summaryFile, '-o', join(blocker, 'report.html'), '--junit', xml]);
    expect(result.code).toBe(104);
    expect(result.stderr).toContain(`JUnit XML written to ${xml}\n`);
    expect(result.stderr).toMatch(/fpt report: cannot write .*a-file\/report\.html: /);
    expect(existsSync(xml)).toBe(true);
  });

  it('has --help with examples', async () => {
    const result = await fptReport(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: fpt report [options] <summary>');
    expect(result.stdout).toContain('fpt report out/summary.json -o out/report.html --junit out/junit.xml');
  });
});

describe('writeRunEvidence', () => {
  it('writes the files it is given, creating folders, and returns them', () => {
    const data = parseSummaryJson(readFileSync(summaryFile, 'utf8'));
    const html = join(dir, 'evidence', 'deep', 'report.html');
    const xml = join(dir, 'evidence', 'junit.xml');
    expect(writeRunEvidence(data, { report: html, junit: xml })).toEqual([html, xml]);
    expect(readFileSync(html, 'utf8')).toContain('<!doctype html>');
    expect(readFileSync(xml, 'utf8')).toContain('<testsuites');
    expect(writeRunEvidence(data, {})).toEqual([]);
  });
});
