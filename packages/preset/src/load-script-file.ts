import { resolve } from 'node:path';
import { ScriptError } from '@fpt/script';
import { stringify } from 'yaml';
import type { EnvLookup } from './interpolate-env.js';
import type { LoadOverrides } from './load-overrides.js';
import { type LoadedPreset, loadPresetText } from './load-preset.js';
import { PresetError } from './preset-error.js';
import { type InspectedScript, inspectScriptFile } from './read-scripts.js';
import { presetFromScriptOptions } from './script-options.js';

/** Files `fpt run` reads as k6-style scripts rather than presets. */
export const scriptExtensions = ['.js', '.mjs', '.ts', '.mts'] as const;

export function isScriptFile(file: string): boolean {
  return scriptExtensions.some((extension) => file.endsWith(extension));
}

export interface LoadScriptFileOptions {
  readonly env?: EnvLookup;
  readonly overrides?: LoadOverrides;
  /** A folder the script, its modules and the files it opens must stay inside (an agent's presets folder). */
  readonly root?: string;
}

/**
 * Loads a k6-style script as a preset, as `fpt run flow.js` does: the init code runs once to read
 * `options` (k6 does the same), which become the preset's scenarios, thresholds and settings; the rest is
 * validated like any preset (safety limits included). Problems come as a PresetError, at the script's
 * lines for its code and at the option's name for its options.
 */
export function loadScriptFile(
  file: string,
  options: LoadScriptFileOptions = {},
): { loaded: LoadedPreset; warnings: readonly string[] } {
  const scriptFile = resolve(file);
  let inspected: InspectedScript;
  try {
    inspected = inspectScriptFile(scriptFile, options.env ?? {}, options.root);
  } catch (error) {
    if (error instanceof ScriptError)
      throw new PresetError(error.problems.map((p) => ({ ...p, fieldPath: '' })));
    throw new PresetError([
      {
        file,
        line: 0,
        column: 0,
        fieldPath: '',
        message: `the script's init code failed: ${(error as Error).message ?? error}`,
        hint: 'the code outside functions runs once to read options, as in k6; it may not make requests',
      },
    ]);
  }
  const { value, warnings } = presetFromScriptOptions(inspected.declarations.options, scriptFile);
  // The options, as a preset beside the script: validated like one; a problem names the option, not a line.
  const presetFile = `${scriptFile}.options.yaml`;
  try {
    // $${ is the preset's literal ${: a value from the script is never read as a preset variable.
    const loaded = loadPresetText(stringify(value).replaceAll('${', '$${'), presetFile, {
      env: {},
      // The script was just loaded and its init code run with the real __ENV: the preset uses that.
      inspectedScripts: { [scriptFile]: inspected },
      ...(options.root === undefined ? {} : { scriptRoot: options.root }),
      ...(options.overrides ? { overrides: options.overrides } : {}),
    });
    return { loaded, warnings };
  } catch (error) {
    if (!(error instanceof PresetError)) throw error;
    throw new PresetError(
      error.problems.map((p) =>
        p.file === presetFile ? { ...p, file, line: 0, column: 0, fieldPath: `options → ${p.fieldPath}` } : p,
      ),
    );
  }
}
