import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allCases, seedCases } from './export-cases.js';

/**
 * Golden files: test/golden/<preset>.js holds the script `fpt k6 <preset>` must write. Any difference
 * fails. After an intended change to the export, rewrite them and review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run packages/k6-export/test/k6-export-golden.test.ts
 */
const goldenDir = fileURLToPath(new URL('./golden/', import.meta.url));
const updating = process.env.UPDATE_GOLDEN === '1';

describe('k6 export golden files', () => {
  it('covers every seed preset', () => {
    expect(seedCases.map((c) => c.name)).toEqual(
      expect.arrayContaining(['api', 'browser', 'graphql', 'hybrid', 'pr', 'quick', 'standard', 'stress']),
    );
  });

  for (const { name, exported } of allCases) {
    it(`${name}.js matches the script generated from ${name}.yaml`, () => {
      const file = `${goldenDir}${name}.js`;
      if (updating) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(file, exported.script);
      }
      expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 to write it`).toBe(true);
      expect(exported.script).toBe(readFileSync(file, 'utf8'));
    });
  }
});
