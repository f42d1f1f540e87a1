import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionlint } from '../../test-support/actionlint.js';
import { get, loadBaseConfig, loadDestinations } from '../../test-support/deploy/kamal-fleet.js';
import { readSecretsFiles } from '../../test-support/deploy/kamal-secrets.js';
import { readRepoFile, readRepoYaml, repoRoot } from '../../test-support/deploy/repo-files.js';

const deployWorkflow = '.github/workflows/deploy.yml';
const lockScript = 'deploy/release-own-lock.sh';
const workflow = readRepoYaml(deployWorkflow);
const base = loadBaseConfig();
const destinations = loadDestinations().map((d) => d.name);

interface WorkflowStep {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
const steps = (job: string) => get(workflow, 'jobs', job, 'steps') as WorkflowStep[];

async function lint(path: string, source: string): Promise<string[]> {
  return (await actionlint(source, path)).map(
    (r) => `${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`,
  );
}

// tools/test/github-workflows.test.ts runs actionlint over every workflow; this shows it would catch a
// broken deploy matrix, the part of this workflow that decides the rollout order.
describe('the deploy workflow lint', () => {
  it('actionlint catches a broken matrix in the deploy workflow', async () => {
    const broken = readRepoFile(deployWorkflow)
      .replace('max-parallel: 1', 'max-parallel: "one"')
      .replace('DESTINATION: ${{ matrix.destination }}', 'DESTINATION: ${{ matrix.destinaton }}');
    const problems = await lint(deployWorkflow, broken);
    expect(
      problems.some((p) => p.includes('expecting a single ${{...}} expression or integer literal')),
    ).toBe(true);
    expect(problems.some((p) => p.includes('property "destinaton" is not defined'))).toBe(true);
  });
});

describe('the deploy workflow matches the fleet', () => {
  it('offers every destination, and "all" rolls them out in its order', () => {
    const options = get(workflow, 'on', 'workflow_dispatch', 'inputs', 'destination', 'options') as string[];
    expect(options[0]).toBe('all');
    expect([...options.slice(1)].sort()).toEqual(destinations);
    const fleet = JSON.parse(String(get(steps('plan')[0], 'env', 'FLEET'))) as string[];
    expect(fleet).toEqual(options.slice(1));
  });

  it('exports every variable the .kamal/secrets* files read', () => {
    const exported = Object.keys(get(workflow, 'jobs', 'deploy', 'env') as object);
    const read = [...readSecretsFiles().values()].flatMap((file) => [...file.defined.values()]);
    expect(read.filter((variable) => !exported.includes(variable))).toEqual([]);
  });

  it("builds the image Kamal deploys: Kamal's Dockerfile and architecture, its service label", () => {
    const build = steps('build').find((s) => s.uses?.startsWith('docker/build-push-action@'));
    expect(build?.with?.file).toBe(get(base, 'builder', 'dockerfile'));
    expect(build?.with?.platforms).toBe(`linux/${String(get(base, 'builder', 'arch'))}`);
    expect(String(build?.with?.labels)).toMatch(/^service=/);
  });

  it('installs a pinned Kamal that the configuration accepts', () => {
    const version = String(get(workflow, 'env', 'KAMAL_VERSION'));
    expect(version).toMatch(/^2\.\d+\.\d+$/);
    const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
    const [wantMajor, wantMinor, wantPatch] = String(base.minimum_version).split('.').map(Number) as [
      number,
      number,
      number,
    ];
    expect(major * 1e6 + minor * 1e3 + patch).toBeGreaterThanOrEqual(
      wantMajor * 1e6 + wantMinor * 1e3 + wantPatch,
    );
  });

  it('rolls out one region at a time and frees its own lock when a deploy fails or is cancelled', () => {
    expect(get(workflow, 'jobs', 'deploy', 'strategy', 'max-parallel')).toBe(1);
    const deploy = steps('deploy');
    expect(deploy.some((s) => s.run?.includes('kamal deploy') && s.run.includes('--skip-push'))).toBe(true);
    expect(deploy.at(-1)).toMatchObject({
      if: 'failure() || cancelled()',
      run: `${lockScript} "$DESTINATION" "$LOCK_HOLDER"`,
    });
  });

  it('never releases a lock it did not take: no bare `kamal lock release`, and locks signed by the run', () => {
    const runs = steps('deploy').map((s) => s.run ?? '');
    expect(runs.filter((run) => run.includes('kamal lock release'))).toEqual([]);
    const holder = String(get(workflow, 'jobs', 'deploy', 'env', 'LOCK_HOLDER'));
    expect(holder).toMatch(/\$\{\{ github\.run_id \}\}$/);
    const signIndex = runs.findIndex((run) => run.includes('git config --global user.name "$LOCK_HOLDER"'));
    // The first step that may take a lock: any kamal command but `kamal config`, or the lock script.
    const firstKamalCommand = runs.findIndex(
      (run) => /^\s*(?:\S+=\S*\s+)*kamal (?!config\b)[a-z]/m.test(run) || run.includes(lockScript),
    );
    expect(signIndex).toBeGreaterThan(-1);
    expect(signIndex).toBeLessThan(firstKamalCommand);
    // Before deploying: a lock of any earlier run of this workflow is stale (one rollout at a time).
    const stale = runs.find((run) => run.includes(lockScript) && run.includes('--refuse-others'));
    const pattern = /"([^"]*\*)" --refuse-others/.exec(stale ?? '')?.[1];
    expect(pattern).toBe(holder.replace('${{ github.run_id }}', '*'));
  });

