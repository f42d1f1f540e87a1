import { readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

/** Whether a path is inside a folder (given as a real path), following symbolic links; a missing path is not judged. */
export function isOutsideRoot(path: string, root: string | undefined): boolean {
  if (root === undefined) return false;
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return false; // a missing file is reported as missing when it is read
  }
  return real !== root && !real.startsWith(root + sep);
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
