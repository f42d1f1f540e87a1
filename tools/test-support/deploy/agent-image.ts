import { createRequire } from 'node:module';
import type { Ignore } from '@balena/dockerignore';
import { fptRunModel } from './build-steps.js';
import { type DockerfileModel, parseDockerfile } from './dockerfile-model.js';
import { type ImageLayout, simulateImage } from './image-layout.js';
import { listCheckoutFiles, listRepoTree, readRepoFile, repoRoot } from './repo-files.js';
import {
  packagesBuiltBy,
  readWorkspace,
  type WorkspacePackage,
  workspaceClosure,
} from './workspace-graph.js';

export const dockerfilePath = 'deploy/Dockerfile';

/** The package the image runs (its CMD is this package's bin): the image needs it and its dependencies. */
export const imageEntryPackage = '@fpt/cli';

/**
 * The agent's native module (the SQLite run index): npm ci compiles it, leaving the SQLite sources (deps/)
 * and the compiler's objects (build/) beside the one file the agent loads.
 */
export const nativeModule = {
  dir: 'node_modules/better-sqlite3',
  binary: 'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  leftovers: ['node_modules/better-sqlite3/build', 'node_modules/better-sqlite3/deps'],
} as const;

/**
 * What npm ci writes of the native module, as this checkout's own install has it (the same package built
 * the same way), and the binary in any case: the layout checks follow these files into the image.
 */
export function nativeModuleFiles(): string[] {
  const installed = nativeModule.leftovers.flatMap((dir) => listRepoTree(dir));
  return [...new Set([nativeModule.binary, ...installed])].sort();
}

// A CommonJS module whose types declare a default export: required, so that it is the function at run time.
const ignore = createRequire(import.meta.url)('@balena/dockerignore') as () => Ignore;

/** The .dockerignore's rules, with Docker's matching (patterns, `**`, `!` exceptions). */
export function dockerignoreRules(text = readRepoFile('.dockerignore')): Ignore {
  return ignore().add(text);
}

/** The repository paths the .dockerignore lets into the build context. */
export function buildContextFiles(): string[] {
  const rules = dockerignoreRules();
  return listCheckoutFiles().filter((path) => !rules.ignores(path));
}

export interface AgentImage {
  model: DockerfileModel;
  layout: ImageLayout;
  /**
   * @fpt/cli with the workspace packages it depends on, and whatever the root build script builds (the web
   * UI, which the agent finds at run time without depending on it), dependencies first.
   */
  packages: WorkspacePackage[];
}

/** Parses a Dockerfile (the repository's unless given) and follows the repository's files through it. */
export function readAgentImage(dockerfile = readRepoFile(dockerfilePath)): AgentImage {
  const workspace = readWorkspace(repoRoot);
  const rootManifest = JSON.parse(readRepoFile('package.json')) as { scripts?: Record<string, string> };
  const buildScript = rootManifest.scripts?.build ?? '';
  const packages = workspaceClosure(workspace, imageEntryPackage, ...packagesBuiltBy(workspace, buildScript));
  const model = parseDockerfile(dockerfile);
  const layout = simulateImage(
    model,
    buildContextFiles(),
    fptRunModel({
      workspace,
      imagePackages: packages,
      checkoutFiles: listCheckoutFiles(),
      buildScript,
      installedFiles: nativeModuleFiles(),
    }),
  );
  return { model, layout, packages };
}
