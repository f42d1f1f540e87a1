import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Far more than a presets folder holds; a bigger tree is fingerprinted by its first entries only. */
const maxEntries = 5000;
/** Presets read data files and `extends` parents from sub-folders, rarely deeper than this. */
const maxDepth = 4;

/**
 * What the presets folder looks like to a few stat calls: every entry's path, size, inode and modification
 * time. It changes when a file is edited, added, removed, renamed or swapped (a ConfigMap's symlinks are
 * followed), so a preset's validity can only have changed when it does: parsing presets again is needed
 * only then. Costs microseconds where parsing a large preset costs seconds.
 */
export function presetFolderFingerprint(dir: string): string {
  const parts: string[] = [];
  const visit = (folder: string, prefix: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      parts.push(`${prefix}!${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (parts.length >= maxEntries) return;
      const path = join(folder, entry.name);
      const name = `${prefix}${entry.name}`;
      // Only real folders are entered: a symlinked one could loop.
      if (entry.isDirectory()) {
        parts.push(`${name}/`);
        if (depth < maxDepth) visit(path, `${name}/`, depth + 1);
        continue;
      }
      try {
        const stat = statSync(path);
        parts.push(`${name} ${stat.size} ${stat.ino} ${stat.mtimeMs}`);
      } catch {
        parts.push(`${name} dangling`);
      }
    }
  };
  visit(dir, '', 0);
  return parts.join('\n');
}
