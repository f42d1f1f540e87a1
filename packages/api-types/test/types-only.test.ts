import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('../src/', import.meta.url);
const sources = readdirSync(srcDir).filter((name) => name.endsWith('.ts'));

/** What a file leaves at run time once its types are erased: nothing but module markers, for a types-only file. */
function runtimeCode(file: string): string {
  const { outputText } = ts.transpileModule(readFileSync(new URL(file, srcDir), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, removeComments: true },
  });
  return outputText
    .replace(/^export \{\};?$/gm, '')
    .replace(/^export \* from .*$/gm, '')
    .trim();
}

describe('@fpt/api-types carries no runtime code', () => {
  it('has source files', () => {
    expect(sources).toEqual(
      expect.arrayContaining(['index.ts', 'agent.ts', 'fleet.ts', 'gate.ts', 'summary.ts']),
    );
  });

  it.each(sources)('%s erases to nothing', (file) => {
    expect(runtimeCode(file)).toBe('');
  });

  it('would notice a constant', () => {
    const { outputText } = ts.transpileModule("export const RunStatus = { running: 'running' } as const;", {
      compilerOptions: { module: ts.ModuleKind.ESNext },
    });
    expect(outputText).toContain('RunStatus');
  });
});
