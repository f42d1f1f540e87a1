import { spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentBackupError } from '../src/backup/agent-backup-error.js';
import { backupFormat, backupFormatVersion } from '../src/backup/backup-manifest.js';
import { restoreAgentData } from '../src/backup/restore-agent-data.js';
import type { TarEntry } from '../src/backup/tar-entry.js';
import { readTarGz } from '../src/backup/tar-reader.js';
import { tarBlocks } from '../src/backup/tar-writer.js';

const folders: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-archive-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The run-folder path shape at its longest: a 100-character preset name in the run id, then a screenshot. */
const longPath = `runs/20261126T123456Z-${'p'.repeat(100)}-3f9a0c/artifacts/checkout-étape-2.png`;

function entry(path: string, content: string | Buffer, type: TarEntry['type'] = 'file'): TarEntry {
  return {
    path,
    type,
    content: typeof content === 'string' ? Buffer.from(content) : content,
    mode: type === 'directory' ? 0o755 : 0o644,
    mtimeMs: Date.UTC(2026, 4, 1, 3, 15),
    uid: 1000,
    gid: 1000,
  };
}

async function writeArchive(file: string, entries: TarEntry[]): Promise<void> {
  await pipeline(tarBlocks(entries), createGzip(), createWriteStream(file));
}

async function readArchive(file: string): Promise<TarEntry[]> {
  const read: TarEntry[] = [];
  await readTarGz(file, (e) => read.push(e));
  return read;
}

const systemTar = spawnSync('tar', ['--version'], { encoding: 'utf8' });
const hasTar = systemTar.status === 0;
if (!hasTar) console.log('skipping the system tar checks: no `tar` on PATH');

const manifest = `${JSON.stringify({ format: backupFormat, formatVersion: backupFormatVersion, createdAt: '2026-05-01T03:15:00.000Z', fptVersion: '0.1.0', historySchemaVersion: 3, runs: 0, runningRuns: 0, fleetRuns: 0 })}\n`;

