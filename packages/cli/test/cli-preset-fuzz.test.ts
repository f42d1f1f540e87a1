import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { binPath, repoRoot } from './cli-process.js';

/** A small seeded generator (mulberry32): the same mutants every run, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const strangeValues: unknown[] = [
  null,
  true,
  -1,
  0,
  1e308,
  -1e-308,
  Number.MAX_SAFE_INTEGER * 4,
  '',
  ' ',
  'NaN',
  '1e9999s',
  '${UNSET_VARIABLE}',
  '{{missing}}',
  '日本語 ☃ \u0000 \u202e',
  'x'.repeat(5000),
  [],
  [[[[[]]]]],
  {},
  { toString: 'x', __proto__: { polluted: true }, constructor: 1 },
  'http://[bad',
  'file:///etc/passwd',
  '../../../../etc/passwd',
];

/** Every path to a value in a parsed document. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null)
    return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return [prefix];
}

function mutate(document: unknown, next: () => number): unknown {
  const copy = structuredClone(document) as Record<string, unknown>;
  const all = paths(copy).filter((p) => p.length > 0);
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits; e++) {
    const path = all[Math.floor(next() * all.length)]!;
    let parent: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      const child = parent[key];
      if (typeof child !== 'object' || child === null) break;
      parent = child as Record<string | number, unknown>;
    }
    const key = path.at(-1)!;
    const choice = next();
    if (choice < 0.3) delete parent[key];
    else if (choice < 0.8)
      parent[key] = structuredClone(strangeValues[Math.floor(next() * strangeValues.length)]);
    else parent[`extra${Math.floor(next() * 100)}`] = 'unknown key';
  }
  return copy;
}

/** Text-level damage a YAML parser must survive: cut files, doubled keys, deep nesting, control bytes. */
function damage(text: string, next: () => number): string {
  const choice = next();
  if (choice < 0.25) return text.slice(0, Math.floor(next() * text.length));
  if (choice < 0.5) return `${text}\n${text.split('\n')[0]}\n`;
  if (choice < 0.7) return `${'['.repeat(2000)}${']'.repeat(2000)}\n${text}`;
  if (choice < 0.85) {
    const at = Math.floor(next() * text.length);
    return `${text.slice(0, at)}\u0000\u0007\t\r${text.slice(at)}`;
  }
  return text.replace(/: /g, ':\t');
}

function validate(files: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // A heap far below a machine's memory: a mutant that made the loader balloon would crash, not pass.
    const child = spawn(process.execPath, ['--max-old-space-size=256', binPath, 'validate', ...files], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'fpt-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fpt validate against 300 seeded mutants of the seed presets', () => {
  it('answers each with ok or its problems (exit 0 or 104), never a stack trace, a hang or a blown heap', async () => {
    const seeds = readdirSync(join(repoRoot, 'presets'))
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => readFileSync(join(repoRoot, 'presets', file), 'utf8'));
    const next = random(20261207);
    const files: string[] = [];
    for (let i = 0; i < 300; i++) {
      const source = seeds[i % seeds.length]!;
      const mutant = stringify(mutate(parse(source), next));
      const text = next() < 0.3 ? damage(mutant, next) : mutant;
      const file = join(dir, `mutant-${String(i).padStart(3, '0')}.yaml`);
      writeFileSync(file, text);
      files.push(file);
    }
    for (let batch = 0; batch < files.length; batch += 100) {
      const { code, output } = await validate(files.slice(batch, batch + 100));
      expect([0, 104], output.slice(-2000)).toContain(code);
      expect(output).not.toMatch(/internal error|TypeError|RangeError|ReferenceError/);
      expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      // Every file got an answer: "ok" or its first problem.
      for (const file of files.slice(batch, batch + 100))
        expect(output, file).toContain(file.split('/').pop()!);
    }
  }, 60_000);
});
