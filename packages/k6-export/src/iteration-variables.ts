import { builtinVariables, findTemplateReferences } from '@fpt/preset';
import { type DataDeclaration, rowIndexExpression } from './data-files-code.js';
import { type JsCode, JsObject, js } from './js-code.js';
import { isIdentifierName } from './js-identifier.js';
import { k6Imports } from './k6-import.js';
import { printAfter, quoteJsString } from './print-js-literal.js';
import type { ScriptContext } from './script-context.js';

/** The expression a `{{name}}` placeholder becomes: the iteration's variable of that name. */
export function variableExpression(name: string): JsCode {
  return js(isIdentifierName(name) ? `vars.${name}` : `vars[${quoteJsString(name)}]`);
}

/** A k6 environment variable (`-e NAME=value`, or the scenario's `env`). */
export function envExpression(name: string): string {
  return isIdentifierName(name) ? `__ENV.${name}` : `__ENV[${quoteJsString(name)}]`;
}

/** Setup and teardown run once, outside any scenario and VU (k6's VU 0, iteration 0). */
export type RunsOnce = 'setup' | 'teardown';

/** Where the variables of one function come from. */
export interface VariableSources {
  /** Values the function's templates may reference (requests, target headers, browser steps). */
  readonly templates: unknown;
  /** Names the function's requests read without braces (a when's variable, a repeat's list, a record's). */
  readonly bareNames: readonly string[];
  /**
   * Names the function's requests set: captures, and the elements of lists they repeat over. They start
   * empty, as an unset variable renders in FPT.
   */
  readonly captures: readonly string[];
  /** The preset's `variables` exist as the VARIABLES constant. */
  readonly hasConstants: boolean;
  /** Setup captured values and passes them (with the constants) as k6's setup data, `data`. */
  readonly readsSetupData: boolean;
  /** The scenario's `env` names (absent for setup). */
  readonly env: readonly string[];
  readonly data: ReadonlyMap<string, DataDeclaration>;
  /** Set for setup and teardown; undefined for a scenario's iteration. */
  readonly once: RunsOnce | undefined;
}

/** Names every iteration has, with the k6 expression each one takes. */
function builtinExpression(
  name: string,
  once: RunsOnce | undefined,
  context: ScriptContext,
): string | undefined {
  switch (name) {
    case '__VU':
      return once ? "'0'" : 'String(__VU)';
    case '__ITER':
      return once ? "'0'" : 'String(__ITER)';
    case '__SCENARIO':
      if (once) return quoteJsString(once);
      context.import(k6Imports.exec);
      return 'exec.scenario.name';
    case '$uuid':
      return `${context.use('uuidv4')}()`;
    case '$timestamp':
      return 'String(Date.now())';
    default:
      return undefined;
  }
}

/** Names referenced by `{{...}}` placeholders in a value. */
export function referencedNames(value: unknown): Set<string> {
  return new Set(findTemplateReferences(value).map((reference) => reference.name));
}

/**
 * The statement that declares `vars` for one iteration, built in FPT's order: constants and setup
 * captures, the scenario's env, data rows, built-ins, then captures (empty until a request sets them).
 * Returns no lines when nothing in the function reads or writes a variable.
 */
export function declareVariables(sources: VariableSources, context: ScriptContext): string[] {
  const names = new Set([...referencedNames(sources.templates), ...sources.bareNames]);
  if (names.size === 0 && sources.captures.length === 0) return [];
  context.use('Vars');
  const entries: (readonly [string, unknown] | JsCode)[] = [];
  if (sources.readsSetupData) entries.push(js('...data'));
  else if (sources.hasConstants) entries.push(js('...VARIABLES'));
  for (const name of sources.env) entries.push([name, js(envExpression(name))]);
  for (const declaration of sources.data.values()) {
    const used = [...names].some((name) => name.startsWith(`${declaration.name}.`));
    if (used) {
      for (const name of names) {
        if (name.startsWith(`${declaration.name}.`) && !declaration.inEveryRow.has(name))
          entries.push([name, '']);
      }
      const index = rowIndexExpression(declaration, sources.once !== undefined, context);
      entries.push(js(`...${declaration.identifier}[${index}]`));
    }
  }
  for (const name of builtinVariables) {
    const builtin = names.has(name) ? builtinExpression(name, sources.once, context) : undefined;
    if (builtin !== undefined) entries.push([name, js(builtin)]);
  }
  for (const name of new Set(sources.captures)) entries.push([name, '']);
  return ['/** @type {Vars} */', printAfter('const vars = ', new JsObject(entries), ';', 1)];
}
