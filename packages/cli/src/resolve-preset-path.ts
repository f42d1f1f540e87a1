import { existsSync } from 'node:fs';
import { join } from 'node:path';

const extensions = ['.yaml', '.yml', '.json'];

/**
 * `fpt run quick` finds presets/quick.yaml; a path that exists is used as it is. The presets folder is
 * FPT_PRESETS_DIR when set, else ./presets.
 */
export function resolvePresetPath(
  reference: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (existsSync(reference)) return reference;
  if (reference.includes('/') || extensions.some((ext) => reference.endsWith(ext))) return reference;
  const folder = env.FPT_PRESETS_DIR ?? 'presets';
  const found = extensions
    .map((ext) => join(folder, reference + ext))
    .find((candidate) => existsSync(candidate));
  return found ?? reference;
}
