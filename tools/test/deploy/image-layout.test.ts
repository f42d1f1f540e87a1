import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AgentImage,
  dockerfilePath,
  dockerignoreRules,
  nativeModule,
  nativeModuleFiles,
  readAgentImage,
} from '../../test-support/deploy/agent-image.js';
import { installedMarker } from '../../test-support/deploy/build-steps.js';
import { listCheckoutFiles, readRepoFile } from '../../test-support/deploy/repo-files.js';
import type { WorkspacePackage } from '../../test-support/deploy/workspace-graph.js';

// The image must keep the monorepo's layout: npm links node_modules/@fpt/<name> to packages/<name>, each
// tsconfig refers to ../<name>, and the CMD runs packages/cli/dist/bin.js. These tests follow every file
// through deploy/Dockerfile (COPY by Docker's rules, RUN by what FPT's build commands read and write).
const dockerfile = readRepoFile(dockerfilePath);
const image = readAgentImage(dockerfile);
const final = image.model.final;
const workdir = final.workdir;

describe('the agent image keeps the workspace layout', () => {
  it('needs @fpt/cli, every workspace package it depends on, and what the root build builds', () => {
    // Read from the package.json files, so a new dependency of the CLI joins this list; the web UI joins
    // it through the root build script (the agent finds it at run time, without depending on it).
    const names = image.packages.map((pkg) => pkg.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '@fpt/cli',
        '@fpt/agent',
        '@fpt/agent-ui',
        '@fpt/metrics',
        '@fpt/preset',
        '@fpt/engine',
      ]),
    );
    expect(names.indexOf('@fpt/metrics')).toBeLessThan(names.indexOf('@fpt/cli'));
  });

  it('follows every file through the Dockerfile without a problem', () => {
    expect(image.layout.problems).toEqual([]);
  });

  it('builds in the same folder the runtime runs from', () => {
    const build = image.model.stages.find(
      (stage) => stage !== final && stage.steps.some((s) => s.kind === 'run'),
    );
    expect(build?.workdir).toBe(workdir);
  });

  it.each(image.packages.map((pkg) => [pkg.name, pkg] as const))(
    'ships %s at packages/<name>/ with what its package.json "files" lists',
    (_name, pkg) => {
      expect(pkg.files.length).toBeGreaterThan(0);
      expect(shippingProblems(image, pkg)).toEqual([]);
    },
  );

  it('ships the installed production node_modules', () => {
    expect(image.layout.final.has(posix.join(workdir, installedMarker))).toBe(true);
  });

  it("ships the native module's binary without its build leftovers", () => {
    const binary = posix.join(workdir, nativeModule.binary);
    expect(image.layout.final.get(binary)).toMatch(/^RUN at line \d+$/);
    const underModule = [...image.layout.final.keys()].filter((path) =>
      path.startsWith(posix.join(workdir, nativeModule.dir, '/')),
    );
    expect(underModule).toEqual([binary]);
  });

  it("catches the native module's leftovers when the clean-up is gone, and a clean-up that takes the binary", () => {
    // This checkout's own install has the leftovers (the SQLite sources ship with the package).
    const leftovers = nativeModuleFiles().filter((file) => file !== nativeModule.binary);
    expect(leftovers.length).toBeGreaterThan(10);
    const cleanUp = runInstructionWith('node_modules/better-sqlite3/deps');
    const kept = readAgentImage(dockerfile.replace(cleanUp, '')).layout.final;
    for (const file of leftovers) expect(kept.has(posix.join(workdir, file)), file).toBe(true);

    const tooMuch = readAgentImage(
      dockerfile.replace(
        cleanUp,
        'RUN rm -rf node_modules/better-sqlite3/build node_modules/better-sqlite3/deps\n',
      ),
    );
    expect(tooMuch.layout.problems).toEqual([]);
    expect(tooMuch.layout.final.has(posix.join(workdir, nativeModule.binary))).toBe(false);
  });

  it('runs a script that exists in the image, with node, behind an init process', () => {
    expect(final.cmd?.[0]).toBe('node');
    const script = posix.join(workdir, final.cmd?.[1] ?? '');
    expect(image.layout.final.get(script)).toBe('RUN at line ' + runLineOf('npm run build'));
    expect(final.entrypoint).toEqual(['/usr/bin/tini', '--']);
  });

  it('bakes in every seed preset where FPT_SEED_PRESETS_DIR points', () => {
    const seeds = listCheckoutFiles().filter((path) => path.startsWith('presets/'));
    expect(seeds.length).toBeGreaterThan(0);
    for (const seed of seeds) {
      const inImage = posix.join(final.env.FPT_SEED_PRESETS_DIR ?? '', seed.slice('presets/'.length));
      expect(image.layout.final.get(inImage)).toBe(seed);
    }
  });

  it('runs as a non-root user on a slim Node 20 base', () => {
    expect(final.user).toBe('node');
    for (const stage of image.model.stages) expect(stage.baseImage).toBe('node:20-bookworm-slim');
  });

  it('catches a flat copy of the package manifests', () => {
    // The bug this suite exists for: every manifest lands on /app/package.json, no package folder exists.
    const manifestCopies = /^COPY packages\/[a-z0-9-]+\/package\.json packages\/[a-z0-9-]+\/\n/gm;
    const flat = dockerfile
      .replace(manifestCopies, '')
      .replace('RUN npm ci', 'COPY packages/*/package.json ./\nRUN npm ci');
    expect(flat).not.toBe(dockerfile);
    const problems = readAgentImage(flat).layout.problems;
    expect(problems.some((p) => /needs \/app\/packages\/metrics\/package\.json/.test(p))).toBe(true);
    expect(
      problems.some((p) =>
        /writes packages\/[a-z0-9-]+\/package\.json over package\.json at \/app\/package\.json/.test(p),
      ),
    ).toBe(true);
  });

  it('catches a package folder the Dockerfile forgets', () => {
    const problems = readAgentImage(dockerfile.replace('COPY packages/metrics/ packages/metrics/\n', ''))
      .layout.problems;
    expect(problems.some((p) => /needs \d+ files under \/app\/packages\/metrics\//.test(p))).toBe(true);
  });

  it('catches a package copied to the wrong folder', () => {
    const moved = readAgentImage(
      dockerfile.replace(
        'COPY --from=build /app/packages/engine/dist/ packages/engine/dist/',
        'COPY --from=build /app/packages/engine/dist/ dist/',
      ),
    );
    const engine = moved.packages.find((pkg) => pkg.name === '@fpt/engine')!;
    expect(shippingProblems(moved, engine)).toEqual(['/app/packages/engine/dist is missing from the image']);
  });
});

