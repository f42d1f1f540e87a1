import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';

const k6Types = dirname(createRequire(import.meta.url).resolve('@types/k6/package.json'));

/**
 * Compiler options for a k6 script: JavaScript checked as strictly as TypeScript, k6's module and global
 * declarations from @types/k6, and no library beyond ES2020 (no DOM, no Node), which k6's runtime has.
 */
const options: ts.CompilerOptions = {
  allowJs: true,
  checkJs: true,
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.ES2020,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2020.d.ts'],
  types: ['k6'],
  typeRoots: [dirname(k6Types)],
  // The scripts sit in a temporary folder with no node_modules above it: k6's modules map to @types/k6.
  paths: { k6: [join(k6Types, 'index.d.ts')], 'k6/*': [join(k6Types, '*', 'index.d.ts')] },
  skipLibCheck: true,
};

/**
 * Type-checks scripts (file name → source, a name may have folders: lib/x.ts) in a temporary folder with one TypeScript program, as
 * `tsc --checkJs --strict` would, and returns the problems of each file as `line:column message` lines.
 */
export function typecheckK6Scripts(scripts: Record<string, string>): Record<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-k6-tsc-'));
  try {
    const files = Object.entries(scripts).map(([name, source]) => {
      const file = join(dir, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, source);
      return [name, file] as const;
    });
    const program = ts.createProgram(
      files.map(([, file]) => file),
      options,
    );
    const problems: Record<string, string[]> = Object.fromEntries(files.map(([name]) => [name, []]));
    const outside: string[] = [];
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      const entry = files.find(([, file]) => file === diagnostic.file?.fileName);
      if (!entry || !diagnostic.file || diagnostic.start === undefined) {
        outside.push(message);
        continue;
      }
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      problems[entry[0]]!.push(`${line + 1}:${character + 1} TS${diagnostic.code} ${message}`);
    }
    return outside.length > 0 ? { ...problems, '(program)': outside } : problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