  it('reboots kamal-proxy only when asked, so that a new proxy.run takes effect', () => {
    const options = get(workflow, 'on', 'workflow_dispatch', 'inputs', 'proxy', 'options');
    expect(options).toEqual(['keep', 'reboot']);
    const reboot = steps('deploy').find((s) => s.run?.includes('kamal proxy reboot'));
    expect(reboot).toMatchObject({
      if: "inputs.proxy == 'reboot'",
      run: 'kamal proxy reboot -d "$DESTINATION" -y',
    });
  });

  it("warns when a host's clock is not synchronised", () => {
    const check = steps('deploy').find((s) => s.run?.includes('timedatectl'));
    expect(check?.run).toContain('kamal server exec -d "$DESTINATION"');
    expect(check?.run).toContain('::warning::');
  });
});

describe("the workflow's lock script, with a stand-in kamal", () => {
  const holder = 'Deploy agents workflow, run 42';
  const status = (by: string, message = 'Automatic deploy lock') =>
    `  INFO [1a2b] Running /usr/bin/env mkdir -p .kamal on 192.0.2.10\nLocked by: ${by} at 2026-01-02T03:04:05Z\nVersion: abc123\nMessage: ${message}\n`;

  it('releases a lock an earlier run of the workflow left', () => {
    const run = runLockScript(status('Deploy agents workflow, run 7'), [
      'near-a',
      'Deploy agents workflow, run *',
      '--refuse-others',
    ]);
    expect(run.status).toBe(0);
    expect(run.calls).toEqual(['lock status -d near-a', 'lock release -d near-a']);
  });

  it("after a failure releases this run's lock only", () => {
    expect(runLockScript(status(holder), ['near-a', holder]).calls).toContain('lock release -d near-a');
    const other = runLockScript(status('Deploy agents workflow, run 421'), ['near-a', holder]);
    expect(other.status).toBe(0);
    expect(other.calls).toEqual(['lock status -d near-a']);
  });

  it("leaves an operator's lock, and refuses to deploy over it", () => {
    const operator = status('Jane Operator', 'kernel upgrade until 14:00');
    const after = runLockScript(operator, ['far-a', holder]);
    expect(after.status).toBe(0);
    expect(after.calls).toEqual(['lock status -d far-a']);
    const before = runLockScript(operator, ['far-a', 'Deploy agents workflow, run *', '--refuse-others']);
    expect(before.status).toBe(1);
    expect(before.calls).toEqual(['lock status -d far-a']);
    expect(before.stdout).toContain('::error::far-a is locked by Jane Operator');
    expect(before.stdout).toContain('Message: kernel upgrade until 14:00');
  });

  it('does nothing without a lock', () => {
    const run = runLockScript('There is no deploy lock\n', ['near-b', holder, '--refuse-others']);
    expect(run.status).toBe(0);
    expect(run.calls).toEqual(['lock status -d near-b']);
  });

  it('fails when the lock status cannot be read', () => {
    const run = runLockScript('', ['near-b', holder], 1);
    expect(run.status).not.toBe(0);
    expect(run.calls).toEqual(['lock status -d near-b']);
  });
});

/** Runs deploy/release-own-lock.sh with a `kamal` on PATH that prints `lockStatus` and logs its calls. */
function runLockScript(lockStatus: string, args: string[], statusExit = 0) {
  const bin = mkdtempSync(join(tmpdir(), 'fpt-fake-kamal-'));
  try {
    const log = join(bin, 'calls.log');
    writeFileSync(
      join(bin, 'kamal'),
      `#!/usr/bin/env bash\necho "$*" >> "${log}"\nif [ "$1 $2" = "lock status" ]; then printf '%s' "$FAKE_LOCK_STATUS"; exit ${statusExit}; fi\n`,
      { mode: 0o755 },
    );
    const result = spawnSync(join(repoRoot, lockScript), args, {
      env: { PATH: `${bin}:${process.env.PATH}`, FAKE_LOCK_STATUS: lockStatus },
      encoding: 'utf8',
    });
    const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
    return { status: result.status, stdout: result.stdout, calls };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}
