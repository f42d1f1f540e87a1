import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AgentBackupError } from './agent-backup-error.js';
import {
  type BackupManifest,
  backupFormatVersion,
  backupTopLevel,
  manifestName,
  parseManifest,
} from './backup-manifest.js';
import { readTarGz, TarFormatError } from './tar-reader.js';

export interface RestoreResult {
  readonly dataDir: string;
  readonly manifest: BackupManifest;
  readonly files: number;
}

/**
 * Unpacks an archive `fpt agent backup` wrote into a data folder that holds no history yet, for an agent
 * (stopped, or not started yet) to open there. Everything is unpacked and checked in a hidden folder
 * first (the index's integrity, its run count against the manifest's), then moved into place with the
 * index last: a damaged or foreign archive leaves the data folder as it was.
 */
export async function restoreAgentData(options: {
  readonly file: string;
  readonly dataDir: string;
}): Promise<RestoreResult> {
  const file = resolve(options.file);
  if (!existsSync(file)) {
    throw new AgentBackupError(`there is no backup at ${file}`, 'name an archive `fpt agent backup` wrote');
  }
  const dataDir = resolve(options.dataDir);
  const held = historyHeldIn(dataDir);
  if (held.length > 0) {
    throw new AgentBackupError(
      `the data folder ${dataDir} already holds a run history (${held.join(', ')}); a restore never mixes two histories`,
      'restore into an empty data folder (--data-dir), or stop the agent and move index.sqlite*, runs/, fleet/ and baselines/ aside first (docs/deploy.md, Backups)',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const staging = mkdtempSync(join(dataDir, '.fpt-restore-'));
  try {
    const { manifest, files } = await unpack(file, staging);
    checkIndex(join(staging, 'index.sqlite'), manifest, file);
    for (const top of ['runs', 'fleet', 'baselines'] as const) {
      const from = join(staging, top);
      if (!existsSync(from)) continue;
      mkdirSync(join(dataDir, top), { recursive: true });
      for (const name of readdirSync(from)) renameSync(join(from, name), join(dataDir, top, name));
    }
    // Last: an agent that finds an index finds everything it names.
    renameSync(join(staging, 'index.sqlite'), join(dataDir, 'index.sqlite'));
    return { dataDir, manifest, files };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** What of a history a data folder already has, in words; empty when a restore may go there. */
function historyHeldIn(dataDir: string): string[] {
  const held: string[] = [];
  for (const name of ['index.sqlite', 'index.sqlite-wal']) {
    if (existsSync(join(dataDir, name))) held.push(name);
  }
  for (const [folder, what] of [
    ['runs', 'run folders'],
    ['fleet', 'fleet run folders'],
    ['baselines', 'baselines'],
  ] as const) {
    const dir = join(dataDir, folder);
    const count = existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')).length : 0;
    if (count > 0) held.push(`${count} ${what} in ${folder}/`);
  }
  return held;
}

async function unpack(file: string, staging: string): Promise<{ manifest: BackupManifest; files: number }> {
  let manifest: BackupManifest | undefined;
  let files = 0;
  try {
    await readTarGz(file, (entry) => {
      if (!manifest) {
        manifest =
          entry.path === manifestName
            ? parseManifest(Buffer.from(entry.content).toString('utf8'))
            : undefined;
        if (!manifest) {
          throw new AgentBackupError(
            `${file} is not an FPT agent backup: its first member is ${entry.path}, not a ${manifestName} FPT wrote`,
            'name an archive `fpt agent backup` wrote',
          );
        }
        if (manifest.formatVersion > backupFormatVersion) {
          throw new AgentBackupError(
            `${file} is a backup of format ${manifest.formatVersion}, newer than this FPT reads (${backupFormatVersion})`,
            `restore it with FPT ${manifest.fptVersion} or later`,
          );
        }
        return;
      }
      const target = join(staging, ...memberPath(entry.path, entry.type));
      if (entry.type === 'directory') {
        mkdirSync(target, { recursive: true });
        return;
      }
      mkdirSync(dirname(target), { recursive: true });
      // Whatever the archive says, the agent's user must be able to read and write what it gets back.
      writeFileSync(target, entry.content, { mode: (entry.mode & 0o777) | 0o600 });
      const mtime = new Date(entry.mtimeMs);
      utimesSync(target, mtime, mtime);
      files++;
    });
  } catch (error) {
    if (error instanceof AgentBackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (error instanceof TarFormatError || code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      throw new AgentBackupError(
        `${file} cannot be read as a backup: ${(error as Error).message}`,
        'the archive is damaged or not a .tar.gz `fpt agent backup` wrote: take another backup, or use an older one',
      );
    }
    throw error;
  }
  if (!manifest) {
    throw new AgentBackupError(`${file} is an empty archive`, 'name an archive `fpt agent backup` wrote');
  }
  return { manifest, files };
}

/** The member's path as folder names under the staging folder; anything that could lead elsewhere is refused. */
function memberPath(path: string, type: 'file' | 'directory'): string[] {
  const parts = path.split('/');
  const unsafe =
    path.startsWith('/') ||
    path.includes('\\') ||
    parts.some((part) => part === '' || part === '.' || part === '..') ||
    !(backupTopLevel as readonly string[]).includes(parts[0]!) ||
    (parts[0] === 'index.sqlite' && (parts.length > 1 || type !== 'file'));
  if (unsafe) {
    throw new AgentBackupError(
      `the archive holds "${path}", which is not part of an agent's history`,
      'an FPT backup holds only fpt-backup.json, index.sqlite, runs/, fleet/ and baselines/: this archive was made or changed by something else',
    );
  }
  return parts;
}

function checkIndex(file: string, manifest: BackupManifest, archive: string): void {
  if (!existsSync(file)) {
    throw new AgentBackupError(
      `${archive} holds no index.sqlite`,
      'the archive is incomplete: use another backup',
    );
  }
  const db = new Database(file, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const runs = (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
    if (integrity !== 'ok' || runs !== manifest.runs) {
      throw new AgentBackupError(
        `the index in ${archive} is not the one its manifest describes (${integrity === 'ok' ? `${runs} runs, the manifest says ${manifest.runs}` : `integrity check: ${String(integrity)}`})`,
        'the archive is damaged: use another backup',
      );
    }
  } finally {
    db.close();
  }
}
