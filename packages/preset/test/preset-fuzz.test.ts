import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createPrng } from '../../../tools/test-support/create-prng.js';
import { loadPresetText, PresetError } from '../src/index.js';

const seedPreset = readFileSync(new URL('../../../presets/standard.yaml', import.meta.url), 'utf8');
const fragments = [
  '{',
  '}',
  '[',
  ']',
  ':',
  '- ',
  '"',
  "'",
  '#',
  '&a',
  '*a',
  '!!binary',
  '\t',
  '\n  ',
  '${',
  '}}',
  '{{',
  '<<: *a',
  '|',
  '>',
  '%YAML',
  '---',
  '\u0000',
  'p(95)<',
  'null',
  '~',
  '1e999',
  '-0',
];
const keys = [
  'name',
  'target',
  'scenarios',
  'executor',
  'requests',
  'thresholds',
  'stages',
  'vus',
  'extends',
  'safety',
  'browser',
  'data',
  'x',
];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 6);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * out.length);
    const choice = next();
    if (choice < 0.35) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 20));
    else if (choice < 0.8)
      out = out.slice(0, at) + fragments[Math.floor(next() * fragments.length)] + out.slice(at);
    else out = out.slice(0, at) + out.slice(Math.floor(next() * out.length));
  }
  return out;
}

function randomValue(next: () => number, depth: number): unknown {
  const pick = next();
  if (depth > 4 || pick < 0.3) {
    const scalars = [0, -1, 1.5, 1e308, Number.NaN, '', 'x', '30s', 'p(95)<1', true, null, '${X}', '{{y}}'];
    return scalars[Math.floor(next() * scalars.length)];
  }
  if (pick < 0.55) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(next() * 5); i > 0; i--)
    object[keys[Math.floor(next() * keys.length)]!] = randomValue(next, depth + 1);
  return object;
}

function expectOnlyPresetErrors(text: string, label: string): void {
  try {
    loadPresetText(text, 'fuzz.yaml', { readFile: () => text });
  } catch (error) {
    if (!(error instanceof PresetError)) {
      throw new Error(
        `${label}: loader threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}\n--- input ---\n${text}`,
      );
    }
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) expect(typeof problem.message).toBe('string');
  }
}

describe('the loader under malformed input', () => {
  it('throws nothing but PresetError for mutated YAML (1500 cases)', () => {
    const next = createPrng(20261126);
    for (let i = 0; i < 1500; i++) expectOnlyPresetErrors(mutate(seedPreset, next), `mutation ${i}`);
  });

  it('throws nothing but PresetError for random structures as YAML and JSON (1500 cases)', () => {
    const next = createPrng(42);
    for (let i = 0; i < 1500; i++) {
      const value = randomValue(next, 0);
      const text = i % 2 === 0 ? stringify(value) : (JSON.stringify(value) ?? 'null');
      expectOnlyPresetErrors(text, `structure ${i}`);
    }
  });

  it('throws nothing but PresetError for a valid shape with random values in each field', () => {
    const next = createPrng(7);
    const paths: string[][] = [
      ['name'],
      ['target', 'baseUrl'],
      ['scenarios', 'a', 'vus'],
      ['scenarios', 'a', 'executor'],
      ['scenarios', 'a', 'requests'],
      ['thresholds'],
      ['safety'],
      ['data'],
      ['extends'],
      ['scenarios', 'a', 'browser'],
    ];
    for (let i = 0; i < 600; i++) {
      const preset: Record<string, unknown> = {
        name: 'f',
        target: { baseUrl: 'http://127.0.0.1:1' },
        scenarios: { a: { executor: 'constant-vus', duration: '1s', requests: [{ name: 'r', path: '/' }] } },
      };
      const path = paths[i % paths.length]!;
      let cursor = preset as Record<string, unknown>;
      for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string, unknown>;
      cursor[path.at(-1)!] = randomValue(next, 1);
      expectOnlyPresetErrors(stringify(preset), `field ${path.join('.')} case ${i}`);
    }
  });

  it('survives an alias bomb', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n');
    expectOnlyPresetErrors(bomb, 'alias bomb');
  });
});
