import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PresetError } from '@fpt/preset';
import { afterEach, describe, expect, it } from 'vitest';
import { readAgentConfig } from '../src/config/agent-config.js';
import { PresetCatalog } from '../src/presets/preset-catalog.js';
import { checkRunCaps } from '../src/security/check-run-caps.js';
import { tinyPreset, tinyScript, tinyScriptModule } from './agent-fixtures.js';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A presets folder holding `files` (paths relative to it). */
function presetsFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-catalog-'));
  folders.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const env = { TARGET_URL: 'http://127.0.0.1:9' };

describe('PresetCatalog', () => {
  it('offers top-level scripts (.js, .mjs) beside presets; modules in sub-folders and dot files are no entries', () => {
    const dir = presetsFolder({
      'tiny.yaml': tinyPreset,
      'flow.js': tinyScript,
      'other.mjs': tinyScript,
      'lib/requests.js': tinyScriptModule,
      '.hidden.js': tinyScript,
      'notes.txt': 'not an entry',
    });
    const catalog = new PresetCatalog(dir, env);
    expect(catalog.names()).toEqual(['flow', 'other', 'tiny']);
    expect(catalog.list().map((p) => [p.name, p.file, p.kind, p.valid])).toEqual([
      ['flow', 'flow.js', 'script', true],
      ['other', 'other.mjs', 'script', true],
      ['tiny', 'tiny.yaml', 'preset', true],
    ]);
    expect(catalog.info('requests')).toBeUndefined();
    expect(catalog.info('flow')?.yaml).toBe(tinyScript);
  });

  it('loads a script for a run with the script itself as the file the run process is given', () => {
    const dir = presetsFolder({ 'flow.js': tinyScript, 'lib/requests.js': tinyScriptModule });
    const entry = new PresetCatalog(dir, env).load('flow', { vus: 1 });
    expect(entry.kind).toBe('script');
    expect(entry.file).toBe(join(dir, 'flow.js'));
    expect(entry.loaded.preset.scenarios.api).toMatchObject({ executor: 'shared-iterations', vus: 1 });
    expect(entry.loaded.preset.target.baseUrl).toBeUndefined();
  });

  it('refuses an id that two files share, whatever their kinds (yaml and json too)', () => {
    const dir = presetsFolder({
      'flow.js': tinyScript,
      'flow.yaml': tinyPreset,
      'tiny.json': JSON.stringify({ name: 'tiny' }),
      'tiny.yaml': tinyPreset,
      'lib/requests.js': tinyScriptModule,
    });
    const catalog = new PresetCatalog(dir, env);
    expect(catalog.names()).toEqual(['flow', 'tiny']);
    const listed = catalog.list();
    expect(listed.map((p) => [p.name, p.valid])).toEqual([
      ['flow', false],
      ['tiny', false],
    ]);
    expect(listed[0]!.problems[0]).toMatch(/flow\.js and flow\.yaml both have the id flow/);
    expect(listed[1]!.problems[0]).toMatch(/tiny\.json and tiny\.yaml both have the id tiny/);
    expect(() => catalog.load('flow')).toThrow(PresetError);
    expect(() => catalog.load('flow')).toThrow(/rename one/);
  });
});

describe('checkRunCaps on a script', () => {
  it("counts a script's iteration as at least one request against FPT_MAX_RATE", () => {
    const dir = presetsFolder({
      'open.js': `import http from 'k6/http';
export const options = {
  scenarios: {
    open: { executor: 'constant-arrival-rate', rate: 80, timeUnit: '1s', duration: '10s', preAllocatedVUs: 5 },
  },
};
export default async function () {
  await http.get(\`\${__ENV.TARGET_URL}/fast\`);
}
`,
    });
    const { preset } = new PresetCatalog(dir, env).load('open').loaded;
    const caps = readAgentConfig({ FPT_DATA_DIR: dir, FPT_MAX_RATE: '50' }).caps;
    expect(checkRunCaps(preset, caps)).toEqual([
      'the run starts up to 80 requests/s; this agent allows at most 50 (FPT_MAX_RATE)',
    ]);
    // Split across two agents, each starts 40/s: within the cap.
    expect(checkRunCaps(preset, caps, { index: 0, count: 2 })).toEqual([]);
  });
});
