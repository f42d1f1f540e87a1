import { createHash } from 'node:crypto';
import { basename, dirname, isAbsolute, relative } from 'node:path';
import type { PresetScripts } from './read-scripts.js';
import type { Preset } from './schema/preset.js';

/**
 * A fingerprint of what a run of this preset sends where: the target's base URL and the scenarios (load
 * profile, requests, browser journeys), after `extends`, `${VAR}` interpolation, overrides and schema
 * defaults. Two runs with the same identity put the same load on the same target, so comparing them with
 * a baseline is fair. Thresholds, tolerances, safety limits, tags and descriptions are left out: changing
 * a budget does not change what is measured. Hex SHA-256, so a baseline file never reveals the target URL.
 */
export function presetIdentity(preset: Preset, scripts: PresetScripts = {}): string {
  // A script's code is what it sends: its modules are part of the identity, so an edited script is a new one.
  // Where the suite lies is not: paths are taken from the entry's folder (module keys, the import keys in
  // their bodies), so the same script in two agents' presets folders, or on a laptop, is one identity.
  const code =
    Object.keys(scripts).length === 0
      ? undefined
      : Object.fromEntries(
          Object.entries(scripts).map(([reference, script]) => {
            const folder = dirname(script.entry);
            const modules = Object.entries(script.modules)
              .map(([file, body]) => [relative(folder, file), body.split(folder).join('.')] as const)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
            return [isAbsolute(reference) ? basename(reference) : reference, modules];
          }),
        );
  const fingerprint = { version: 1, baseUrl: preset.target.baseUrl, scenarios: preset.scenarios, code };
  return createHash('sha256').update(canonicalJson(fingerprint)).digest('hex');
}

/** JSON with object keys sorted at every level, so key order in the YAML never changes the identity. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
