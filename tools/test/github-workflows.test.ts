import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionlint } from '../test-support/actionlint.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const workflowFiles = readdirSync(join(root, '.github/workflows')).map((f) => `.github/workflows/${f}`);

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  'timeout-minutes': number;
  if?: string;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, { inputs?: Record<string, { required?: boolean; default?: unknown }> } | null>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}
interface ActionInput {
  description: string;
  required?: boolean;
  default?: string;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const workflow = parse(read('.github/workflows/perf-gate.yml')) as Workflow;
const action = parse(read('action.yml')) as Action;
const allSteps = [...Object.values(workflow.jobs).flatMap((j) => j.steps), ...action.runs.steps];

/** The help text of an fpt command, from the built CLI. */
function fptHelp(command: string): string {
  const bin = join(root, 'packages/cli/dist/bin.js');
  const result = spawnSync(process.execPath, [bin, ...command.split(' '), '--help'], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** `--options` used in a script on lines that call `tool` (continuation lines joined). */
function optionsOn(script: string, tool: RegExp): string[] {
  const lines = script.replace(/\\\n\s*/g, ' ').split('\n');
  return lines
    .filter((l) => tool.test(l))
    .flatMap((l) => [...l.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]));
}

describe('.github/workflows and action.yml are valid offline', () => {
  it('pass actionlint without a finding', async () => {
    // Every file of the folder, the reusable matrix workflow (tools/test/matrix-workflow.test.ts) included.
    expect(workflowFiles).toEqual(
      expect.arrayContaining(['.github/workflows/perf-gate.yml', '.github/workflows/fpt-matrix.yml']),
    );
    for (const file of workflowFiles) expect(await actionlint(read(file), file), file).toEqual([]);
  });

  it('perf-gate runs on pull requests and on manual dispatch with a preset and regions', () => {
    expect(workflow.name).toBe('perf-gate');
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'workflow_dispatch']);
    const inputs = workflow.on['workflow_dispatch']?.inputs ?? {};
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['preset', 'regions', 'baseline']));
    expect(inputs['preset']?.required).toBe(true);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect(job['runs-on'], name).toBe('ubuntu-latest');
      expect(job['timeout-minutes'], name).toBeGreaterThan(0);
    }
  });

  it('uploads evidence with a fixed retention, writes the job summary and fails on a bad exit code', () => {
    const uploads = allSteps.filter((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(uploads.length).toBe(2);
    for (const upload of uploads) {
      expect(upload.if).toBe('always()');
      expect(String(upload.with?.['retention-days'])).toMatch(/^(\d+|\$\{\{ inputs\.retention-days \}\})$/);
    }
    expect(action.inputs['retention-days']?.default).toMatch(/^\d+$/);
    expect(
      allSteps.filter((s) => s.run?.includes('>> "$GITHUB_STEP_SUMMARY"')).length,
    ).toBeGreaterThanOrEqual(2);
    const fails = allSteps.filter((s) => s.name?.startsWith('Fail on'));
    expect(fails).toHaveLength(2);
    for (const step of fails) expect(step.run).toMatch(/exit 1\s*$/);
  });

  it('pins every external action to a major version', () => {
    for (const step of allSteps.filter((s) => s.uses && !s.uses.startsWith('./')))
      expect(step.uses).toMatch(/^actions\/[a-z-]+@v\d+$/);
  });

  it('gives the local action only inputs it declares, and every required one', () => {
    const local = Object.values(workflow.jobs)
      .flatMap((j) => j.steps)
      .filter((s) => s.uses === './');
    expect(local).toHaveLength(1);
    for (const step of local) {
      for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs), key).toContain(key);
      for (const [key, input] of Object.entries(action.inputs))
        if (input.required) expect(Object.keys(step.with ?? {}), key).toContain(key);
    }
  });

  it('has a composite action whose steps declare a shell and whose expressions name real inputs and steps', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.name).not.toBe('');
    for (const step of action.runs.steps) if (step.run) expect(step.shell, step.name).toBe('bash');
    const text = read('action.yml');
    for (const [, input] of text.matchAll(/inputs\.([a-z0-9-]+)/g))
      expect(Object.keys(action.inputs)).toContain(input);
    const ids = action.runs.steps.map((s) => s.id).filter(Boolean);
    for (const [, id] of text.matchAll(/steps\.([a-z0-9-]+)\.outputs/g)) expect(ids).toContain(id);
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).not.toBe('');
  });

  it('refers only to files, presets and baselines that exist', () => {
    const texts = [...workflowFiles.map(read), read('action.yml')].join('\n');
    const paths = [
      ...texts.matchAll(/(?:tools|packages|baselines|presets)\/[\w./-]+\.(?:json|yaml|ts|js)\b/g),
    ].map((m) => m[0]);
    expect(paths).toEqual(expect.arrayContaining(['baselines/pr.json', 'packages/cli/dist/bin.js']));
    for (const path of paths) {
      // dist/ is built by the workflow before use; its source must exist here.
      const source = path.replace(/^packages\/(\w+)\/dist\/(.+)\.js$/, 'packages/$1/src/$2.ts');
      expect(existsSync(join(root, source)), path).toBe(true);
    }
    const presets = allSteps.map((s) => s.with?.['preset']).filter((p): p is string => typeof p === 'string');
    for (const preset of presets)
      expect(existsSync(join(root, 'presets', `${preset}.yaml`)), preset).toBe(true);
    const inputDefault = workflow.on['workflow_dispatch']?.inputs?.['preset']?.default;
    expect(existsSync(join(root, 'presets', `${String(inputDefault)}.yaml`))).toBe(true);
  });

  it('calls fpt only with options it has', () => {
    const runScripts = allSteps.map((s) => s.run ?? '');
    const fleetOptions = runScripts.flatMap((s) => optionsOn(s, /bin\.js"? fleet run /));
    expect(fleetOptions).toEqual(
      expect.arrayContaining(['--tag', '--summary-export', '--junit', '--report']),
    );
    const fleetHelp = fptHelp('fleet run');
    for (const option of fleetOptions) expect(fleetHelp, option).toContain(`${option} `);

    const gateOptions = runScripts.flatMap((s) => optionsOn(s, /bin\.js"? gate /));
    expect(gateOptions).toEqual(expect.arrayContaining(['--baseline', '--markdown', '--junit']));
    const gateHelp = fptHelp('gate');
    for (const option of gateOptions) expect(gateHelp, option).toContain(`${option} `);

    const runOptions = runScripts.flatMap((s) => optionsOn(s, /args\+?=\((run )?/));
    expect(runOptions).toEqual(expect.arrayContaining(['--baseline', '--gate-markdown', '--summary-export']));
    const runHelp = fptHelp('run');
    for (const option of runOptions) expect(runHelp, option).toContain(`${option} `);

    const demoOptions = runScripts.flatMap((s) => optionsOn(s, /demo-target /));
    expect(demoOptions).toEqual(['--port']);
    expect(fptHelp('demo-target')).toContain('--port ');
  });
});
