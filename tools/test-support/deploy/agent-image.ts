import { createRequire } from 'node:module';
import type { Ignore } from '@balena/dockerignore';
import { fptRunModel } from './build-steps.js';
import { type DockerfileModel, parseDockerfile } from './dockerfile-model.js';
import { type ImageLayout, simulateImage } from './image-layout.js';
import { listCheckoutFiles, readRepoFile, repoRoot } from './repo-files.js';
import { readWorkspace, type WorkspacePackage, workspaceClosure } from './workspace-graph.js';

export const dockerfilePath = 'deploy/Dockerfile';

/** The package the image runs (its CMD is this package's bin): the image needs it and its dependencies. */
export const imageEntryPackage = '@fpt/cli';

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
  /** @fpt/cli and the workspace packages it depends on, dependencies first. */
  packages: WorkspacePackage[];
}

/** Parses a Dockerfile (the repository's unless given) and follows the repository's files through it. */
export function readAgentImage(dockerfile = readRepoFile(dockerfilePath)): AgentImage {
  const workspace = readWorkspace(repoRoot);
  const packages = workspaceClosure(workspace, imageEntryPackage);
  const rootManifest = JSON.parse(readRepoFile('package.json')) as { scripts?: Record<string, string> };
  const model = parseDockerfile(dockerfile);
  const layout = simulateImage(
    model,
    buildContextFiles(),
    fptRunModel({
      workspace,
      imagePackages: packages,
      checkoutFiles: listCheckoutFiles(),
      buildScript: rootManifest.scripts?.build ?? '',
    }),
  );
  return { model, layout, packages };
}
