import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPresetFile } from '../src/index.js';

const presetsDir = new URL('../../../presets/', import.meta.url).pathname;
const seeds = readdirSync(presetsDir).filter((f) => f.endsWith('.yaml'));

describe('seed presets', () => {
  it('include every kind the issue asks for', () => {
    expect(seeds.sort()).toEqual(
      ['api', 'browser', 'graphql', 'hybrid', 'pr', 'quick', 'standard', 'stress'].map((n) => `${n}.yaml`),
    );
  });

  for (const seed of seeds) {
    it(`${seed} validates, with a comment at the top saying when to use it`, () => {
      const loaded = loadPresetFile(join(presetsDir, seed));
      expect(loaded.preset.name).toBe(seed.replace('.yaml', ''));
      expect(loaded.preset.target.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
      expect(Object.keys(loaded.preset.scenarios).length).toBeGreaterThan(0);
      expect(loaded.preset.thresholds).toBeDefined();
      expect(loaded.preset.regions?.length).toBeGreaterThan(0);
    });
  }

  it('point their target at a variable, not a real host', () => {
    const loaded = loadPresetFile(join(presetsDir, 'quick.yaml'), {
      env: { TARGET_URL: 'http://127.0.0.1:9999' },
    });
    expect(loaded.preset.target.baseUrl).toBe('http://127.0.0.1:9999');
  });

  it('pr extends quick: inherits its requests and replaces its executor', () => {
    const loaded = loadPresetFile(join(presetsDir, 'pr.yaml'));
    expect(loaded.files.map((f) => f.split('/').pop())).toEqual(['pr.yaml', 'quick.yaml']);
    const api = loaded.preset.scenarios.api!;
    expect(api.executor).toBe('constant-arrival-rate');
    expect(api.requests?.map((r) => r.name)).toEqual(['fast', 'items', 'slow']);
    expect(loaded.preset.tags).toEqual({ check: 'pr' });
    expect(Object.keys(loaded.preset.thresholds ?? {})).toEqual(
      expect.arrayContaining([
        'http_req_failed',
        'http_req_duration',
        'checks',
        'http_req_duration{name:items}',
      ]),
    );
  });

  it('api reads its users from the CSV, quoted commas included', () => {
    const loaded = loadPresetFile(join(presetsDir, 'api.yaml'));
    expect(loaded.data.users?.map((row) => row.username)).toEqual(['alice', 'bob', 'carol', 'dave, jr']);
  });
});
