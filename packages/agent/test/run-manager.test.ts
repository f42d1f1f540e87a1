import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAgentConfig } from '../src/config/agent-config.js';
import { PresetCatalog } from '../src/presets/preset-catalog.js';
import { BaselineStore } from '../src/runs/baseline-store.js';
import { RunIndex } from '../src/runs/run-index.js';
import { RunManager } from '../src/runs/run-manager.js';
import { tinyPreset } from './agent-fixtures.js';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('RunManager', () => {
  it('gives the run slot back, with the run marked error, when the run process cannot even start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fpt-run-manager-'));
    folders.push(dataDir);
    const presetsDir = join(dataDir, 'presets');
    mkdirSync(presetsDir);
    writeFileSync(join(presetsDir, 'tiny.yaml'), tinyPreset);
    const config = readAgentConfig({ FPT_DATA_DIR: dataDir, FPT_ALLOW_TARGETS: '127.0.0.1' });
    const index = new RunIndex(join(dataDir, 'index.sqlite'));
    const lines: string[] = [];
    const runs = new RunManager({
      config,
      index,
      catalog: new PresetCatalog(presetsDir, { TARGET_URL: 'http://127.0.0.1:9' }),
      // A command that does not exist: spawn fails with ENOENT and no 'exit' event follows.
      runCommand: { command: join(dataDir, 'no-such-node'), args: [] },
      baselines: new BaselineStore(dataDir),
      log: (line) => lines.push(line),
    });
    const started = await runs.start({ preset: 'tiny', overrides: {}, tags: {} });
    await expect.poll(() => runs.current, { timeout: 10_000 }).toBeUndefined();
    expect(runs.get(started.id)).toMatchObject({ status: 'error' });
    expect(lines.join('\n')).toMatch(/the run process failed: .*ENOENT/);
    // The slot is free: the next start is accepted (and fails the same way).
    await expect(runs.start({ preset: 'tiny', overrides: {}, tags: {} })).resolves.toMatchObject({
      status: 'running',
    });
    await expect.poll(() => runs.current, { timeout: 10_000 }).toBeUndefined();
    index.close();
  });
});
