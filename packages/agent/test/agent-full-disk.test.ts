import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentProcess, startAgentProcess } from '../../../tools/test-support/agent-process.js';
import { api, type RunRowLike, seedFolder, waitForEnd } from './agent-fixtures.js';

/**
 * A small file system of the test's own (tmpfs, mounted as root), so that the disk can really be full:
 * the agent's data folder lives on it, and a filler file takes every free byte.
 */
function mountSmallDisk(): { dir: string; unmount(): void } | string {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `a tmpfs cannot be mounted here (${(error as Error).message.split('\n')[0]}); the full-disk test needs root`;
  }
  return {
    dir,
    unmount() {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes zeros until the file system says it is full. */
function fill(file: string): void {
  const chunk = Buffer.alloc(64 * 1024);
  const fd = openSync(file, 'a');
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    // The last partial blocks: smaller writes until not even one byte fits.
    for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) writeSync(fd, chunk.subarray(0, size));
      } catch {}
    }
  } finally {
    closeSync(fd);
  }
}

async function readiness(
  agent: AgentProcess,
): Promise<{ ready: boolean; checks: { dataDir: { detail: string } } }> {
  return (await api<{ ready: boolean; checks: { dataDir: { detail: string } } }>(agent, '/readyz')).body;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const disk = mountSmallDisk();
if (typeof disk === 'string') console.warn(`skipping the full-disk test: ${disk}`);

describe.skipIf(typeof disk === 'string')('an agent whose data folder fills up', () => {
  const small = disk as Exclude<typeof disk, string>;
  const dataDir = join(small?.dir ?? '', 'data');
  const filler = join(small?.dir ?? '', 'filler');
  let target: DemoTarget;
  let seed: string;
  let agent: AgentProcess;

  const start = async () => {
    agent = await startAgentProcess({
      dataDir,
      env: {
        TARGET_URL: target.url,
        FPT_SEED_PRESETS_DIR: seed,
        FPT_ALLOW_TARGETS: '127.0.0.1',
        FPT_MIN_FREE_SPACE: '2MB',
      },
    });
  };
  const runFolders = () => readdirSync(join(dataDir, 'runs')).length;

  beforeAll(async () => {
    target = await startDemoTarget();
    seed = seedFolder();
    mkdirSync(dataDir, { recursive: true });
    await start();
  });
  afterAll(async () => {
    await agent?.stop({ keepData: true });
    await target?.close();
    rmSync(seed, { recursive: true, force: true });
    small?.unmount();
  });

  it('refuses new runs with 507 and says why, stays alive, and takes runs again when there is room', async () => {
    const first = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'tiny' } });
    expect((await waitForEnd(agent, first.body.id)).status).toBe('passed');
    const folders = runFolders();

    fill(filler);
    const refused = await api<{ error: string; hint: string }>(agent, '/api/runs', {
      body: { preset: 'tiny' },
    });
    expect(refused.status).toBe(507);
    expect(refused.body.error).toMatch(
      /no room to keep a run's evidence: the data folder .* has \d+\.\d MiB free, below the 2\.0 MiB/,
    );
    expect(refused.body.hint).toMatch(/free space in FPT_DATA_DIR/);
    expect(runFolders()).toBe(folders);
    expect((await fetch(`${agent.url}/healthz`)).status).toBe(200);
    const notReady = await until(
      () => readiness(agent),
      (r) => !r.ready,
      'readiness on a full disk',
    );
    expect(notReady.checks.dataDir.detail).toMatch(/not writable|below the 2\.0 MiB/);

    rmSync(filler);
    await until(
      () => readiness(agent),
      (r) => r.ready,
      'readiness once there is room',
    );
    const again = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'tiny' } });
    expect(again.status).toBe(202);
    expect((await waitForEnd(agent, again.body.id)).status).toBe('passed');
  }, 90_000);

  it('survives the disk filling up during a run: the run ends as well as it can, its row is written later', async () => {
    const started = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'long' } });
    expect(started.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    fill(filler);
    await api(agent, `/api/runs/${started.body.id}/stop`, { method: 'POST' });
    const ended = await waitForEnd(agent, started.body.id);
    expect(ended.status).not.toBe('running');
    expect((await fetch(`${agent.url}/healthz`)).status).toBe(200);

    rmSync(filler);
    await until(
      () => readiness(agent),
      (r) => r.ready,
      'readiness once there is room',
    );
    // The row the full disk held back is in the index now: a restarted agent reads the same status.
    await agent.stop({ keepData: true });
    await start();
    expect((await api<RunRowLike>(agent, `/api/runs/${started.body.id}`)).body.status).toBe(ended.status);
  }, 90_000);

  it('starts on a full disk without a stack trace, not ready until there is room; the index stays whole', async () => {
    await agent.stop({ keepData: true });
    fill(filler);
    await start();
    expect(agent.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect((await fetch(`${agent.url}/healthz`)).status).toBe(200);
    expect((await readiness(agent)).ready).toBe(false);
    rmSync(filler);
    await until(
      () => readiness(agent),
      (r) => r.ready,
      'readiness once there is room',
    );
    await agent.stop({ keepData: true });
    const index = new Database(join(dataDir, 'index.sqlite'), { readonly: true });
    try {
      expect(index.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      index.close();
    }
    await start();
  }, 90_000);
});
