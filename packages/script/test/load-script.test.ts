import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectScript, loadScript, openScriptFile, ScriptError, type ScriptProblem } from '../src/index.js';

let dir: string;
let root: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fpt-load-script-'));
  root = join(dir, 'presets');
  mkdirSync(join(root, 'lib'), { recursive: true });
  writeFileSync(join(dir, 'secret.txt'), 'token');
  writeFileSync(join(dir, 'outside.js'), 'export const leaked = 1;\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(load: () => unknown): ScriptProblem[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ScriptError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ScriptError');
}

describe('a script kept inside its root (an agent presets folder)', () => {
  it('loads modules inside the root and refuses an import that leaves it, at the import', () => {
    writeFileSync(join(root, 'lib', 'helper.js'), 'export const ok = 1;\n');
    writeFileSync(
      join(root, 'flow.js'),
      "import { ok } from './lib/helper.js';\nimport { leaked } from '../outside.js';\nexport default function () {}\n",
    );
    const problems = problemsOf(() => loadScript(join(root, 'flow.js'), { root }));
    expect(problems).toEqual([
      expect.objectContaining({
        line: 2,
        message: expect.stringContaining(`"../outside.js" leads to ${join(dir, 'outside.js')}, outside`),
      }),
    ]);
    // Without a root (the CLI), the same script loads.
    expect(loadScript(join(root, 'flow.js')).files).toHaveLength(3);
  });

  it('refuses a module reached through a symbolic link that points out of the root', () => {
    symlinkSync(join(dir, 'outside.js'), join(root, 'lib', 'linked.js'));
    writeFileSync(
      join(root, 'flow.js'),
      "import { leaked } from './lib/linked.js';\nexport default function () {}\n",
    );
    const problems = problemsOf(() => loadScript(join(root, 'flow.js'), { root }));
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('outside')]);
  });

  it('lets open() read files inside the root only', () => {
    writeFileSync(join(root, 'users.csv'), 'name\nada\n');
    writeFileSync(
      join(root, 'flow.js'),
      "export const rows = open('./users.csv');\nexport default function () {}\n",
    );
    const loaded = loadScript(join(root, 'flow.js'), { root });
    expect(loaded.root).toBeDefined();
    const open = (path: string, mode?: string) => openScriptFile(loaded.entry, loaded.root, path, mode);
    expect(open('./users.csv')).toBe('name\nada\n');
    expect(() => open('../secret.txt')).toThrow(/open\("\.\.\/secret\.txt"\): .* is outside .*presets/);
    expect(inspectScript(loaded, { env: {}, open }).functions).toContain('default');
    writeFileSync(
      join(root, 'leak.js'),
      "export const s = open('../secret.txt');\nexport default function () {}\n",
    );
    const leaking = loadScript(join(root, 'leak.js'), { root });
    expect(() =>
      inspectScript(leaking, {
        env: {},
        open: (path, mode) => openScriptFile(leaking.entry, leaking.root, path, mode),
      }),
    ).toThrow(/outside/);
  });
});

describe('TypeScript scripts', () => {
  it('run as the JavaScript they compile to, each line where it was written', () => {
    writeFileSync(
      join(root, 'lib', 'types.ts'),
      'export enum Kind {\n  A = 1,\n}\nexport interface Item {\n  kind: Kind;\n}\n',
    );
    writeFileSync(
      join(root, 'flow.ts'),
      "import type { Options } from 'k6/options';\nimport { Kind, type Item } from './lib/types.js';\nexport const options: Options = { vus: 1 };\nconst item: Item = { kind: Kind.A };\nexport default function (): void {}\nexport const kind: number = item.kind;\n",
    );
    const loaded = loadScript(join(root, 'flow.ts'), { root });
    // The type-only import of k6/options (a module FPT lacks) is gone; lib/types.js resolved to lib/types.ts.
    expect(loaded.files).toEqual([join(root, 'flow.ts'), join(root, 'lib', 'types.ts')]);
    const declared = inspectScript(loaded, { env: {}, open: () => '' });
    expect(declared.options).toEqual({ vus: 1 });
    expect(declared.functions).toContain('default');
  });

  it('reports a TypeScript syntax error at its line and column', () => {
    writeFileSync(join(root, 'bad.ts'), 'export default function () {\n  const x: = 1;\n}\n');
    expect(problemsOf(() => loadScript(join(root, 'bad.ts')))).toEqual([
      expect.objectContaining({
        line: 2,
        column: 12,
        message: 'TypeScript FPT cannot read: Unexpected token',
      }),
    ]);
  });
});

describe('the init code when a script loads', () => {
  it('is stopped after its time limit, so an endless loop cannot hang what loads the script', () => {
    writeFileSync(join(root, 'spin.js'), 'while (true) {}\nexport default function () {}\n');
    const loaded = loadScript(join(root, 'spin.js'), { root });
    expect(() => inspectScript(loaded, { env: {}, open: () => '' })).toThrow(
      /the init code \(outside functions\) was still running after 10 s: an endless loop/,
    );
  }, 30_000);
});

describe('a missing module outside the root', () => {
  it('is called outside, not missing: where it would be is the problem', () => {
    writeFileSync(join(root, 'far.js'), "import { x } from '../nowhere/x.js';\nexport default function () {}\n");
    expect(problemsOf(() => loadScript(join(root, 'far.js'), { root })).map((p) => p.message)).toEqual([
      expect.stringMatching(/"\.\.\/nowhere\/x\.js" leads to .*, outside /),
    ]);
  });
});
