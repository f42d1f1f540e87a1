import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import {
  describeLoadShape,
  formatProblem,
  isScriptFile,
  type LoadedPreset,
  type LoadOverrides,
  loadPresetFile,
  loadScriptFile,
  PresetError,
  type PresetProblem,
  scriptExtensions,
  type ThresholdSpec,
} from '@fpt/preset';
import { presetEnvironment } from './preset-environment.js';

/** A YAML/JSON preset, or a k6-style script whose `options` are its preset. */
export type PresetKind = 'preset' | 'script';

/**
 * A runnable entry as the presets page shows it; `name` is the file name without extension, the id in
 * URLs. A script is listed like a preset, from its `options` (scenarios, thresholds, regions).
 */
export interface PresetInfo {
  readonly name: string;
  readonly file: string;
  readonly kind: PresetKind;
  readonly title: string;
  readonly description: string;
  readonly valid: boolean;
  readonly problems: readonly string[];
  /** What of a valid entry FPT leaves out (a script's options FPT does not read), in words. */
  readonly warnings: readonly string[];
  readonly scenarios: readonly { name: string; executor: string; browser: boolean; summary: string }[];
  readonly thresholds: readonly { metric: string; expression: string }[];
  readonly regions: readonly string[];
  readonly target: string;
}

/** A loaded entry, ready for `fpt run <file>`. */
export interface LoadedEntry {
  readonly loaded: LoadedPreset;
  /** The absolute path the run process is given: the preset file, or the script itself. */
  readonly file: string;
  readonly kind: PresetKind;
  readonly warnings: readonly string[];
}

const presetExtensions: readonly string[] = ['.yaml', '.yml', '.json'];
const entryExtensions: readonly string[] = [...presetExtensions, ...scriptExtensions];
/** A preset id: no path separators or leading dot, so it can never leave the presets folder. */
const presetNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** Whether a name can be a preset id (also the file name of its baseline). */
export function isPresetName(name: string): boolean {
  return presetNamePattern.test(name);
}

function kindOf(file: string): PresetKind {
  return isScriptFile(file) ? 'script' : 'preset';
}

/**
 * The presets folder as the agent offers it: listing, reading and loading. Its entries are the top-level
 * presets (`.yaml`, `.yml`, `.json`) and k6-style scripts (what `fpt run` reads as one: `.js`, `.mjs`, ...);
 * files in sub-folders are what entries use (data files, a script's modules), never entries. An id two files share (`flow.js` and
 * `flow.yaml`) is refused rather than guessed: the entry is listed as invalid, naming both.
 *
 * `${VAR}` (and a script's `__ENV`) is filled only from TARGET_URL and the variables FPT_PRESET_ENV lists
 * (preset-environment.ts): a preset's description, say, is shown to every API client, so it must not be
 * able to quote the agent's tokens. A script, and every module it imports, must lie inside the folder.
 */
export class PresetCatalog {
  readonly #dir: string;
  readonly #env: Readonly<Record<string, string>>;

  /** `env` is the agent's environment; only the part presets may see is kept. */
  constructor(dir: string, env: Readonly<Record<string, string | undefined>>) {
    this.#dir = dir;
    this.#env = presetEnvironment(env);
  }

