import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exportK6Script, type K6Export } from '@fpt/k6-export';
import { type LoadedPreset, loadPresetFile } from '@fpt/preset';

const presetsDir = fileURLToPath(new URL('../../../presets/', import.meta.url));
const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface ExportCase {
  /** The preset's file name without extension: the golden file's name too. */
  readonly name: string;
  readonly loaded: LoadedPreset;
  readonly exported: K6Export;
}

function exportCase(dir: string, file: string): ExportCase {
  // No environment: every ${VAR} takes its default, as `fpt k6` without --env does.
  const loaded = loadPresetFile(`${dir}${file}`, { env: {} });
  return { name: file.replace(/\.ya?ml$/, ''), loaded, exported: exportK6Script(loaded) };
}

/** Every seed preset in presets/, exported. */
export const seedCases: readonly ExportCase[] = readdirSync(presetsDir)
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file) => exportCase(presetsDir, file));

/**
 * The seeds plus the fixtures: test/fixtures/everything.yaml, which uses every feature the export handles,
 * and http-settings.yaml, the target's and requests' HTTP settings (TLS, DNS, proxy, bodies from files).
 */
export const allCases: readonly ExportCase[] = [
  ...seedCases,
  exportCase(fixturesDir, 'everything.yaml'),
  exportCase(fixturesDir, 'http-settings.yaml'),
];
