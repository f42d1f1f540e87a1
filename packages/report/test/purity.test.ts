import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('../src/', import.meta.url).pathname;
const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

function importsOf(text: string): string[] {
  return [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => (m[1] ?? m[2])!);
}

/** Browser code kept as string constants: checked for being only that, not for the Node-side rules. */
const BROWSER_TEXT = ['html/report-client-script.ts', 'html/uplot-assets.ts'];

/** Code without comments, so a comment that mentions process or Date does not count. */
function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('the report package stays pure', () => {
  it('has sources to check', () => {
    expect(files).toContain('index.ts');
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports only @fpt/metrics, @fpt/preset, @fpt/readable, the types of @fpt/api-types, node:crypto (for k6 ids and CSP hashes) and its own files', () => {
    const offences = files.flatMap((file) =>
      importsOf(readFileSync(join(srcDir, file), 'utf8'))
        .filter(
          (s) =>
            !['@fpt/metrics', '@fpt/preset', '@fpt/readable', '@fpt/api-types', 'node:crypto'].includes(s) &&
            !/^(\.\/|(\.\.\/)+)([a-z0-9-]+\/)*[a-z0-9-]+\.js$/.test(s),
        )
        .map((s) => `${file} imports ${s}`),
    );
    expect(offences).toEqual([]);
  });

  it('reads no clock, environment or console, and does no I/O', () => {
    const forbidden =
      /\bDate\b|\bprocess\b|\bconsole\b|\bfetch\s*\(|\bperformance\b|\bsetTimeout\b|\brequire\s*\(/;
    const offences = files
      .filter((file) => !BROWSER_TEXT.includes(file))
      .filter((file) => forbidden.test(codeOf(readFileSync(join(srcDir, file), 'utf8'))));
    expect(offences).toEqual([]);
  });

  it('keeps browser code as inert text: modules that only export string constants', () => {
    // uPlot and the page script run in the reader's browser (where a clock and timers are fine), never
    // here; this checks that those two files cannot do anything at import time but define strings.
    for (const file of BROWSER_TEXT) {
      const text = readFileSync(join(srcDir, file), 'utf8');
      expect(importsOf(text), file).toEqual([]);
      const statements = codeOf(text)
        .split(/\n(?=export )/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
      expect(statements.length, file).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement, file).toMatch(
          /^export const [A-Za-z]+: string =\s*(String\.raw`[\s\S]*`|"(?:[^"\\\n]|\\.)*");$/,
        );
      }
    }
  });

  it('names each file and folder in kebab-case', () => {
    expect(files.filter((f) => !/^([a-z0-9]+(-[a-z0-9]+)*\/)*[a-z0-9]+(-[a-z0-9]+)*\.ts$/.test(f))).toEqual(
      [],
    );
  });
});
