import { readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/**
 * Whether a path is outside a folder (given as a real path), following symbolic links. A missing file is
 * judged by its closest existing folder, so "../missing.js" is called outside rather than missing.
 */
export function isOutsideRoot(path: string, root: string | undefined): boolean {
  if (root === undefined) return false;
  const real = realPathOf(resolve(path));
  return real !== root && !real.startsWith(root + sep);
}

function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPathOf(parent), basename(path));
  }
}

/**
 * k6's open() in the init code: a file beside the script (relative to the entry's folder), as text or, with
 * mode "b", as an ArrayBuffer. With a root (an agent's presets folder), a path that leads out of it is
 * refused, as imports are, so a script cannot read the agent's own files.
 */
export function openScriptFile(
  entry: string,
  root: string | undefined,
  path: string,
  mode?: string,
): string | ArrayBuffer {
  const file = resolve(dirname(entry), String(path));
  if (isOutsideRoot(file, root))
    throw new Error(`open("${path}"): ${file} is outside ${root}, where scripts read files from`);
  const bytes = readFileSync(file);
  return mode === 'b'
    ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
    : bytes.toString('utf8');
}
