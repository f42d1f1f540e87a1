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
  scripts: Record<string, string>;
}

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  files?: string[];
  scripts?: Record<string, string>;
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
      scripts: manifest.scripts ?? {},
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
 * The packages and every workspace package they depend on, directly or not (runtime "dependencies" only:
 * they are what the image runs). Sorted so that a dependency comes before the packages that use it.
 */
export function workspaceClosure(
  workspace: Map<string, WorkspacePackage>,
  ...rootPackages: string[]
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
  for (const name of rootPackages) visit(name);
  return ordered;
}

/**
 * The workspace packages a root script builds: the projects of `tsc -b <folder>` (with their references)
 * and the packages of `npm run <script> -w <name>`.
 */
export function packagesBuiltBy(workspace: Map<string, WorkspacePackage>, script: string): string[] {
  const byDir = new Map([...workspace.values()].map((pkg) => [pkg.dir, pkg]));
  const built = new Set<string>();
  const addProject = (dir: string) => {
    const pkg = byDir.get(dir.replace(/\/+$/, ''));
    if (!pkg || built.has(pkg.name)) return;
    built.add(pkg.name);
    for (const reference of pkg.tsReferences) addProject(reference);
  };
  for (const part of script.split('&&')) {
    const words = part.trim().split(/\s+/);
    if (words[0] === 'tsc' && words[1] === '-b') for (const dir of words.slice(2)) addProject(dir);
    const workspaceName = workspaceFlag(words);
    if (words[0] === 'npm' && words[1] === 'run' && workspaceName && workspace.has(workspaceName)) {
      built.add(workspaceName);
    }
  }
  return [...built];
}

/** The package an npm command names with -w/--workspace, if any. */
export function workspaceFlag(words: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '-w' || word === '--workspace') return words[i + 1];
    if (word.startsWith('--workspace=')) return word.slice('--workspace='.length);
  }
  return undefined;
}
