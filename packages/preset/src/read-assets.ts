import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Preset } from './schema/preset.js';
import { requestLists } from './request-lists.js';
import type { SchemaProblem } from './zod-issues.js';

/** A file a preset names (a certificate, a key, a body), by the path as written in the preset. */
export type PresetAssets = Readonly<Record<string, Uint8Array>>;

interface AssetReference {
  readonly path: readonly PropertyKey[];
  readonly file: string;
  /** PEM files are checked to hold PEM, so a wrong path fails here rather than mid-handshake. */
  readonly pem: 'certificate' | 'key' | undefined;
}

/**
 * Reads every file the preset names besides its data files, relative to the preset, once: the run (and
 * its worker threads) then holds their bytes and never touches the disk. Unreadable files and PEM files
 * without PEM are problems of the preset, located at the field that names them.
 */
export function readAssets(
  preset: Preset,
  presetFile: string,
  readBinary: (path: string) => Uint8Array = readFileSync,
): { assets: PresetAssets; problems: SchemaProblem[] } {
  const assets: Record<string, Uint8Array> = {};
  const problems: SchemaProblem[] = [];
  for (const reference of assetReferences(preset)) {
    if (reference.file in assets) continue;
    const file = resolve(dirname(resolve(presetFile)), reference.file);
    let bytes: Uint8Array;
    try {
      bytes = readBinary(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({
        path: reference.path,
        message:
          code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file}: ${(error as Error).message}`,
        hint: 'paths are relative to the preset file',
      });
      continue;
    }
    if (reference.pem && !Buffer.from(bytes).toString('latin1').includes('-----BEGIN')) {
      problems.push({
        path: reference.path,
        message: `${reference.file} is not a PEM file (no "-----BEGIN" line); give the ${reference.pem} in PEM form`,
      });
      continue;
    }
    assets[reference.file] = bytes;
  }
  return { assets, problems };
}

function assetReferences(preset: Preset): AssetReference[] {
  const references: AssetReference[] = [];
  const tls = preset.target.tls;
  if (tls?.ca !== undefined) {
    const list = Array.isArray(tls.ca) ? tls.ca : [tls.ca];
    list.forEach((file, index) => {
      references.push({
        path: Array.isArray(tls.ca) ? ['target', 'tls', 'ca', index] : ['target', 'tls', 'ca'],
        file,
        pem: 'certificate',
      });
    });
  }
  tls?.clientCertificates?.forEach((entry, index) => {
    const at = ['target', 'tls', 'clientCertificates', index];
    references.push({ path: [...at, 'cert'], file: entry.cert, pem: 'certificate' });
    references.push({ path: [...at, 'key'], file: entry.key, pem: 'key' });
  });
  for (const { path: at, requests } of requestLists(preset)) {
    requests.forEach((request, index) => {
      const body = request.body;
      if (body?.file !== undefined)
        references.push({ path: [...at, index, 'body', 'file'], file: body.file, pem: undefined });
      for (const [field, part] of Object.entries(body?.multipart ?? {})) {
        if (typeof part === 'object' && 'file' in part)
          references.push({
            path: [...at, index, 'body', 'multipart', field, 'file'],
            file: part.file,
            pem: undefined,
          });
      }
    });
  }
  return references;
}
