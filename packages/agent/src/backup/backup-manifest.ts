/** The first member of every backup archive: what it is and what it holds. */
export const manifestName = 'fpt-backup.json';
export const backupFormat = 'fpt-agent-backup';
/** Raised when a restore of an older format could no longer read a newer archive. */
export const backupFormatVersion = 1;

export interface BackupManifest {
  readonly format: typeof backupFormat;
  readonly formatVersion: number;
  /** ISO time the index was copied: the archive is the history as it was then. */
  readonly createdAt: string;
  readonly fptVersion: string;
  /** The copied index's `PRAGMA user_version`. */
  readonly historySchemaVersion: number;
  /** Rows in the copied index, and how many of them were still running then (restored as aborted). */
  readonly runs: number;
  readonly runningRuns: number;
  readonly fleetRuns: number;
}

/** The top-level names an archive may hold, besides the manifest; anything else is not an FPT backup. */
export const backupTopLevel = ['index.sqlite', 'runs', 'fleet', 'baselines'] as const;

export function parseManifest(text: string): BackupManifest | undefined {
  try {
    const manifest = JSON.parse(text) as Partial<BackupManifest>;
    return manifest?.format === backupFormat && typeof manifest.formatVersion === 'number'
      ? (manifest as BackupManifest)
      : undefined;
  } catch {
    return undefined;
  }
}
