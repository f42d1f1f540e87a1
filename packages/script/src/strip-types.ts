import { createRequire } from 'node:module';

/** Sucrase, loaded on the first TypeScript file: most runs have none, and every command starts faster. */
let sucrase: typeof import('sucrase') | undefined;

/** Files read as TypeScript: their types are removed before the script is transformed. */
export function isTypeScriptFile(file: string): boolean {
  return /\.(ts|mts)$/.test(file);
}

/**
 * A TypeScript module as the JavaScript it runs as: types, interfaces and type-only imports removed, enums
 * and parameter properties compiled, everything else left as written. Sucrase keeps every line where it was,
 * so a problem found later still names the script's own line (the column is the JavaScript's). Imports used
 * only as types (`import { Options } from 'k6/options'`, as k6's TypeScript examples write) go with them,
 * so the module FPT lacks is never asked for.
 */
export function stripTypes(file: string, source: string): string {
  sucrase ??= createRequire(import.meta.url)('sucrase') as typeof import('sucrase');
  return sucrase.transform(source, { transforms: ['typescript'], disableESTransforms: true, filePath: file })
    .code;
}