describe('the backup archive format (tar.gz)', () => {
  it('reads back what it wrote: folders, long paths (pax), non-ASCII names, empty and binary files', async () => {
    const file = join(tempDir(), 'a.tar.gz');
    const binary = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    const written = [
      entry('runs', '', 'directory'),
      entry('runs/20261126T123456Z-tiny-3f9a0c/summary.json', '{"ok":true}\n'),
      entry('runs/20261126T123456Z-tiny-3f9a0c/empty.log', ''),
      entry(longPath, binary),
    ];
    await writeArchive(file, written);
    const read = await readArchive(file);
    expect(
      read.map((e) => [e.path, e.type, Buffer.from(e.content).toString('base64'), e.mode, e.mtimeMs, e.uid]),
    ).toEqual(
      written.map((e) => [
        e.path,
        e.type,
        Buffer.from(e.content).toString('base64'),
        e.mode,
        e.mtimeMs,
        e.uid,
      ]),
    );
  });

  it.runIf(hasTar)(
    "is what the system's tar reads, long paths included, and reads what it writes",
    async () => {
      const dir = tempDir();
      const file = join(dir, 'a.tar.gz');
      await writeArchive(file, [entry('fpt-backup.json', manifest), entry(longPath, 'png bytes')]);
      const listing = spawnSync('tar', ['-tzf', file], { encoding: 'utf8' });
      expect(listing.stderr).toBe('');
      expect(listing.stdout.split('\n')).toContain(longPath);
      const out = join(dir, 'out');
      mkdirSync(out);
      expect(spawnSync('tar', ['-xzf', file, '-C', out]).status).toBe(0);
      expect(readFileSync(join(out, longPath), 'utf8')).toBe('png bytes');

      // The other way: an archive tar makes in the pax format is read, its long path whole.
      const theirs = join(dir, 'theirs.tar.gz');
      expect(
        spawnSync('tar', ['--format=pax', '-czf', theirs, '-C', out, 'runs'], { encoding: 'utf8' }).status,
      ).toBe(0);
      const read = await readArchive(theirs);
      expect(read.find((e) => e.path === longPath)?.content.toString()).toBe('png bytes');
    },
  );

  it('refuses an archive cut short or damaged, saying so', async () => {
    const dir = tempDir();
    const file = join(dir, 'a.tar.gz');
    await writeArchive(file, [
      entry('fpt-backup.json', manifest),
      entry('runs/x/big.bin', Buffer.alloc(200_000, 7)),
    ]);
    const whole = readFileSync(file);
    writeFileSync(join(dir, 'cut.tar.gz'), whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(readArchive(join(dir, 'cut.tar.gz'))).rejects.toThrow();
    // A damaged header inside an intact gzip stream: the checksum says so.
    const blocks: Buffer[] = [];
    for await (const block of tarBlocks([entry('fpt-backup.json', manifest)])) blocks.push(block);
    const tar = Buffer.concat(blocks);
    tar[10] = 0x41;
    await pipeline([tar], createGzip(), createWriteStream(join(dir, 'damaged.tar.gz')));
    await expect(readArchive(join(dir, 'damaged.tar.gz'))).rejects.toThrow(/header at byte 0 .* damaged/);
  });
});

describe('restore refuses what is not an agent backup, and leaves the data folder as it was', () => {
  async function refusal(entries: TarEntry[] | string, dataDir: string): Promise<AgentBackupError> {
    const file = typeof entries === 'string' ? entries : join(tempDir(), 'b.tar.gz');
    if (typeof entries !== 'string') await writeArchive(file, entries);
    try {
      await restoreAgentData({ file, dataDir });
    } catch (error) {
      expect(error).toBeInstanceOf(AgentBackupError);
      return error as AgentBackupError;
    }
    throw new Error('the restore was not refused');
  }
  // Not even the hidden folder a restore unpacks into is left behind.
  const untouched = (dataDir: string) => expect(readdirSync(dataDir)).toEqual([]);

  it('an archive without the manifest first', async () => {
    const dataDir = tempDir();
    const error = await refusal([entry('index.sqlite', 'x')], dataDir);
    expect(error.message).toMatch(/is not an FPT agent backup: its first member is index\.sqlite/);
    untouched(dataDir);
  });

  it('a member that would land outside the data folder, or that no history holds', async () => {
    for (const path of ['../outside.txt', 'runs/../../outside.txt', '/etc/cron.d/x', 'presets/evil.yaml']) {
      const dataDir = tempDir();
      const error = await refusal([entry('fpt-backup.json', manifest), entry(path, 'x')], dataDir);
      expect(error.message).toBe(`the archive holds "${path}", which is not part of an agent's history`);
      untouched(dataDir);
      expect(existsSync(join(dataDir, '..', 'outside.txt'))).toBe(false);
    }
  });

  it.runIf(hasTar)('a symbolic link', async () => {
    const source = tempDir();
    writeFileSync(join(source, 'fpt-backup.json'), manifest);
    mkdirSync(join(source, 'runs'));
    symlinkSync('/etc', join(source, 'runs', 'etc'));
    const file = join(tempDir(), 'links.tar.gz');
    expect(spawnSync('tar', ['-czf', file, '-C', source, 'fpt-backup.json', 'runs']).status).toBe(0);
    const dataDir = tempDir();
    const error = await refusal(file, dataDir);
    expect(error.message).toMatch(
      /runs\/etc is a symbolic link: a backup holds only folders and regular files/,
    );
    untouched(dataDir);
  });

  it('a damaged archive', async () => {
    const file = join(tempDir(), 'not-gzip.tar.gz');
    writeFileSync(file, 'this is not gzip');
    const dataDir = tempDir();
    const error = await refusal(file, dataDir);
    expect(error.message).toMatch(/cannot be read as a backup/);
    expect(error.hint).toMatch(/damaged or not a \.tar\.gz/);
    untouched(dataDir);
  });

  it('a data folder that already holds a history', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'runs', '20261126T123456Z-tiny-3f9a0c'), { recursive: true });
    writeFileSync(join(dataDir, 'index.sqlite'), '');
    const error = await refusal([entry('fpt-backup.json', manifest)], dataDir);
    expect(error.message).toMatch(/already holds a run history \(index\.sqlite, 1 run folders in runs\/\)/);
    expect(error.hint).toMatch(/restore into an empty data folder/);
  });
});
