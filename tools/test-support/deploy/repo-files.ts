import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository root: deployment files are read from here, and the image's WORKDIR stands for it. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function readRepoFile(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

export function readRepoYaml(path: string): unknown {
  return parse(readRepoFile(path));
}

/**
 * Every file a build from this checkout could send to Docker, as repository-relative paths: tracked files
 * and untracked ones git does not ignore. A fresh clone (CI, Kamal's default build) has exactly these; the
 * .dockerignore then decides which of them form the build context.
 */
export function listCheckoutFiles(): string[] {
  const output = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(output.split('\0').filter((path) => path !== ''))].sort();
}

/** Every file under a repository folder (installed or built ones too: git is not asked), or none. */
export function listRepoTree(dir: string): string[] {
  if (!existsSync(join(repoRoot, dir))) return [];
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listRepoTree(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`],
  );
}
