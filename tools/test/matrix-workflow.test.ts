import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionlint } from '../test-support/actionlint.js';

// The reusable matrix workflow (.github/workflows/fpt-matrix.yml, docs/ci-matrix.md): a plan job, n share
// jobs running `fpt run --segment i/n --start-at … --metrics-export part-i.json`, and a merge job running
// `fpt merge` over the parts. Checked offline: actionlint, the fpt options against the built CLI's --help,
// the plumbing between the jobs (share index and count, part file, artifact names), and the shell scripts
// run with a stand-in for fpt.

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const workflowPath = '.github/workflows/fpt-matrix.yml';
const callerPath = '.github/workflows/example-matrix-caller.yml';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  'working-directory'?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  'runs-on': string;
  'timeout-minutes': number | string;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown> };
  outputs?: Record<string, string>;
  steps: Step[];
}
interface CallInput {
  description: string;
  required?: boolean;
  type: 'string' | 'number' | 'boolean';
  default?: unknown;
}
interface Workflow {
  name: string;
  on: {
    workflow_call?: {
      inputs: Record<string, CallInput>;
      secrets?: Record<string, { description: string; required?: boolean }>;
      outputs: Record<string, { description: string; value: string }>;
    };
  };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}
interface Caller {
  jobs: Record<string, { uses?: string; with?: Record<string, unknown>; secrets?: unknown }>;
}

const workflow = parse(read(workflowPath)) as Workflow;
const call = workflow.on.workflow_call!;
const jobs = workflow.jobs;

function job(name: string): Job {
  const found = jobs[name];
  if (!found) throw new Error(`${workflowPath} has no job "${name}"`);
  return found;
}
function step(jobName: string, id: string): Step {
  const found = job(jobName).steps.find((s) => s.id === id);
  if (!found) throw new Error(`job ${jobName} of ${workflowPath} has no step with id "${id}"`);
  return found;
}
function stepUsing(jobName: string, action: string): Step {
  const found = job(jobName).steps.filter((s) => s.uses?.startsWith(`${action}@`));
  expect(found, `${jobName}: ${action}`).toHaveLength(1);
  return found[0]!;
}
const needsOf = (j: Job) => (j.needs === undefined ? [] : Array.isArray(j.needs) ? j.needs : [j.needs]);

/** Every `--option` a script passes (continuation lines joined); these scripts call no other tool with one. */
function optionsIn(script: string): string[] {
  return [
    ...new Set(
      [...script.replace(/\\\n\s*/g, ' ').matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]),
    ),
  ];
}

/** The value a script gives an option (`--segment "$SHARE/$SHARES"`), its $VARIABLES replaced by the step's env. */
function optionValue(s: Step, option: string): string {
  const match = new RegExp(`${option} ("[^"]*"|[^\\s)]+)`).exec(s.run ?? '');
  if (!match?.[1]) throw new Error(`step ${s.id ?? s.name} passes no ${option}`);
  return match[1].replace(/^"|"$/g, '').replace(/\$\{?([A-Z_][A-Z0-9_]*)\}?/g, (_, name: string) => {
    const value = s.env?.[name];
    if (value === undefined) throw new Error(`${option} uses $${name}, which step ${s.id} does not set`);
    return value;
  });
}

const globToRegExp = (glob: string) =>
  new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

