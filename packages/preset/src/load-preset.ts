import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { checkCustomMetrics } from './checks/check-custom-metrics.js';
import { checkFlow } from './checks/check-flow.js';
import { checkSafety } from './checks/check-safety.js';
import { checkScenarios } from './checks/check-scenarios.js';
import { checkThresholds } from './checks/check-thresholds.js';
import { checkVariables, findTemplateReferences } from './checks/check-variables.js';
import { DataFileError, type DataRow, parseDataFile } from './data-file.js';
import { type EnvLookup, interpolateEnv } from './interpolate-env.js';
import { applyLoadOverrides, type LoadOverrides } from './load-overrides.js';
import { isPlainObject, mergePresetValues } from './merge-preset-values.js';
import { formatFieldPath, PresetError, type PresetProblem } from './preset-error.js';
import { presetSizeProblem } from './preset-size-limit.js';
import { locatePath, type PresetSource, parsePresetSource, positionAt } from './preset-source.js';
import { type PresetAssets, readAssets } from './read-assets.js';
import { type InspectedScript, type PresetScripts, readScripts, scriptMetrics } from './read-scripts.js';
import { type Preset, presetSchema } from './schema/preset.js';
import { knownKeysAt } from './schema-keys.js';
import { describeZodIssues, type SchemaProblem } from './zod-issues.js';

export interface LoadPresetOptions {
  /** Values for `${VAR}`; the CLI passes process.env merged with --env. Defaults to none. */
  readonly env?: EnvLookup;
  /** Reads a file as UTF-8; tests and the agent may serve presets from elsewhere. */
  readonly readFile?: (path: string) => string;
  /** Command-line or API overrides (--vus, --duration, ...), validated with the preset. */
  readonly overrides?: LoadOverrides;
  /** Reads a file's bytes (certificates, keys, bodies); defaults to the disk. */
  readonly readBinary?: (path: string) => Uint8Array;
  /**
   * A folder the preset's scripts, the modules they import and the files they open() must stay inside (an
   * agent's presets folder). Absent: the CLI reads what its user names.
   */
  readonly scriptRoot?: string;
  /** Scripts the caller has already loaded and inspected, by absolute path: used as they are. */
  readonly inspectedScripts?: Readonly<Record<string, InspectedScript>>;
}

export interface LoadedPreset {
  readonly preset: Preset;
  /** The preset file first, then each file it extends. */
  readonly files: readonly string[];
  /** Rows of each data file, by data name. */
  readonly data: Readonly<Record<string, readonly DataRow[]>>;
  /** Other files the preset names (TLS certificates and keys, bodies), by the path as written. */
  readonly assets: PresetAssets;
  /** k6-style scripts the preset names (`script`, exec modules), with the files they import, by the path as written. */
  readonly scripts: PresetScripts;
}

const presetExtensions = ['.yaml', '.yml', '.json'];

/**
 * Loads, interpolates, merges (`extends`), validates and checks a preset. Throws PresetError listing every
 * problem found, each with file:line:column; never throws anything else for bad input.
 */
export function loadPresetFile(file: string, options: LoadPresetOptions = {}): LoadedPreset {
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const sources: PresetSource[] = [];
  const problems: PresetProblem[] = [];
  // Missing variables do not stop the loading: the rest of the preset is still checked, so that every
  // problem is reported at once.
  const envProblems: PresetProblem[] = [];
  const value = readWithParents(
    resolve(file),
    file,
    readFile,
    options.env ?? {},
    sources,
    problems,
    envProblems,
    [],
  );
  if (problems.length > 0 || value === undefined)
    throw new PresetError(sortProblems([...problems, ...envProblems]));
  if (!options.overrides) return validatePresetValue(value, sources, readFile, envProblems, options);
  const overridden = applyLoadOverrides(value, options.overrides);
  if (overridden.problems.length > 0) {
    throw new PresetError(
      overridden.problems.map((p) => ({
        file: '(command line)',
        line: 0,
        column: 0,
        fieldPath: p.option,
        message: p.message,
        ...(p.hint ? { hint: p.hint } : {}),
      })),
    );
  }
  return validatePresetValue(overridden.value, sources, readFile, envProblems, options);
}

