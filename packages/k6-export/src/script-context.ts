import { basename } from 'node:path';
import { camelIdentifier, IdentifierPool } from './js-identifier.js';
import { importStatements, type K6Import } from './k6-import.js';
import { quoteJsString } from './print-js-literal.js';
import { type HelperName, type ScriptHelper, scriptHelpers } from './script-helpers.js';

/** Something in the preset that the k6 script does not reproduce, or reproduces only in part. */
export interface K6ExportWarning {
  /** Where in the preset, as a field path (`safety`, `scenarios.api.maxStartDelay`). */
  readonly field: string;
  readonly message: string;
}

/** Names the script declares at the top level, which no generated function may take. */
const scriptNames = [
  'options',
  'setup',
  'teardown',
  'handleSummary',
  'BASE_URL',
  'HEADERS',
  'VARIABLES',
  'check',
  'group',
  'sleep',
  'http',
  'exec',
  'browser',
  'crypto',
  'encoding',
  'open',
  'SharedArray',
  'Counter',
  'Gauge',
  'Rate',
  'Trend',
  ...Object.keys(scriptHelpers),
  // Locals of the generated functions: a top-level name equal to one would be shadowed where it is used
  // (a custom metric named vars could not be added to inside a request function).
  'vars',
  'data',
  'res',
  'r',
  'request',
  'lastStatus',
  'pass',
  'passes',
  'element',
  'context',
  'page',
];

/** What the parts of a script being generated share: imports, helpers, names and warnings. */
export class ScriptContext {
  readonly warnings: K6ExportWarning[] = [];
  readonly identifiers = new IdentifierPool(scriptNames);
  readonly #imports = new Map<string, K6Import>();
  readonly #helpers = new Set<string>();
  /** Files read with k6's open() in the init context, by mode and path: the constant that holds each. */
  readonly #files = new Map<string, { readonly identifier: string; readonly declaration: string }>();

  warn(field: string, message: string): void {
    this.warnings.push({ field, message });
  }

  import(entry: K6Import): void {
    this.#imports.set(`${entry.module}\u0000${entry.name}`, entry);
  }

  /** Marks a helper (and what it needs) as used, and returns its name for the code that calls it. */
  use(name: HelperName): HelperName {
    this.#useByName(name);
    return name;
  }

  #useByName(name: string): void {
    if (this.#helpers.has(name)) return;
    const helper = (scriptHelpers as Record<string, ScriptHelper>)[name];
    if (!helper) throw new Error(`no script helper named ${name}`);
    this.#helpers.add(name);
    for (const needed of helper.needs ?? []) this.#useByName(needed);
    for (const entry of helper.imports ?? []) this.import(entry);
  }

  /**
   * A file the script reads once, at the top level (k6's init context, the only place open() works), as
   * text or as bytes (an ArrayBuffer): returns the constant that holds it. The path stays as the preset
   * writes it, so the file must sit at the same place relative to the script.
   */
  openFile(path: string, mode: 'text' | 'binary'): string {
    const key = `${mode}\u0000${path}`;
    const known = this.#files.get(key);
    if (known) return known.identifier;
    const identifier = this.identifiers.claim(camelIdentifier(basename(path)));
    const call = `open(${quoteJsString(path)}${mode === 'binary' ? ", 'b'" : ''})`;
    this.#files.set(key, { identifier, declaration: `const ${identifier} = ${call};` });
    return identifier;
  }

  /** The declarations of the files openFile handed out, in the order they were first asked for. */
  fileDeclarations(): string[] {
    return [...this.#files.values()].map((file) => file.declaration);
  }

  importLines(): string[] {
    return importStatements(this.#imports.values());
  }

  /** The used helpers' sources, in the order scriptHelpers lists them (so output does not depend on use order). */
  helperSources(): string[] {
    return Object.entries(scriptHelpers)
      .filter(([name]) => this.#helpers.has(name))
      .map(([, helper]) => helper.source);
  }
}