describe('the build context', () => {
  const rules = dockerignoreRules();

  it.each([
    'node_modules/yaml/package.json',
    'packages/cli/node_modules/.bin/x',
    'packages/cli/dist/bin.js',
    'packages/cli/dist/.tsbuildinfo',
    'packages/engine/test/scheduler.test.ts',
    '.git/HEAD',
    '.fpt/quick-summary.json',
    'bench/results/latest.json',
    'docs/agent.md',
    'config/deploy.yml',
    '.kamal/secrets-common',
  ])('leaves out %s', (path) => {
    expect(rules.ignores(path)).toBe(true);
  });

  it('keeps the files the build reads', () => {
    for (const path of [
      'package.json',
      'package-lock.json',
      'tsconfig.base.json',
      'packages/cli/src/bin.ts',
    ]) {
      expect(rules.ignores(path)).toBe(false);
    }
  });
});

/** What the runtime image lacks of a package: its manifest, or an entry of its "files". */
function shippingProblems(of: AgentImage, pkg: WorkspacePackage): string[] {
  const root = of.model.final.workdir;
  const paths = [...of.layout.final.keys()];
  const wanted = [
    posix.join(root, pkg.dir, 'package.json'),
    ...pkg.files.map((f) => posix.join(root, pkg.dir, f)),
  ];
  return wanted
    .filter((path) => !paths.some((p) => p === path || p.startsWith(`${path}/`)))
    .map((path) => `${path} is missing from the image`);
}

/** The whole RUN instruction (continuation lines included) that mentions `text`, as written. */
function runInstructionWith(text: string): string {
  const found = /^RUN (?:.*\\\n)*.*\n/gm;
  for (const match of dockerfile.matchAll(found)) if (match[0].includes(text)) return match[0];
  throw new Error(`no RUN mentions ${text}`);
}

function runLineOf(command: string): number {
  for (const stage of image.model.stages) {
    for (const step of stage.steps)
      if (step.kind === 'run' && step.command.includes(command)) return step.line;
  }
  throw new Error(`no RUN with ${command}`);
}
