import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import {
  formatProblem,
  type LoadedPreset,
  type LoadOverrides,
  loadPresetFile,
  PresetError,
  type ThresholdSpec,
} from '@fpt/preset';
import { describeLoadShape } from './describe-load-shape.js';
import { presetEnvironment } from './preset-environment.js';

/** A preset as the presets page shows it; `name` is the file name without extension, the id in URLs. */
export interface PresetInfo {
  readonly name: string;
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly valid: boolean;
  readonly problems: readonly string[];
  readonly scenarios: readonly { name: string; executor: string; browser: boolean; summary: string }[];
  readonly thresholds: readonly { metric: string; expression: string }[];
  readonly regions: readonly string[];
  readonly target: string;
}

const presetExtensions = new Set(['.yaml', '.yml', '.json']);
/** A preset id: no path separators or leading dot, so it can never leave the presets folder. */
const presetNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** Whether a name can be a preset id (also the file name of its baseline). */
export function isPresetName(name: string): boolean {
  return presetNamePattern.test(name);
}

/**
 * The presets folder as the agent offers it: listing, reading and loading. `${VAR}` is filled only from
 * TARGET_URL and the variables FPT_PRESET_ENV lists (preset-environment.ts): a preset's description, say,
 * is shown to every API client, so it must not be able to quote the agent's tokens.
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
    if (!existsSync(this.#dir)) return [];
    return readdirSync(this.#dir)
      .filter((file) => presetExtensions.has(extname(file)) && !file.startsWith('.'))
      .sort()
      .map((file) => this.#info(file));
  }

  /** The file of a preset id, or undefined when there is none (or the id is not a safe name). */
  fileOf(name: string): string | undefined {
    if (!isPresetName(name)) return undefined;
    for (const extension of presetExtensions) {
      const file = `${name}${extension}`;
      if (existsSync(join(this.#dir, file))) return file;
    }
    return undefined;
  }

  info(name: string): (PresetInfo & { yaml: string }) | undefined {
    const file = this.fileOf(name);
    if (!file) return undefined;
    return { ...this.#info(file), yaml: readFileSync(join(this.#dir, file), 'utf8') };
  }

  /** Loads a preset for a run; throws PresetError with every problem (overrides included). */
  load(name: string, overrides: LoadOverrides = {}): LoadedPreset {
    const file = this.fileOf(name);
    if (!file) throw new Error(`no preset ${name}`);
    return loadPresetFile(join(this.#dir, file), { env: this.#env, overrides });
  }

  #info(file: string): PresetInfo {
    const name = file.slice(0, -extname(file).length);
    try {
      const { preset } = loadPresetFile(join(this.#dir, file), { env: this.#env });
      return {
        name,
        file,
        title: preset.name,
        description: preset.description ?? '',
        valid: true,
        problems: [],
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
      return {
        name,
        file,
        title: name,
        description: '',
        valid: false,
        problems: error.problems.map(formatProblem),
        scenarios: [],
        thresholds: [],
        regions: [],
        target: '',
      };
    }
  }
}
