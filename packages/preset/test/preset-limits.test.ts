import { describe, expect, it } from 'vitest';
import { loadPresetText } from '../src/index.js';
import { load, minimalPreset, problemsOf } from './preset-fixtures.js';

/** The minimal preset with `count` tags (short keys: 50,000 of them stay far under the size limit). */
function withTags(count: number, extraLines: readonly string[] = []): string {
  const lines = [minimalPreset, 'tags:'];
  for (let i = 0; i < count; i++) lines.push(`  t${i.toString(36)}: v`);
  return [...lines, ...extraLines, ''].join('\n');
}

/** The 1-based line of `tags:` in a text. */
function tagsLineOf(text: string): number {
  return text.split('\n').indexOf('tags:') + 1;
}

/**
 * The callbacks array methods run while `work` runs: each is one element visited, so a search of a
 * mapping's entries for every key (the YAML library's `uniqueKeys`, a `find` per located problem) counts
 * its quadratic work here, deterministically, where a stopwatch would only be noisy.
 */
function arrayCallbacksDuring(work: () => void): number {
  const methods = ['some', 'every', 'find', 'findIndex', 'filter', 'forEach', 'map', 'reduce'] as const;
  const prototype = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = methods.map((method) => prototype[method]!);
  let calls = 0;
  methods.forEach((method, index) => {
    const original = originals[index]!;
    prototype[method] = function (this: unknown[], callback: unknown, ...rest: unknown[]) {
      const counted = function (this: unknown, ...args: unknown[]) {
        calls++;
        return (callback as (...a: unknown[]) => unknown).apply(this, args);
      };
      return original.call(this, counted, ...rest);
    };
  });
  try {
    work();
  } finally {
    methods.forEach((method, index) => {
      prototype[method] = originals[index]!;
    });
  }
  return calls;
}

function loadIgnoringProblems(text: string): void {
  try {
    loadPresetText(text, 'test.yaml');
  } catch {
    // Invalid on purpose: the work of finding and locating the problems is what is counted.
  }
}

describe('duplicate keys in a large mapping', () => {
  it('loads a valid 50,000-key mapping', () => {
    const { preset } = load(withTags(50_000));
    expect(Object.keys(preset.tags ?? {})).toHaveLength(50_000);
  });

  it('reports each duplicate of a 50,000-key mapping at its line and column, and nothing else', () => {
    const text = withTags(50_000, ['  t0: again', '  t9: again']);
    const tagsLine = tagsLineOf(text);
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [tagsLine + 50_000 + 1, 3, 'duplicate key: each key may appear once in a mapping'],
      [tagsLine + 50_000 + 2, 3, 'duplicate key: each key may appear once in a mapping'],
    ]);
  });

  it('treats keys that become the same field name as duplicates (1 and "1"), as the loaded preset would lose one', () => {
    const text = `${minimalPreset}tags:\n  1: a\n  "1": b\n`;
    const tagsLine = tagsLineOf(text);
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [tagsLine + 2, 3, 'duplicate key: each key may appear once in a mapping'],
    ]);
  });

  it('finds duplicates with work in proportion to the keys, not to their square', () => {
    const work = (count: number) =>
      arrayCallbacksDuring(() => loadIgnoringProblems(withTags(count, ['  t0: x'])));
    const small = work(2_000);
    const large = work(8_000);
    // Four times the keys: about four times the work when linear, sixteen when each key is compared with
    // every earlier one (the YAML library's own check made 50,000 keys take 15 s).
    expect(large / small).toBeLessThan(6);
  });

  it('locates 4 times more unknown fields with about 4 times the work', () => {
    const unknownFields = (count: number) =>
      ['name: x', ...Array.from({ length: count }, (_, i) => `u${i}: 1`), ''].join('\n');
    const small = arrayCallbacksDuring(() => loadIgnoringProblems(unknownFields(1_000)));
    const large = arrayCallbacksDuring(() => loadIgnoringProblems(unknownFields(4_000)));
    expect(large / small).toBeLessThan(6);
  });
});

describe('preset size limit', () => {
  const mib = 1024 * 1024;

  it('refuses a file over 1 MiB before parsing it, saying what to do', () => {
    // Also broken YAML: a parsed file would report that too.
    const text = `${minimalPreset}description: "${'x'.repeat(2 * mib)}\n  : [unclosed\n`;
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'test.yaml', line: 0, column: 0, fieldPath: '' });
    expect(problems[0]!.message).toBe('preset file is 2.0 MiB; presets are limited to 1 MiB (1048576 bytes)');
    expect(problems[0]!.hint).toMatch(/data file \(data: .*body: \{ file/);
  });

  it('counts bytes, not characters, and accepts a file of exactly 1 MiB', () => {
    const head = `${minimalPreset}description: "`;
    const filler = (bytes: number) => 'é'.repeat(Math.floor(bytes / 2)) + 'x'.repeat(bytes % 2);
    const exact = `${head}${filler(mib - head.length - 2)}"\n`;
    expect(Buffer.byteLength(exact)).toBe(mib);
    expect(load(exact).preset.name).toBe('minimal');

    const over = `${head}${filler(mib - head.length - 1)}"\n`;
    expect(over.length).toBeLessThan(mib);
    expect(problemsOf(over)[0]!.message).toBe(
      'preset file is 1048577 bytes; presets are limited to 1 MiB (1048576 bytes)',
    );
  });
});
