import type { BackupResult } from './backup/backup-agent-data.js';
import type { RestoreResult } from './backup/restore-agent-data.js';

/*
 * Backups need SQLite and zlib: loaded when a backup or a restore runs, not when this package is imported.
 */

/** A consistent .tar.gz of an agent's history, safe while the agent runs (see backup/backup-agent-data.ts). */
export async function backupAgentData(options: {
  readonly dataDir: string;
  readonly file: string;
  readonly fptVersion: string;
}): Promise<BackupResult> {
  const { backupAgentData: backup } = await import('./backup/backup-agent-data.js');
  return backup(options);
}

/** Unpacks a backup into a data folder without a history (see backup/restore-agent-data.ts). */
export async function restoreAgentData(options: {
  readonly file: string;
  readonly dataDir: string;
}): Promise<RestoreResult> {
  const { restoreAgentData: restore } = await import('./backup/restore-agent-data.js');
  return restore(options);
}
