import { describe, expect, it } from 'vitest';
import { actionlint } from '../../test-support/actionlint.js';
import { get, loadBaseConfig, loadDestinations } from '../../test-support/deploy/kamal-fleet.js';
import { readSecretsFiles } from '../../test-support/deploy/kamal-secrets.js';
import { readRepoFile, readRepoYaml } from '../../test-support/deploy/repo-files.js';

const deployWorkflow = '.github/workflows/deploy.yml';
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

  it('rolls out one region at a time and frees the lock when a deploy fails', () => {
    expect(get(workflow, 'jobs', 'deploy', 'strategy', 'max-parallel')).toBe(1);
    const deploy = steps('deploy');
    expect(deploy.some((s) => s.run?.includes('kamal deploy') && s.run.includes('--skip-push'))).toBe(true);
    expect(deploy.at(-1)).toMatchObject({
      if: 'failure()',
      run: expect.stringContaining('kamal lock release'),
    });
  });
});
