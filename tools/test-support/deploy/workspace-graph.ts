import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspacePackage {
  /** npm name, e.g. "@fpt/engine". */
  name: string;
  /** Repository-relative folder, e.g. "packages/engine". */
  dir: string;
  dependencies: Record<string, string>;
  /** The package.json "files" entries: what the package ships, so what the runtime image needs of it. */
  files: string[];
  /** Repository-relative folders of the TypeScript project references in its tsconfig.json. */
  tsReferences: string[];
}

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  files?: string[];
}

/** The workspace packages under packages/, read from their package.json and tsconfig.json. */
export function readWorkspace(root: string): Map<string, WorkspacePackage> {
  const packages = new Map<string, WorkspacePackage>();
  for (const entry of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = `packages/${entry.name}`;
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Manifest;
    } catch {
      continue; // a folder without a manifest is not a workspace package
    }
    if (!manifest.name) throw new Error(`${dir}/package.json has no "name"`);
    packages.set(manifest.name, {
      name: manifest.name,
      dir,
      dependencies: manifest.dependencies ?? {},
      files: manifest.files ?? [],
      tsReferences: readTsReferences(root, dir),
    });
  }
  return packages;
}

function readTsReferences(root: string, dir: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(root, dir, 'tsconfig.json'), 'utf8');
  } catch {
    return [];
  }
  const config = JSON.parse(text) as { references?: { path: string }[] };
  return (config.references ?? []).map((reference) => join(dir, reference.path).split('\\').join('/'));
}

/**
 * The package and every workspace package it depends on, directly or not (runtime "dependencies" only:
 * they are what the image runs). Sorted so that a dependency comes before the packages that use it.
 */
export function workspaceClosure(
  workspace: Map<string, WorkspacePackage>,
  rootPackage: string,
): WorkspacePackage[] {
  const ordered: WorkspacePackage[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.some((pkg) => pkg.name === name) || visiting.has(name)) return;
    const pkg = workspace.get(name);
    if (!pkg) throw new Error(`${name} is not a workspace package under packages/`);
    visiting.add(name);
    for (const dependency of Object.keys(pkg.dependencies)) {
      if (workspace.has(dependency)) visit(dependency);
    }
    ordered.push(pkg);
  };
  visit(rootPackage);
  return ordered;
}
