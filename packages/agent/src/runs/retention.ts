import { rmSync } from 'node:fs';
import type { RetentionPolicy } from '../config/agent-config.js';
import { RunFolder } from './run-folder.js';
import type { RunIndex } from './run-index.js';

const dayMs = 86_400_000;

/**
 * Deletes the runs the policy no longer keeps: their folders first, then their rows, so that a crash in
 * between leaves a row whose files are gone (shown as such) rather than files nothing lists.
 */
export function enforceRetention(
  index: RunIndex,
  runsDir: string,
  policy: RetentionPolicy,
  now: number,
): string[] {
  const ids = index.expired(policy.maxRuns, policy.maxDays > 0 ? now - policy.maxDays * dayMs : undefined);
  for (const id of ids) rmSync(new RunFolder(runsDir, id).dir, { recursive: true, force: true });
  index.delete(ids);
  return ids;
}
