import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { type LoadedPreset, loadPresetText, PresetError, type PresetProblem } from '../src/index.js';

/** A valid API preset; tests change one thing in it at a time. */
export const minimalPreset = `
name: minimal
target:
  baseUrl: http://127.0.0.1:8080
scenarios:
  api:
    executor: constant-vus
    vus: 2
    duration: 10s
    requests:
      - name: home
        path: /
`;

export function load(text: string, env: Record<string, string> = {}): LoadedPreset {
  return loadPresetText(text, 'test.yaml', { env });
}

/** The problems a preset text has; fails the test if it loads cleanly. */
export function problemsOf(text: string, env: Record<string, string> = {}): PresetProblem[] {
  try {
    load(text, env);
  } catch (error) {
    if (error instanceof PresetError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the preset to be invalid, but it loaded');
}

/** Messages with their field paths, for compact assertions. */
export function summarise(problems: readonly PresetProblem[]): string[] {
  return problems.map((p) => `${p.fieldPath}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
}

/** The minimal preset with a scenario body swapped in (indented under scenarios.api). */
export function withScenario(body: string, extra = ''): string {
  return `
name: minimal
target:
  baseUrl: http://127.0.0.1:8080
scenarios:
  api:
${body
  .trim()
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
${extra}`;
}

export const request = `requests:\n  - name: home\n    path: /`;

/** A throwaway folder of preset files, removed after the test file. */
export function presetFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-preset-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
