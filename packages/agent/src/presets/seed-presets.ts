import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { writeFileAtomic } from '@fpt/engine';

/** What the agent copied into the presets folder, so it can tell its own stale copies from operators' edits. */
const recordFile = '.fpt-seeded.json';

export interface SeedReport {
  readonly copied: readonly string[];
  readonly replaced: readonly string[];
  /** Shipped files the operator changed in the presets folder: kept as they are. */
  readonly keptChanged: readonly string[];
}

/**
 * Copies the presets shipped with the image into the (possibly volume-mounted) presets folder. A file
 * is copied when missing; a copy the agent made earlier is replaced when the shipped version changed,
 * unless the operator edited it since; files the operator added are never touched.
 */
export function seedPresets(seedDir: string, presetsDir: string): SeedReport {
  mkdirSync(presetsDir, { recursive: true });
  const recordPath = join(presetsDir, recordFile);
  const record = readRecord(recordPath);
  const copied: string[] = [];
  const replaced: string[] = [];
  const keptChanged: string[] = [];
  for (const file of listFiles(seedDir)) {
    const shipped = readFileSync(join(seedDir, file));
    const shippedHash = hash(shipped);
    const target = join(presetsDir, file);
    if (!existsSync(target)) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileAtomic(target, shipped);
      record[file] = shippedHash;
      copied.push(file);
      continue;
    }
    const currentHash = hash(readFileSync(target));
    if (currentHash === shippedHash) {
      record[file] = shippedHash;
      continue;
    }
    if (record[file] === currentHash) {
      writeFileAtomic(target, shipped);
      record[file] = shippedHash;
      replaced.push(file);
    } else {
      keptChanged.push(file);
    }
  }
  writeFileAtomic(recordPath, `${JSON.stringify(record, null, 2)}\n`);
  return { copied, replaced, keptChanged };
}

function readRecord(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    // A damaged record only means copies cannot be told from edits: they are then kept, never overwritten.
    return {};
  }
}

function listFiles(root: string, folder = root): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder)) {
    if (entry.startsWith('.')) continue;
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) files.push(...listFiles(root, path));
    else files.push(relative(root, path));
  }
  return files.sort();
}

function hash(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