/** The help text of an fpt command, from the built CLI; fails when the CLI does not have the command. */
function fptHelp(command: string): string {
  const bin = join(root, 'packages/cli/dist/bin.js');
  const result = spawnSync(process.execPath, [bin, ...command.split(' '), '--help'], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  // commander prints the top-level help, exit 0, for a command it does not know.
  if (!result.stdout.startsWith(`Usage: fpt ${command} `))
    throw new Error(
      `the built CLI (packages/cli/dist/bin.js) has no \`fpt ${command}\` command, which ${workflowPath} ` +
        'calls: build the CLI with it (npm run build)',
    );
  return result.stdout;
}

function expectOptionsInHelp(command: string, used: string[]): void {
  const help = fptHelp(command);
  const missing = used.filter((option) => !help.includes(`${option} `));
  expect(missing, `options ${workflowPath} gives \`fpt ${command}\` that its --help does not list`).toEqual(
    [],
  );
}

const scratch = mkdtempSync(join(tmpdir(), 'fpt-matrix-workflow-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs a step's script as GitHub does (`bash -e`), in `cwd`, returning its $GITHUB_OUTPUT lines as a map. */
function runScript(s: Step, cwd: string, env: Record<string, string>) {
  expect(s.run, `step ${s.id}`).not.toMatch(/\$\{\{/); // expressions go through env, so the script runs as is
  mkdirSync(cwd, { recursive: true });
  const output = join(cwd, 'github-output.txt');
  writeFileSync(output, '');
  const result = spawnSync('bash', ['-e', '-c', s.run ?? ''], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', GITHUB_OUTPUT: output, ...env },
  });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs };
}

/**
 * A stand-in for packages/cli/dist/bin.js: records its arguments, writes --metrics-export (and --gate-json with
 * the status $FAKE_VERDICT), exits $FAKE_CODE.
 */
function fakeFpt(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'fake-fpt.cjs');
  writeFileSync(
    path,
    `const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_LOG, JSON.stringify(args) + '\\n');
const i = args.indexOf('--metrics-export');
if (i >= 0 && process.env.FAKE_WRITE !== 'no') fs.writeFileSync(args[i + 1], '{}');
const g = args.indexOf('--gate-json');
if (g >= 0 && process.env.FAKE_VERDICT) fs.writeFileSync(args[g + 1], JSON.stringify({ status: process.env.FAKE_VERDICT }));
process.exit(Number(process.env.FAKE_CODE ?? 0));
`,
  );
  return path;
}
const calls = (log: string) =>
  readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string[]);

describe('.github/workflows/fpt-matrix.yml, the reusable matrix workflow', () => {
  it('passes actionlint without a finding', async () => {
    expect(await actionlint(read(workflowPath), workflowPath)).toEqual([]);
    expect(await actionlint(read(callerPath), callerPath)).toEqual([]);
  });

  it('is called with a preset, a share count and optional target, baseline, Node.js and arguments', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_call']);
    const inputs = call.inputs;
    expect(Object.keys(inputs)).toEqual(
      expect.arrayContaining([
        'preset',
        'shares',
        'target',
        'baseline',
        'node-version',
        'args',
        'merge-args',
      ]),
    );
    expect(inputs['preset']).toMatchObject({ required: true, type: 'string' });
    expect(inputs['shares']).toMatchObject({ type: 'number', default: 4 });
    for (const name of ['target', 'baseline', 'args']) expect(inputs[name]?.default, name).toBe('');
    for (const [name, input] of Object.entries(inputs)) {
      expect(input.description, name).not.toBe('');
      expect(input.required === true && input.default !== undefined, `${name}: required with a default`).toBe(
        false,
      );
    }
    expect(call.outputs['exit-code']?.value).toBe('${{ jobs.merge.outputs.exit-code }}');
    expect(call.outputs['verdict']?.value).toBe('${{ jobs.merge.outputs.verdict }}');
    expect(workflow.permissions).toEqual({ contents: 'read' });

    const text = read(workflowPath);
    for (const [, name] of text.matchAll(/inputs\.([a-z0-9-]+)/g))
      expect(Object.keys(inputs)).toContain(name);
    for (const [, name] of text.matchAll(/secrets\.([a-z0-9-]+)/g))
      expect(Object.keys(call.secrets ?? {})).toContain(name);
  });

  it('plans the shares [0..n-1] and a common start time in the future', () => {
    const plan = step('plan', 'plan');
    expect(job('plan').outputs).toMatchObject({
      shares: '${{ steps.plan.outputs.shares }}',
      'start-at': '${{ steps.plan.outputs.start-at }}',
    });
    expect(plan.env).toMatchObject({
      SHARES: '${{ inputs.shares }}',
      START_DELAY: '${{ inputs.start-delay }}',
    });
    const env = {
      GITHUB_REPOSITORY: 'team/app',
      GITHUB_SHA: 'c0ffee',
      WORKFLOW_REPOSITORY: 'org/fpt',
      WORKFLOW_SHA: 'f00d',
    };
    const before = Date.now();
    const four = runScript(plan, join(scratch, 'plan'), { ...env, SHARES: '4', START_DELAY: '60' });
    expect(four.status, four.stderr).toBe(0);
    expect(JSON.parse(four.outputs['shares'] ?? '')).toEqual([0, 1, 2, 3]);
    expect(four.outputs['start-at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const startAt = Date.parse(four.outputs['start-at'] ?? '');
    expect(startAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 59_000);
    expect(startAt).toBeLessThanOrEqual(Date.now() + 61_000);
    // FPT is built from the workflow's own repository and commit, not the caller's.
    expect(four.outputs).toMatchObject({ 'fpt-repository': 'org/fpt', 'fpt-ref': 'f00d' });

    const one = runScript(plan, join(scratch, 'plan'), { ...env, SHARES: '1', START_DELAY: '0' });
    expect(JSON.parse(one.outputs['shares'] ?? '')).toEqual([0]);
    for (const bad of ['0', '257', '2.5'])
      expect(
        runScript(plan, join(scratch, 'plan'), { ...env, SHARES: bad, START_DELAY: '60' }).status,
        bad,
      ).not.toBe(0);
  });

  it('builds FPT from its own repository in .fpt-tool, next to the calling repository', () => {
    expect(step('plan', 'plan').env).toMatchObject({
      WORKFLOW_REPOSITORY: '${{ fromJSON(toJSON(job)).workflow_repository }}',
      WORKFLOW_SHA: '${{ fromJSON(toJSON(job)).workflow_sha }}',
      FPT_REPOSITORY: '${{ inputs.fpt-repository }}',
      FPT_REF: '${{ inputs.fpt-ref }}',
    });
    for (const name of ['share', 'merge']) {
      const steps = job(name).steps;
      const checkouts = steps.filter((s) => s.uses?.startsWith('actions/checkout@'));
      // The caller first: a checkout into the workspace root would wipe a folder checked out before it.
      expect(
        checkouts.map((s) => s.with?.['path'] ?? '.'),
        name,
      ).toEqual(['.', '.fpt-tool']);
      expect(checkouts[1]?.with, name).toMatchObject({
        repository: '${{ needs.plan.outputs.fpt-repository }}',
        ref: '${{ needs.plan.outputs.fpt-ref }}',
      });
      expect(stepUsing(name, 'actions/setup-node').with, name).toMatchObject({
        'node-version': '${{ inputs.node-version }}',
        cache: 'npm',
        'cache-dependency-path': '.fpt-tool/package-lock.json',
      });
      const build = steps.find((s) => s.run?.includes('npm ci'));
      expect(build?.['working-directory'], name).toBe('.fpt-tool');
      expect(build?.run, name).toMatch(/npm ci[^\n]*\n(?:.*\n)*?\s*npm run build/);
      expect(build?.run, name).toContain('echo "FPT_BIN=$PWD/packages/cli/dist/bin.js" >> "$GITHUB_ENV"');
      expect(needsOf(job(name)), name).toContain('plan');
    }
  });

  it('runs one share per matrix entry, the share index and count feeding --segment i/n', () => {
    const share = job('share');
    expect(share.strategy?.matrix).toEqual({ share: '${{ fromJSON(needs.plan.outputs.shares) }}' });
    expect(share.strategy?.['fail-fast']).toBe(false);
    const run = step('share', 'run');
    expect(run.run).toMatch(/node "\$FPT_BIN" "\$\{args\[@\]\}"/);
    expect(run.run).toMatch(/args=\(run "\$PRESET" /);
    expect(run.env?.['PRESET']).toBe('${{ inputs.preset }}');
    expect(optionValue(run, '--segment')).toBe('${{ matrix.share }}/${{ inputs.shares }}');
    expect(optionValue(run, '--start-at')).toBe('${{ needs.plan.outputs.start-at }}');
    expect(run.run).toMatch(/--quiet/);
  });

  it('writes each share to a part file named after its index, uploads it, and the merge downloads that', () => {
    const part = optionValue(step('share', 'run'), '--metrics-export');
    expect(part).toContain('${{ matrix.share }}');
    expect(part).toMatch(/\.json$/);

    const upload = stepUsing('share', 'actions/upload-artifact');
    expect(upload.with?.['path']).toBe(part);
    expect(upload.if).toBe("always() && steps.run.outputs.delivered == 'true'");
    const name = String(upload.with?.['name']);
    expect(name).toContain('${{ matrix.share }}');

    const download = stepUsing('merge', 'actions/download-artifact');
    const pattern = String(download.with?.['pattern']);
    expect(name).toMatch(globToRegExp(pattern));
    // Only this workflow's parts: the pattern does not match the evidence artifact's own name.
    const evidence = stepUsing('merge', 'actions/upload-artifact');
    expect(String(evidence.with?.['name'])).not.toMatch(globToRegExp(pattern));
    // merge-multiple puts every part in one folder, so the file names must differ per share (they do: the index).
    expect(download.with?.['merge-multiple']).toBe(true);
    const partsDir = String(download.with?.['path']);
    const merge = step('merge', 'merge');
    expect(merge.run).toContain(`parts=(${partsDir}/*.json)`);
    expect(basename(part)).toMatch(globToRegExp('*.json'));
    expect(merge.run).toMatch(/node "\$FPT_BIN" merge "\$\{parts\[@\]\}"/);
  });

  it('merges after every share has finished, also after a failed one, and not after a cancel', () => {
    const merge = job('merge');
    expect(needsOf(merge)).toEqual(expect.arrayContaining(['plan', 'share']));
    expect(merge.if).toBe("${{ !cancelled() && needs.plan.result == 'success' }}");
    expect(merge.outputs?.['exit-code']).toBe('${{ steps.merge.outputs.exit-code }}');
  });

  it('writes the verdict to the job summary, uploads the evidence and fails with the merge exit code', () => {
    const steps = job('merge').steps;
    const names = steps.map((s) => s.id ?? s.uses ?? s.name);
    const summary = steps.find((s) => s.run?.includes('>> "$GITHUB_STEP_SUMMARY"'));
    expect(summary?.run).toContain('cat out/verdict.md');
    expect(optionValue(step('merge', 'merge'), '--gate-markdown')).toBe('out/verdict.md');
    const evidence = stepUsing('merge', 'actions/upload-artifact');
    expect(evidence.if).toBe('always()');
    expect(evidence.with).toMatchObject({ path: 'out', 'retention-days': '${{ inputs.retention-days }}' });
    const fail = steps.at(-1);
    expect(fail?.if).toBe("always() && steps.merge.outputs.exit-code != '0'");
    expect(fail?.env?.['CODE']).toBe('${{ steps.merge.outputs.exit-code }}');
    expect(fail?.run).toMatch(/exit "\$\{CODE:-1\}"\s*$/);
    expect(names.indexOf('merge')).toBeLessThan(names.indexOf('actions/upload-artifact@v4'));
  });

  it('pins every action to a major version and gives every job a timeout', () => {
    for (const [name, j] of Object.entries(jobs)) {
      expect(j['timeout-minutes'], name).toBeTruthy();
      for (const s of j.steps.filter((x) => x.uses)) expect(s.uses, name).toMatch(/^actions\/[a-z-]+@v\d+$/);
    }
  });

  it('calls fpt run with options it has', () => {
    const used = optionsIn(step('share', 'run').run ?? '');
    expect(used).toEqual(
      expect.arrayContaining(['--segment', '--start-at', '--metrics-export', '--quiet', '--target', '--tag']),
    );
    expectOptionsInHelp('run', used);
    expect(optionsIn(job('share').steps.find((s) => s.name === 'Start the demo target')?.run ?? '')).toEqual([
      '--port',
    ]);
  });

  it('calls fpt merge with options it has', () => {
    const used = optionsIn(step('merge', 'merge').run ?? '');
    expect(used).toEqual(
      expect.arrayContaining(['--summary-export', '--report', '--junit', '--baseline', '--gate-markdown']),
    );
    expectOptionsInHelp('merge', used);
  });

  it("delivers a share's part when it passed, crossed its own thresholds or was stopped, and nothing else", () => {
    const run = step('share', 'run');
    const dir = join(scratch, 'share');
    const bin = fakeFpt(dir);
    const log = join(dir, 'calls.log');
    const startAt = new Date(Date.now() + 30_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const env = {
      FPT_BIN: bin,
      FAKE_LOG: log,
      PRESET: 'pr',
      SHARE: '2',
      SHARES: '4',
      START_AT: startAt,
      PART: 'out/part-2.json',
      TARGET: 'http://127.0.0.1:8787',
      EXTRA_ARGS: '--vus 8',
      FPT_ENV: 'API_TOKEN=secret value\n# a comment\n',
      GITHUB_SHA: 'c0ffee',
      GITHUB_REF_NAME: 'main',
    };
    for (const [code, delivered] of [
      ['0', true],
      ['99', true],
      ['104', false],
      ['105', true],
      ['1', false],
    ] as const) {
      writeFileSync(log, '');
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      const result = runScript(run, dir, { ...env, FAKE_CODE: code });
      expect(result.status, result.stderr).toBe(0);
      expect(result.outputs['exit-code'], code).toBe(code);
      expect(result.outputs['delivered'] === 'true', code).toBe(delivered);
      expect(calls(log)).toEqual([
        [
          'run',
          'pr',
          '--segment',
          '2/4',
          '--start-at',
          startAt,
          '--metrics-export',
          'out/part-2.json',
          '--quiet',
          '--tag',
          'sha=c0ffee',
          '--tag',
          'ref=main',
          '--target',
          'http://127.0.0.1:8787',
          '--vus',
          '8',
        ],
      ]);
    }
    // FPT not built (FPT_BIN unset): refused, rather than `node ""` exiting 0.
    expect(runScript(run, dir, { ...env, FPT_BIN: '' }).status).not.toBe(0);
    // No part written (exit 0 notwithstanding): nothing delivered.
    rmSync(join(dir, 'out'), { recursive: true, force: true });
    const noPart = runScript(run, dir, { ...env, FAKE_WRITE: 'no' });
    expect(noPart.outputs['delivered']).toBeUndefined();
    // Ready after the common start: the share refuses to run late.
    writeFileSync(log, '');
    const late = runScript(run, dir, { ...env, START_AT: '2020-01-01T00:00:00Z' });
    expect(late.status).not.toBe(0);
    expect(late.stdout).toMatch(/after the common start/);
    expect(calls(log)).toEqual([]);
  });

  it('merges every part it received, gates with a baseline, and exits 104 without any part', () => {
    const merge = step('merge', 'merge');
    const dir = join(scratch, 'merge');
    const bin = fakeFpt(dir);
    const log = join(dir, 'calls.log');
    const partsDir = String(stepUsing('merge', 'actions/download-artifact').with?.['path']);
    mkdirSync(join(dir, partsDir), { recursive: true });
    for (const i of [0, 1, 2]) writeFileSync(join(dir, partsDir, `part-${i}.json`), '{}');
    const env = { FPT_BIN: bin, FAKE_LOG: log, EXTRA_ARGS: '' };

    writeFileSync(log, '');
    mkdirSync(join(dir, 'out'), { recursive: true });
    const gated = runScript(merge, dir, {
      ...env,
      BASELINE: 'pr',
      FAKE_CODE: '90',
      FAKE_VERDICT: 'regression',
    });
    expect(gated.status, gated.stderr).toBe(0);
    expect(gated.outputs).toMatchObject({ 'exit-code': '90', verdict: 'regression', parts: '3' });
    const parts = readdirSync(join(dir, partsDir)).map((f) => `${partsDir}/${f}`);
    expect(calls(log)).toEqual([
      [
        'merge',
        ...parts,
        '--summary-export',
        'out/summary.json',
        '--report',
        'out/report.html',
        '--junit',
        'out/junit.xml',
        '--baseline',
        'pr',
        '--gate-markdown',
        'out/verdict.md',
        '--gate-json',
        'out/verdict.json',
        '--gate-junit',
        'out/verdict-junit.xml',
      ],
    ]);
    rmSync(join(dir, 'out/verdict.json'));

    writeFileSync(log, '');
    const plain = runScript(merge, dir, { ...env, BASELINE: '', EXTRA_ARGS: '--no-color' });
    expect(plain.outputs).toMatchObject({ 'exit-code': '0', verdict: 'none' });
    expect(calls(log)[0]).not.toContain('--baseline');
    expect(calls(log)[0]?.at(-1)).toBe('--no-color');

    rmSync(join(dir, partsDir), { recursive: true, force: true });
    writeFileSync(log, '');
    expect(runScript(merge, dir, { ...env, FPT_BIN: '', BASELINE: '' }).status).not.toBe(0);
    const none = runScript(merge, dir, { ...env, BASELINE: 'pr' });
    expect(none.outputs).toMatchObject({ 'exit-code': '104', parts: '0' });
    expect(calls(log)).toEqual([]);
    expect(dirname(partsDir)).toBe('out');
  });

  it('has an example caller that gives only inputs the workflow declares, and every required one', () => {
    const caller = parse(read(callerPath)) as Caller;
    const callers = Object.values(caller.jobs).filter((j) => j.uses === './.github/workflows/fpt-matrix.yml');
    expect(callers).toHaveLength(1);
    for (const c of callers) {
      const given = Object.keys(c.with ?? {});
      for (const key of given) expect(Object.keys(call.inputs), key).toContain(key);
      for (const [key, input] of Object.entries(call.inputs))
        if (input.required) expect(given, key).toContain(key);
    }
  });
});
