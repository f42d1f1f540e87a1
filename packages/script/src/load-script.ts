import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { isOutsideRoot } from './open-script-file.js';
import { ScriptError, type ScriptProblem } from './script-problem.js';
import { isTypeScriptFile, stripTypes } from './strip-types.js';
import { type TransformedModule, transformModule } from './transform-module.js';

/** A script and every file it imports, rewritten and ready to compile; plain data (it crosses into workers). */
export interface LoadedScript {
  /** The entry module's key: its absolute path. */
  readonly entry: string;
  /** Every module by key (absolute path), as function bodies (see transformModule). */
  readonly modules: Readonly<Record<string, string>>;
  /** The files read, the entry first. */
  readonly files: readonly string[];
  /** The folder the script may read from (imports and open()), as a real path; absent: anywhere. */
  readonly root?: string;
}

export interface LoadScriptOptions {
  readonly readFile?: (path: string) => string;
  /**
   * A folder every module must be inside (an agent's presets folder): an import that leads out of it,
   * through `..` or a symbolic link, is refused. Absent: no restriction (the CLI runs what its user names).
   */
  readonly root?: string;
}

/**
 * Reads a k6-style script and, following its imports, every file of the suite it uses; reports every
 * problem of every file at once (ScriptError) rather than the first.
 */
export function loadScript(entryFile: string, options: LoadScriptOptions = {}): LoadedScript {
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const root = options.root === undefined ? undefined : realpathSync(options.root);
  const entry = resolve(entryFile);
  const modules: Record<string, string> = {};
  const problems: ScriptProblem[] = [];
  const files: string[] = [];
  const pending = [entry];
  const seen = new Set(pending);

  const outsideRoot = (path: string): boolean => isOutsideRoot(path, root);

  while (pending.length > 0) {
    const file = pending.shift()!;
    let source: string;
    try {
      if (outsideRoot(file)) throw Object.assign(new Error('outside'), { code: 'EOUTSIDE' });
      source = readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({
        file: file === entry ? entryFile : file,
        line: 1,
        column: 1,
        message:
          code === 'ENOENT'
            ? `file not found: ${file}`
            : code === 'EOUTSIDE'
              ? `${file} is outside ${root}, where scripts are read from`
              : `cannot read ${file}: ${(error as Error).message}`,
      });
      continue;
    }
    files.push(file);
    if (isTypeScriptFile(file)) {
      try {
        source = stripTypes(file, source);
      } catch (error) {
        const loc = (error as { loc?: { line: number; column: number } }).loc;
        problems.push({
          file,
          line: loc?.line ?? 1,
          column: loc?.column ?? 1,
          // Sucrase says "Error transforming <file>: Unexpected token (4:12)"; the place is the problem's own.
          message: `TypeScript FPT cannot read: ${(error as Error).message
            .replace(/^Error transforming [^:]*: /, '')
            .replace(/ \(\d+:\d+\)$/, '')}`,
        });
        continue;
      }
    }
    const { module, problems: found } = transformModule(file, source, (specifier, importer) => {
      const path = typeScriptTwin(resolve(dirname(importer), specifier));
      if (root !== undefined && outsideRoot(path))
        return {
          problem: `"${specifier}" leads to ${path}, outside ${root}, where scripts are read from`,
          hint: `keep the suite's modules inside ${root}`,
        };
      if (!seen.has(path)) {
        seen.add(path);
        pending.push(path);
      }
      return { key: path };
    });
    problems.push(...found);
    if (module) modules[file] = (module as TransformedModule).body;
  }
  if (problems.length > 0) throw new ScriptError(problems);
  return { entry, modules, files, ...(root === undefined ? {} : { root }) };
}

/**
 * TypeScript imports name the JavaScript a module compiles to (`./lib/cart.js` for `./lib/cart.ts`): when
 * only the .ts file exists, it is the module meant.
 */
function typeScriptTwin(path: string): string {
  if (!/\.m?js$/.test(path) || existsSync(path)) return path;
  const twin = path.replace(/\.(m?)js$/, '.$1ts');
  return existsSync(twin) ? twin : path;
}

/** A module's path as the user would write it from the entry's folder, for messages. */
export function displayPath(script: LoadedScript, file: string): string {
  const shown = relative(dirname(script.entry), file);
  return shown.startsWith('..') ? file : `./${shown}`;
}