  list(): PresetInfo[] {
    return [...this.#entries()].map(([name, files]) => this.#info(name, files));
  }

  /** Every id the folder offers, sorted (each once, an ambiguous one included). */
  names(): string[] {
    return [...this.#entries().keys()];
  }

  /** The files an id names: none (no such entry, or not a safe id), one, or several (ambiguous). */
  filesOf(name: string): string[] {
    if (!isPresetName(name)) return [];
    return this.#entries().get(name) ?? [];
  }

  /** The entry with its source text (`yaml`, for a script its code), or undefined when there is none. */
  info(name: string): (PresetInfo & { yaml: string }) | undefined {
    const files = this.filesOf(name);
    if (files.length === 0) return undefined;
    return { ...this.#info(name, files), yaml: readFileSync(join(this.#dir, files[0]!), 'utf8') };
  }

  /** Loads an entry for a run; throws PresetError with every problem (overrides and ambiguity included). */
  load(name: string, overrides: LoadOverrides = {}): LoadedEntry {
    const files = this.filesOf(name);
    if (files.length === 0) throw new Error(`no preset ${name}`);
    if (files.length > 1) throw new PresetError([this.#ambiguity(name, files)]);
    return this.#load(files[0]!, overrides);
  }

  /** Top-level entry files by id, sorted by id then file. */
  #entries(): Map<string, string[]> {
    const entries = new Map<string, string[]>();
    let found: Dirent[];
    try {
      found = readdirSync(this.#dir, { withFileTypes: true });
    } catch {
      return entries;
    }
    const files = found
      .filter((entry) => !entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .filter((file) => entryExtensions.includes(extname(file)))
      .sort();
    for (const file of files) {
      const name = file.slice(0, -extname(file).length);
      entries.set(name, [...(entries.get(name) ?? []), file]);
    }
    return new Map([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /**
   * Scripts (an entry, or one a preset names), the modules they import and the files they open() must lie
   * inside the presets folder (`root`): an agent runs only what its operator put there, and a script cannot
   * read the agent's own files through `..`, an absolute path or a symbolic link.
   */
  #load(file: string, overrides: LoadOverrides): LoadedEntry {
    const path = join(this.#dir, file);
    const kind = kindOf(file);
    if (kind === 'script') {
      const { loaded, warnings } = loadScriptFile(path, { env: this.#env, overrides, root: this.#dir });
      return { loaded, file: path, kind, warnings };
    }
    const loaded = loadPresetFile(path, { env: this.#env, overrides, scriptRoot: this.#dir });
    return { loaded, file: path, kind, warnings: [] };
  }

  #ambiguity(name: string, files: readonly string[]): PresetProblem {
    const script = files.find(isScriptFile);
    return {
      file: join(this.#dir, files[0]!),
      line: 0,
      column: 0,
      fieldPath: '',
      message: `${files.join(' and ')} ${files.length === 2 ? 'both' : 'all'} have the id ${name}: a run of ${name} could mean either, so neither runs`,
      hint: script
        ? `rename one, e.g. ${script} to ${name}-script${extname(script)}: an id names one file`
        : 'rename or remove one: an id names one file',
    };
  }

  #info(name: string, files: readonly string[]): PresetInfo {
    const file = files[0]!;
    const kind = kindOf(file);
    const invalid = (problems: readonly PresetProblem[]): PresetInfo => ({
      name,
      file,
      kind,
      title: name,
      description: '',
      valid: false,
      problems: problems.map(formatProblem),
      warnings: [],
      scenarios: [],
      thresholds: [],
      regions: [],
      target: '',
    });
    if (files.length > 1) return invalid([this.#ambiguity(name, files)]);
    try {
      const { loaded, warnings } = this.#load(file, {});
      const { preset } = loaded;
      return {
        name,
        file,
        kind,
        title: preset.name,
        description: preset.description ?? '',
        valid: true,
        problems: [],
        warnings,
        scenarios: Object.entries(preset.scenarios).map(([scenario, spec]) => ({
          name: scenario,
          executor: spec.executor,
          browser: spec.browser !== undefined,
          summary: describeLoadShape(spec),
        })),
        thresholds: Object.entries(preset.thresholds ?? {}).flatMap(([metric, specs]) =>
          specs.map((spec: ThresholdSpec) => ({
            metric,
            expression: typeof spec === 'string' ? spec : spec.threshold,
          })),
        ),
        regions: preset.regions ?? [],
        // A script's preset may have no base URL: its code names the URLs.
        target: preset.target.baseUrl ?? '',
      };
    } catch (error) {
      if (!(error instanceof PresetError)) throw error;
      return invalid(error.problems);
    }
  }
}
