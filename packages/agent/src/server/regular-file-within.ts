import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

export type FileLookup =
  | { readonly kind: 'file'; readonly realPath: string }
  | { readonly kind: 'missing' }
  /** Outside the folder, a symlink (to anywhere), a folder, a device: never served. */
  | { readonly kind: 'refused' };

/**
 * Whether `file` is a regular file that `folder` holds without any symlink on the way: its real path must be
 * the folder's real path plus the same relative path. A symlink in the run folder, whether it points
 * outside (/etc/passwd) or at another file of the run, is refused, so what the API serves is only what the
 * run wrote there. The folder itself may sit under a symlinked data folder.
 */
export function regularFileWithin(folder: string, file: string): FileLookup {
  const path = relative(folder, file);
  if (
    path === '' ||
    path === '..' ||
    path.startsWith(`..${sep}`) ||
    isAbsolute(path) ||
    file.includes('\0')
  ) {
    return { kind: 'refused' };
  }
  let realPath: string;
  try {
    lstatSync(file);
  } catch {
    return { kind: 'missing' };
  }
  try {
    realPath = realpathSync(file);
    if (realPath !== join(realpathSync(folder), path)) return { kind: 'refused' };
    // lstat: the real path has no symlink left, so this sees the file itself.
    if (!lstatSync(realPath).isFile()) return { kind: 'refused' };
  } catch {
    // A dangling or looping symlink, or the file went away meanwhile.
    return { kind: 'refused' };
  }
  return { kind: 'file', realPath };
}
