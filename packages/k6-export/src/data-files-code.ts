import type { LoadedPreset } from '@fpt/preset';
import { camelIdentifier } from './js-identifier.js';
import { k6Imports } from './k6-import.js';
import { printAfter, quoteJsString } from './print-js-literal.js';
import type { ScriptContext } from './script-context.js';

/** A data file as the script holds it: a SharedArray of rows whose keys are FPT's `{{file.column}}` names. */
export interface DataDeclaration {
  readonly name: string;
  readonly identifier: string;
  readonly assign: 'per-vu' | 'per-iteration' | 'random';
  /** `{{file.column}}` names every row has; a row without one leaves it empty, as in FPT. */
  readonly inEveryRow: ReadonlySet<string>;
}

/**
 * Data files the script uses, embedded as SharedArrays: the script stays one self-contained file, and k6
 * keeps one copy of the rows for all VUs. Values are text, as FPT's templates see them.
 */
export function declareDataFiles(
  loaded: LoadedPreset,
  usedNames: ReadonlySet<string>,
  context: ScriptContext,
): { declarations: Map<string, DataDeclaration>; code: string[] } {
  const declarations = new Map<string, DataDeclaration>();
  const code: string[] = [];
  for (const entry of loaded.preset.data ?? []) {
    if (!usedNames.has(entry.name)) continue;
    const identifier = context.identifiers.claim(`${camelIdentifier(entry.name)}Rows`);
    context.import(k6Imports.SharedArray);
    const rows = (loaded.data[entry.name] ?? []).map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([column, value]) => [
          `${entry.name}.${column}`,
          typeof value === 'string' ? value : JSON.stringify(value),
        ]),
      ),
    );
    const inEveryRow = new Set(Object.keys(rows[0] ?? {}).filter((key) => rows.every((row) => key in row)));
    declarations.set(entry.name, { name: entry.name, identifier, assign: entry.assign, inEveryRow });
    code.push(
      `/** Rows of ${entry.file} for {{${entry.name}.<column>}} (${assignmentText[entry.assign]}). */`,
      printAfter(`const ${identifier} = new SharedArray(${quoteJsString(entry.name)}, () => `, rows, ');'),
    );
  }
  return { declarations, code };
}

const assignmentText = {
  'per-vu': 'assign: per-vu, each VU keeps one row',
  'per-iteration': 'assign: per-iteration, rows in turn across the scenario',
  random: 'assign: random, any row each iteration',
} as const;

/**
 * Which row an iteration reads, as FPT assigns them. Setup and teardown run once, outside any VU, and
 * read the first.
 */
export function rowIndexExpression(
  declaration: DataDeclaration,
  runsOnce: boolean,
  context: ScriptContext,
): string {
  const rows = declaration.identifier;
  if (declaration.assign === 'random') return `Math.floor(Math.random() * ${rows}.length)`;
  if (runsOnce) return '0';
  if (declaration.assign === 'per-vu') return `(__VU - 1) % ${rows}.length`;
  context.import(k6Imports.exec);
  return `exec.scenario.iterationInTest % ${rows}.length`;
}
