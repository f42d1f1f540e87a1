import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { presetJsonSchema } from '../src/index.js';

describe('the exported JSON Schema', () => {
  const schema = presetJsonSchema();

  it('is committed and current (regenerate with npm run schema)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../../docs/preset.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(schema);
  });

  it('describes every field, so editors show help on hover', () => {
    const undescribed: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const properties = (node as { properties?: Record<string, { description?: string }> }).properties;
      for (const [key, property] of Object.entries(properties ?? {})) {
        const described = (p: unknown): boolean =>
          typeof p === 'object' &&
          p !== null &&
          ('description' in p || ((p as { anyOf?: unknown[] }).anyOf ?? []).some(described));
        if (!described(property)) undescribed.push(`${path}.${key}`);
      }
      for (const [key, child] of Object.entries(node)) visit(child, `${path}.${key}`);
    };
    visit(schema, '$');
    expect(undescribed).toEqual([]);
  });

  it('names the k6 executors', () => {
    expect(JSON.stringify(schema)).toContain('"ramping-arrival-rate"');
  });
});