/** Validates preset text that does not live in a file (the agent's API, tests). `extends` resolves against `file`'s folder. */
export function loadPresetText(text: string, file: string, options: LoadPresetOptions = {}): LoadedPreset {
  const readFile = (path: string) =>
    resolve(path) === resolve(file) ? text : (options.readFile ?? defaultRead)(path);
  return loadPresetFile(file, { ...options, readFile });
}

function defaultRead(path: string): string {
  return readFileSync(path, 'utf8');
}

function readWithParents(
  absolutePath: string,
  shownPath: string,
  readFile: (path: string) => string,
  env: EnvLookup,
  sources: PresetSource[],
  problems: PresetProblem[],
  envProblems: PresetProblem[],
  chain: readonly string[],
): unknown {
  let text: string;
  try {
    text = readFile(absolutePath);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    problems.push({
      file: shownPath,
      line: 0,
      column: 0,
      fieldPath: '',
      message: `cannot read preset: ${reason}`,
    });
    return undefined;
  }
  const tooLarge = presetSizeProblem(text, shownPath);
  if (tooLarge) {
    problems.push(tooLarge);
    return undefined;
  }
  const { source, problems: syntax } = parsePresetSource(shownPath, text);
  sources.push(source);
  if (syntax.length > 0) {
    for (const p of syntax)
      problems.push({ file: shownPath, ...p.position, fieldPath: '', message: p.message });
    return undefined;
  }
  for (const missing of interpolateEnv(source.document, env)) {
    envProblems.push({
      file: shownPath,
      ...positionAt(source, missing.offset),
      fieldPath: formatFieldPath(missing.path),
      message:
        missing.reason === 'missing'
          ? `environment variable ${missing.name} is not set and has no default`
          : `malformed variable reference in "${missing.text}"`,
      hint:
        missing.reason === 'missing'
          ? `set ${missing.name} (fpt run --env ${missing.name}=...), or give a default: \${${missing.name}:-value}`
          : 'write ${NAME} or ${NAME:-default}; write $${ for a literal ${',
    });
  }
  let value: unknown;
  try {
    value = source.document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias bomb or a merge key gone wrong: report it like any other syntax problem.
    problems.push({
      file: shownPath,
      line: 1,
      column: 1,
      fieldPath: '',
      message: `YAML cannot be read: ${(error as Error).message}`,
    });
    return undefined;
  }
  if (!isPlainObject(value)) {
    problems.push({
      file: shownPath,
      line: 1,
      column: 1,
      fieldPath: '',
      message: 'a preset must be a mapping of fields (name, target, scenarios, ...)',
    });
    return undefined;
  }
  if (typeof value.extends !== 'string') return value;

  const parentPath = resolveExtends(value.extends, absolutePath);
  const place = locatePath(source, ['extends'])?.position ?? { line: 1, column: 1 };
  if (!parentPath) {
    problems.push({
      file: shownPath,
      ...place,
      fieldPath: 'extends',
      message: `cannot find preset "${value.extends}" to extend`,
      hint: `looked for ${value.extends}.yaml, .yml and .json beside ${shownPath}`,
    });
    return undefined;
  }
  if (chain.includes(parentPath) || parentPath === absolutePath) {
    problems.push({
      file: shownPath,
      ...place,
      fieldPath: 'extends',
      message: `"extends" makes a cycle: ${[...chain, absolutePath, parentPath].join(' → ')}`,
    });
    return undefined;
  }
  const shownParent = join(dirname(shownPath), relative(dirname(absolutePath), parentPath));
  const parent = readWithParents(parentPath, shownParent, readFile, env, sources, problems, envProblems, [
    ...chain,
    absolutePath,
  ]);
  if (parent === undefined) return undefined;
  const { extends: _ignored, ...own } = value;
  // The child's own `extends` is spent here; the merged preset keeps the parent's absence of one.
  const merged = mergePresetValues(parent, own) as Record<string, unknown>;
  delete merged.extends;
  return merged;
}

function resolveExtends(reference: string, fromFile: string): string | undefined {
  const folder = dirname(fromFile);
  const looksLikePath = reference.includes('/') || presetExtensions.includes(extname(reference));
  const base = isAbsolute(reference) ? reference : resolve(folder, reference);
  const candidates = looksLikePath && extname(reference) ? [base] : presetExtensions.map((ext) => base + ext);
  return candidates.find((candidate) => existsSync(candidate));
}

