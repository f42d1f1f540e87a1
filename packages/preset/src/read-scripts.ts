import { dirname, resolve } from 'node:path';
import type { MetricDefinition } from '@fpt/metrics';
import {
  inspectScript,
  type LoadedScript,
  loadScript,
  openScriptFile,
  type ScriptDeclarations,
  ScriptError,
} from '@fpt/script';
import type { EnvLookup } from './interpolate-env.js';
import type { PresetProblem } from './preset-error.js';
import type { Preset } from './schema/preset.js';
import type { SchemaProblem } from './zod-issues.js';

/** Scripts a preset names, by the path as written (its `script`, and each scenario's exec module). */
export type PresetScripts = Readonly<Record<string, LoadedScript>>;

export interface ReadScripts {
  readonly scripts: PresetScripts;
  /** What each script declares in its init code, by the same path. */
  readonly declarations: Readonly<Record<string, ScriptDeclarations>>;
  /** Problems inside a script, at their own file:line:column. */
  readonly scriptProblems: PresetProblem[];
  /** Problems of the preset's fields (an exec naming a function the script does not export). */
  readonly problems: SchemaProblem[];
}

/** A script loaded and its init code run once: what the preset keeps and what the script declares. */
export interface InspectedScript {
  readonly loaded: LoadedScript;
  readonly declarations: ScriptDeclarations;
}

/**
 * Loads a script (and its modules) and runs its init code once with `env` as __ENV and open() beside it.
 * Throws ScriptError for problems in the code, or what the init code throws.
 */
export function inspectScriptFile(file: string, env: EnvLookup, root: string | undefined): InspectedScript {
  const loaded = loadScript(file, root === undefined ? {} : { root });
  const declarations = inspectScript(loaded, {
    env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
    open: (path, mode) => openScriptFile(loaded.entry, loaded.root, path, mode),
  });
  return { loaded, declarations };
}

/** Where each script is named: the preset's `script`, then each scenario's exec module. */
function scriptReferences(preset: Preset): { path: PropertyKey[]; file: string }[] {
  const references: { path: PropertyKey[]; file: string }[] = [];
  if (preset.script !== undefined) references.push({ path: ['script'], file: preset.script });
  for (const [name, scenario] of Object.entries(preset.scenarios)) {
    if (typeof scenario.exec === 'object')
      references.push({ path: ['scenarios', name, 'exec', 'module'], file: scenario.exec.module });
  }
  return references;
}

/**
 * Loads every script the preset names (and the files they import), runs each one's init code once to
 * learn its exports and metrics, and checks that every exec names a function the script exports.
 */
export function readScripts(
  preset: Preset,
  presetFile: string,
  env: EnvLookup,
  root: string | undefined,
  inspected: Readonly<Record<string, InspectedScript>> = {},
): ReadScripts {
  const scripts: Record<string, LoadedScript> = {};
  const declarations: Record<string, ScriptDeclarations> = {};
  const scriptProblems: PresetProblem[] = [];
  const problems: SchemaProblem[] = [];
  const folder = dirname(resolve(presetFile));
  for (const reference of scriptReferences(preset)) {
    if (reference.file in scripts) continue;
    const file = resolve(folder, reference.file);
    try {
      // A script already inspected (fpt run flow.js read its options so) is not loaded and run again.
      const script = inspected[file] ?? inspectScriptFile(file, env, root);
      scripts[reference.file] = script.loaded;
      declarations[reference.file] = script.declarations;
    } catch (error) {
      if (error instanceof ScriptError) {
        for (const problem of error.problems)
          scriptProblems.push({ ...problem, fieldPath: reference.path.join('.') });
      } else {
        problems.push({
          path: reference.path,
          message: `the script's init code failed: ${(error as Error).message}${initFrame(error, file)}`,
          hint: 'the code outside functions runs once to read options and metrics, as in k6; it may not make requests',
        });
      }
    }
  }
  for (const [name, scenario] of Object.entries(preset.scenarios)) {
    if (scenario.exec === undefined) continue;
    const module = typeof scenario.exec === 'string' ? preset.script : scenario.exec.module;
    const fn = typeof scenario.exec === 'string' ? scenario.exec : scenario.exec.function;
    const path = ['scenarios', name, 'exec', ...(typeof scenario.exec === 'string' ? [] : ['function'])];
    if (module === undefined) {
      problems.push({
        path: ['scenarios', name, 'exec'],
        message: `exec: "${fn}" names a function of the preset's script, but the preset has no script`,
        hint:
          'add script: ./flow.js at the top level, or write exec: { module: ./flow.js, function: ' +
          fn +
          ' }',
        atKey: true,
      });
      continue;
    }
    const declared = declarations[module];
    if (declared && !declared.functions.includes(fn)) {
      problems.push({
        path,
        message: `${module} exports no function "${fn}"`,
        hint: `it exports: ${declared.functions.join(', ') || '(no functions)'}`,
      });
    }
  }
  return { scripts, declarations, scriptProblems, problems };
}

/** Every metric the scripts create, for thresholds on them. */
export function scriptMetrics(read: ReadScripts): MetricDefinition[] {
  return Object.values(read.declarations).flatMap((d) => d.metrics);
}

function initFrame(error: unknown, file: string): string {
  const stack = (error as Error | undefined)?.stack ?? '';
  const line = stack.split('\n').find((l) => l.includes(dirname(file)));
  const at = line?.match(/\((.*)\)$/)?.[1] ?? line?.trim().replace(/^at /, '');
  return at ? ` (at ${at})` : '';
}
