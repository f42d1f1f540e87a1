import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRepoYaml, repoRoot } from './repo-files.js';

export interface ActionStep {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  'working-directory'?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

/** The repository's composite action (action.yml): its steps, in order. */
export function readActionSteps(): ActionStep[] {
  return (readRepoYaml('action.yml') as { runs: { steps: ActionStep[] } }).runs.steps;
}

export interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** What the step wrote to $GITHUB_OUTPUT, as name → value. */
  outputs: Record<string, string>;
}

/**
 * Runs a `shell: bash` step of the action the way a runner does (`bash --noprofile --norc -eo pipefail`),
 * in `cwd` (the calling repository's workspace), with GITHUB_ACTION_PATH at this checkout. Only steps whose
 * script has no `${{ }}` expression can run here: their inputs come through `env`, given by the caller.
 */
export function runActionStep(step: ActionStep, cwd: string, env: Record<string, string> = {}): StepRun {
  if (step.shell !== 'bash' || !step.run) throw new Error(`step ${step.id ?? step.name} is not a bash step`);
  if (step.run.includes('${{')) throw new Error(`step ${step.id ?? step.name} has expressions in its script`);
  const scratch = mkdtempSync(join(tmpdir(), 'fpt-action-step-'));
  try {
    const output = join(scratch, 'github-output');
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
      cwd,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        RUNNER_OS: 'Linux',
        RUNNER_ARCH: 'X64',
        GITHUB_ACTION_PATH: repoRoot.replace(/\/$/, ''),
        GITHUB_OUTPUT: output,
        ...env,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    let written = '';
    try {
      written = readFileSync(output, 'utf8');
    } catch {
      // The step wrote no output.
    }
    const outputs = Object.fromEntries(
      written
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