function validatePresetValue(
  value: unknown,
  sources: readonly PresetSource[],
  readFile: (path: string) => string,
  earlier: readonly PresetProblem[],
  options: LoadPresetOptions,
): LoadedPreset {
  const { readBinary, env = {}, scriptRoot } = options;
  // A field whose variable is missing holds the raw ${VAR}; its schema complaint would only repeat that.
  const reported = new Set(earlier.map((p) => p.fieldPath));
  const withEarlier = (found: PresetProblem[]) =>
    sortProblems(dedupe([...earlier, ...found.filter((p) => !reported.has(p.fieldPath))]));
  const locate = (problem: SchemaProblem): PresetProblem => {
    let best: { source: PresetSource; position: { line: number; column: number }; depth: number } | undefined;
    for (const source of sources) {
      const found = locatePath(source, problem.path, problem.atKey);
      if (found && (!best || found.depth > best.depth)) best = { source, ...found };
    }
    const source = best?.source ?? sources[0]!;
    return {
      file: source.file,
      line: best?.position.line ?? 1,
      column: best?.position.column ?? 1,
      fieldPath: formatFieldPath(problem.path),
      message: problem.message,
      ...(problem.hint === undefined ? {} : { hint: problem.hint }),
    };
  };

  const parsed = presetSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    const schemaProblems = describeZodIssues(parsed.error.issues, (path) =>
      knownKeysAt(presetSchema, value, path),
    );
    throw new PresetError(withEarlier(schemaProblems.map(locate)));
  }
  const preset = parsed.data;
  const presetFile = sources[0]!.file;
  const { data, problems: dataProblems } = readDataFiles(preset, presetFile, readFile);
  const { assets, problems: assetProblems } = readAssets(preset, presetFile, readBinary);
  const scripts = readScripts(preset, presetFile, env, scriptRoot, options.inspectedScripts);
  const semantic = [
    ...checkScenarios(preset),
    ...checkFlow(preset),
    ...checkCustomMetrics(preset),
    ...checkVariables(preset),
    ...checkThresholds(preset, scriptMetrics(scripts)),
    ...dataProblems,
    ...assetProblems,
    ...scripts.problems,
  ];
  // Safety needs a well-formed profile; with structural problems its numbers would mislead.
  if (semantic.length === 0 && earlier.length === 0) semantic.push(...checkSafety(preset));
  if (semantic.length > 0 || earlier.length > 0 || scripts.scriptProblems.length > 0)
    throw new PresetError(withEarlier([...semantic.map(locate), ...scripts.scriptProblems]));
  return { preset, files: sources.map((s) => s.file), data, assets, scripts: scripts.scripts };
}

function readDataFiles(
  preset: Preset,
  presetFile: string,
  readFile: (path: string) => string,
): { data: Record<string, DataRow[]>; problems: SchemaProblem[] } {
  const data: Record<string, DataRow[]> = {};
  const problems: SchemaProblem[] = [];
  const columnsUsed = new Map<string, Set<string>>();
  for (const ref of findTemplateReferences({
    setup: preset.setup,
    scenarios: preset.scenarios,
    teardown: preset.teardown,
  })) {
    const [head, column] = ref.name.split('.', 2);
    if (head && column) columnsUsed.set(head, (columnsUsed.get(head) ?? new Set()).add(column));
  }
  (preset.data ?? []).forEach((entry, index) => {
    const path = ['data', index, 'file'];
    const file = resolve(dirname(resolve(presetFile)), entry.file);
    let rows: DataRow[];
    try {
      rows = parseDataFile(file, readFile(file));
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `data file not found: ${file}`
          : `data file ${entry.file}${error instanceof DataFileError && error.line ? ` line ${error.line}` : ''}: ${(error as Error).message}`;
      problems.push({ path, message: reason });
      return;
    }
    data[entry.name] = rows;
    const columns = new Set(Object.keys(rows[0] ?? {}));
    for (const column of columnsUsed.get(entry.name) ?? []) {
      if (!columns.has(column)) {
        problems.push({
          path,
          message: `{{${entry.name}.${column}}} is used, but ${entry.file} has no column "${column}"`,
          hint: `columns: ${[...columns].join(', ')}`,
        });
      }
    }
  });
  return { data, problems };
}

function dedupe(problems: PresetProblem[]): PresetProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.fieldPath}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortProblems(problems: PresetProblem[]): PresetProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
