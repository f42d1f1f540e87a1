import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import Database from 'better-sqlite3';
import { isRunId } from '../runs/run-folder.js';
import { AgentBackupError } from './agent-backup-error.js';
import { type BackupManifest, backupFormat, backupFormatVersion, manifestName } from './backup-manifest.js';
import { isSafeFolderName } from './safe-folder-name.js';
import type { TarEntry } from './tar-entry.js';
import { tarBlocks } from './tar-writer.js';

export interface BackupResult {
  readonly file: string;
  /** Bytes of the archive. */
  readonly bytes: number;
  readonly manifest: BackupManifest;
  /** Run folders archived; a row whose folder is gone (retention racing the backup) has none. */
  readonly runFolders: number;
  readonly files: number;
  /** Runs the index names whose folder was not there. */
  readonly missingFolders: readonly string[];
}

/** Files a run process is writing through writeFileAtomic's temporary name: the renamed file is what counts. */
const atomicTemporary = /\.[0-9a-f]{8}\.tmp$/;

/**
 * One .tar.gz holding a consistent copy of an agent's history, safe while the agent runs and writes: the
 * index copied with SQLite's online backup (the index is in WAL mode, where copying the file can miss
 * what the WAL still holds), then the folders of the runs and fleet runs that copy names (summary.json,
 * report.html, run.log, metrics.json, artifacts...), and the baselines. A run still going is archived as
 * far as it got; a restore settles it as aborted. Hidden files (the run's lease) and half-written
 * temporary files are left out. Written under a temporary name and renamed, so the archive at `file` is
 * always whole.
 */
export async function backupAgentData(options: {
  readonly dataDir: string;
  readonly file: string;
  readonly fptVersion: string;
}): Promise<BackupResult> {
  const dataDir = resolve(options.dataDir);
  const indexFile = join(dataDir, 'index.sqlite');
  if (!existsSync(indexFile)) {
    throw new AgentBackupError(
      `there is no run history at ${indexFile}`,
      "name the agent's data folder: --data-dir, or FPT_DATA_DIR as the agent has it (in the image: /data)",
    );
  }
  const file = resolve(options.file);
  const scratch = mkdtempSync(join(tmpdir(), 'fpt-backup-'));
  try {
    const copy = join(scratch, 'index.sqlite');
    const createdAt = new Date().toISOString();
    await snapshotIndex(indexFile, copy);
    const contents = readIndexContents(copy);
    const manifest: BackupManifest = {
      format: backupFormat,
      formatVersion: backupFormatVersion,
      createdAt,
      fptVersion: options.fptVersion,
      historySchemaVersion: contents.schemaVersion,
      runs: contents.rows,
      runningRuns: contents.runningRuns,
      fleetRuns: contents.fleetRunIds.length,
    };
    const tally = { files: 0, runFolders: 0, missingFolders: [] as string[] };
    function* entries(): Generator<TarEntry> {
      yield generatedFile(manifestName, `${JSON.stringify(manifest, null, 2)}\n`);
      yield generatedFile('index.sqlite', readFileSync(copy));
      for (const id of contents.runIds) {
        const folder = join(dataDir, 'runs', id);
        if (!existsSync(folder)) {
          tally.missingFolders.push(id);
          continue;
        }
        tally.runFolders++;
        yield* folderEntries(folder, `runs/${id}`, tally);
      }
      for (const id of contents.fleetRunIds) {
        if (existsSync(join(dataDir, 'fleet', id)))
          yield* folderEntries(join(dataDir, 'fleet', id), `fleet/${id}`, tally);
      }
      if (existsSync(join(dataDir, 'baselines')))
        yield* folderEntries(join(dataDir, 'baselines'), 'baselines', tally);
    }
    mkdirSync(dirname(file), { recursive: true });
    const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
    try {
      await pipeline(tarBlocks(entries()), createGzip(), createWriteStream(partial));
      renameSync(partial, file);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    return {
      file,
      bytes: statSync(file).size,
      manifest,
      runFolders: tally.runFolders,
      files: tally.files,
      missingFolders: tally.missingFolders,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** SQLite's online backup: a consistent copy while the agent reads and writes the index. */
async function snapshotIndex(indexFile: string, copy: string): Promise<void> {
  const source = new Database(indexFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(copy);
  } finally {
    source.close();
  }
}

function readIndexContents(copy: string): {
  schemaVersion: number;
  /** Every row, a restore checks the count. */
  rows: number;
  runIds: string[];
  runningRuns: number;
  fleetRunIds: string[];
} {
  const db = new Database(copy);
  try {
    // One self-contained file: everything the WAL held goes into it.
    db.pragma('journal_mode = DELETE');
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      throw new AgentBackupError(
        `the copy of the history index fails SQLite's integrity check: ${String(integrity)}`,
        'the index itself is damaged: keep the last good backup, and see the agent log',
      );
    }
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (row) => row.name,
      ),
    );
    const runs = tables.has('runs')
      ? (db.prepare('SELECT id, status FROM runs ORDER BY started_at, id').all() as {
          id: string;
          status: string;
        }[])
      : [];
    const fleetRuns = tables.has('fleet_runs')
      ? (db.prepare('SELECT id FROM fleet_runs ORDER BY started_at, id').all() as { id: string }[])
      : [];
    return {
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      rows: runs.length,
      // Only names that are run folders: a row written by another tool cannot point the backup elsewhere.
      runIds: runs.map((row) => row.id).filter(isRunId),
      runningRuns: runs.filter((row) => row.status === 'running' && isRunId(row.id)).length,
      fleetRunIds: fleetRuns.map((row) => row.id).filter(isSafeFolderName),
    };
  } finally {
    db.close();
  }
}

function generatedFile(path: string, content: string | Uint8Array): TarEntry {
  return {
    path,
    type: 'file',
    content: typeof content === 'string' ? Buffer.from(content) : content,
    mode: 0o644,
    mtimeMs: Date.now(),
    uid: process.getuid?.() ?? 0,
    gid: process.getgid?.() ?? 0,
  };
}

/**
 * A folder and what it holds, files read one at a time. Symbolic links are not followed (the agent serves
 * none either), and a file that vanishes meanwhile (retention) is skipped.
 */
function* folderEntries(dir: string, path: string, tally: { files: number }): Generator<TarEntry> {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(dir);
  } catch {
    return;
  }
  if (!stat.isDirectory()) return;
  yield {
    path,
    type: 'directory',
    content: new Uint8Array(0),
    mode: stat.mode,
    mtimeMs: stat.mtimeMs,
    uid: stat.uid,
    gid: stat.gid,
  };
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.') || atomicTemporary.test(name)) continue;
    const child = join(dir, name);
    let childStat: ReturnType<typeof lstatSync>;
    try {
      childStat = lstatSync(child);
    } catch {
      continue;
    }
    if (childStat.isDirectory()) {
      yield* folderEntries(child, `${path}/${name}`, tally);
      continue;
    }
    if (!childStat.isFile()) continue;
    let content: Buffer;
    try {
      content = readFileSync(child);
    } catch {
      continue;
    }
    tally.files++;
    yield {
      path: `${path}/${name}`,
      type: 'file',
      content,
      mode: childStat.mode,
      mtimeMs: childStat.mtimeMs,
      uid: childStat.uid,
      gid: childStat.gid,
    };
  }
}
