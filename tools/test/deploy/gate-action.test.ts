import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readActionSteps, runActionStep } from '../../test-support/deploy/composite-action.js';
import { readRepoFile, repoRoot } from '../../test-support/deploy/repo-files.js';

// action.yml as another repository uses it: the action's files (lockfile, presets) live in
// github.action_path, outside the caller's workspace. The bash steps without expressions run here as a
// runner runs them; the CLI they hand the preset to is the built one.
const steps = readActionSteps();
const step = (id: string) => {
  const found = steps.find((s) => s.id === id);
  if (!found) throw new Error(`action.yml has no step with id ${id}`);
  return found;
};
const cli = join(repoRoot, 'packages/cli/dist/bin.js');
const scratch = mkdtempSync(join(tmpdir(), 'fpt-gate-action-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A calling repository's workspace, with the preset files given (path → YAML). */
function workspace(name: string, files: Record<string, string> = {}): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The folder the action hands fpt run as FPT_PRESETS_DIR for this preset input. */
function presetsDir(cwd: string, preset: string, env: Record<string, string> = {}): string {
  const run = runActionStep(step('preset'), cwd, { PRESET: preset, ...env });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.outputs['presets-dir'] ?? '';
}

/** `fpt k6 <preset>` in a workspace: it resolves a preset reference exactly as `fpt run` does. */
function resolves(cwd: string, preset: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [cli, 'k6', preset], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
}

/** A calling repository's own preset, self-contained (FPT's pr extends its quick). */
const ownPreset = readRepoFile('presets/quick.yaml').replace(/^name: quick$/m, 'name: team-pr');

describe('the action finds a preset by name from another repository', () => {
  it("runs FPT's own preset for a bare name the calling repository does not have", () => {
    const cwd = workspace('bare');
    expect(resolves(cwd, 'pr', {}).status).toBe(104); // what fpt run alone does there
    const dir = presetsDir(cwd, 'pr');
    expect(dir).toBe(join(repoRoot, 'presets'));
    const k6 = resolves(cwd, 'pr', { FPT_PRESETS_DIR: dir });
    expect(k6.status).toBe(0);
    expect(k6.stdout).toContain('from the FPT preset "pr"');
  });

  it("prefers the calling repository's own preset of that name", () => {
    const cwd = workspace('own', { 'presets/pr.yaml': ownPreset });
    const dir = presetsDir(cwd, 'pr');
    expect(dir).toBe('presets');
    expect(resolves(cwd, 'pr', { FPT_PRESETS_DIR: dir }).stdout).toContain('from the FPT preset "team-pr"');
  });

  it("honours the caller's FPT_PRESETS_DIR", () => {
    const cwd = workspace('custom', { 'perf/presets/pr.yml': ownPreset });
    expect(presetsDir(cwd, 'pr', { FPT_PRESETS_DIR: 'perf/presets' })).toBe('perf/presets');
    expect(presetsDir(cwd, 'quick', { FPT_PRESETS_DIR: 'perf/presets' })).toBe(join(repoRoot, 'presets'));
  });

  it('passes paths, file names and unknown names through unchanged', () => {
    const cwd = workspace('paths', { 'perf/checkout.yaml': ownPreset });
    expect(presetsDir(cwd, 'perf/checkout.yaml')).toBe('presets');
    expect(presetsDir(cwd, 'pr.yaml')).toBe('presets');
    expect(presetsDir(cwd, 'no-such-preset')).toBe('presets');
  });

  it('hands that folder to fpt run', () => {
    expect(step('run').env?.FPT_PRESETS_DIR).toBe('${{ steps.preset.outputs.presets-dir }}');
    expect(steps.indexOf(step('preset'))).toBeLessThan(steps.indexOf(step('run')));
  });
});

describe("the action caches npm's downloads", () => {
  const install = steps.findIndex((s) => s.run?.includes('npm ci'));

  it("keys the cache on the action's own lockfile, outside the caller's workspace", () => {
    const keyStep = step('npm-cache');
    expect(keyStep['working-directory']).toBe('${{ github.action_path }}');
    const run = runActionStep(keyStep, repoRoot);
    expect(run.status).toBe(0);
    const lockHash = createHash('sha256')
      .update(readFileSync(join(repoRoot, 'package-lock.json')))
      .digest('hex');
    expect(run.outputs.key).toBe(`fpt-npm-Linux-X64-${lockHash}`);
    expect(run.outputs.dir).toMatch(/^\//);
  });

  it('restores and saves that cache before npm ci, with a key prefix to fall back on', () => {
    const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'));
    expect(cache?.with).toEqual({
      path: '${{ steps.npm-cache.outputs.dir }}',
      key: '${{ steps.npm-cache.outputs.key }}',
      'restore-keys': 'fpt-npm-${{ runner.os }}-${{ runner.arch }}-',
    });
    expect(steps.indexOf(cache!)).toBeLessThan(install);
    expect(steps[install]?.run).toContain('npm ci --prefer-offline');
  });

  it("does not ask setup-node for its cache, which cannot find the action's lockfile", () => {
    const setupNode = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with).not.toHaveProperty('cache');
    expect(setupNode?.with).not.toHaveProperty('cache-dependency-path');
  });
});
