import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './repo-files.js';

/** Kamal's default hooks_path: a hook is the executable file named after it there. */
export const hooksDir = '.kamal/hooks';

export interface HookRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a hook as Kamal does (the file itself, so its shebang and executable bit count, from the repository
 * root) with only the given environment besides PATH: Kamal's KAMAL_* details and the secrets' variables.
 */
export function runHook(name: string, env: Record<string, string | undefined>): HookRun {
  const result = spawnSync(join(repoRoot, hooksDir, name), [], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
