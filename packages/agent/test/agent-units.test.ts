import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeLoadShape, loadPresetText } from '@fpt/preset';
import { afterEach, describe, expect, it } from 'vitest';
import { seedPresets } from '../src/presets/seed-presets.js';
import { isRunId, newRunId } from '../src/runs/run-folder.js';
import { RunIndex } from '../src/runs/run-index.js';
import { noFigures, type RunRecord } from '../src/runs/run-row.js';
import { parseStartRequest } from '../src/runs/start-request.js';
import { AgentHttpError } from '../src/server/agent-http-error.js';
import { tokenMatches } from '../src/server/token-auth.js';

const folders: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-agent-unit-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('seedPresets', () => {
  it('copies, then replaces only its own unchanged copies when the shipped version changes', () => {
    const seed = tempDir();
    const presets = tempDir();
    writeFileSync(join(seed, 'a.yaml'), 'a: 1\n');
    writeFileSync(join(seed, 'b.yaml'), 'b: 1\n');
    expect(seedPresets(seed, presets)).toEqual({
      copied: ['a.yaml', 'b.yaml'],
      replaced: [],
      keptChanged: [],
    });
    writeFileSync(join(presets, 'b.yaml'), 'b: operator\n');
    writeFileSync(join(presets, 'mine.yaml'), 'mine: 1\n');
    writeFileSync(join(seed, 'a.yaml'), 'a: 2\n');
    writeFileSync(join(seed, 'b.yaml'), 'b: 2\n');
    expect(seedPresets(seed, presets)).toEqual({ copied: [], replaced: ['a.yaml'], keptChanged: ['b.yaml'] });
    expect(readFileSync(join(presets, 'a.yaml'), 'utf8')).toBe('a: 2\n');
    expect(readFileSync(join(presets, 'b.yaml'), 'utf8')).toBe('b: operator\n');
    expect(readFileSync(join(presets, 'mine.yaml'), 'utf8')).toBe('mine: 1\n');
  });

  it('never overwrites a file it has no record of copying (a damaged record keeps everything)', () => {
    const seed = tempDir();
    const presets = tempDir();
    writeFileSync(join(seed, 'a.yaml'), 'a: 2\n');
    writeFileSync(join(presets, 'a.yaml'), 'a: 1\n');
    writeFileSync(join(presets, '.fpt-seeded.json'), '{not json');
    expect(seedPresets(seed, presets).keptChanged).toEqual(['a.yaml']);
    expect(readFileSync(join(presets, 'a.yaml'), 'utf8')).toBe('a: 1\n');
  });
});

function record(id: string, startedAt: number, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    ...noFigures,
    id,
    preset: 'quick',
    region: 'eu',
    agentId: 'a1',
    tags: {},
    status: 'passed',
    reason: null,
    startedAt,
    endedAt: startedAt + 1000,
    durationMs: 1000,
    plannedMs: 1000,
    exitCode: 0,
    verdict: null,
    segment: null,
    ...overrides,
  };
}

describe('RunIndex', () => {
  it('filters, pages newest first, and counts the whole filter', () => {
    const index = new RunIndex(join(tempDir(), 'index.sqlite'));
    index.insertMany([
      record('r1', 1000),
      record('r2', 2000, { status: 'failed', p95Ms: 12.5 }),
      record('r3', 3000, { preset: 'stress', region: 'us' }),
      record('r4', 4000, { tags: { build: '7' } }),
    ]);
    expect(index.list({ limit: 2 }).runs.map((r) => r.id)).toEqual(['r4', 'r3']);
    expect(index.list({ limit: 2, before: 3000 }).runs.map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(index.list({ limit: 10, preset: 'quick' })).toMatchObject({ total: 3 });
    expect(index.list({ limit: 10, region: 'us' }).runs.map((r) => r.id)).toEqual(['r3']);
    const failed = index.list({ limit: 10, status: 'failed' });
    expect(failed.runs[0]).toMatchObject({ id: 'r2', p95Ms: 12.5 });
    expect(index.get('r4')?.tags).toEqual({ build: '7' });
    index.close();
  });

  it('marks runs left running as aborted, and lists what retention removes (never a running run)', () => {
    const index = new RunIndex(join(tempDir(), 'index.sqlite'));
    index.insertMany([
      record('old', 1000),
      record('mid', 2000),
      record('new', 3000),
      record('live', 4000, { status: 'running', endedAt: null }),
    ]);
    expect(index.expired(2, undefined).sort()).toEqual(['old']);
    expect(index.expired(0, 2500).sort()).toEqual(['mid', 'old']);
    expect(index.markInterruptedRuns('agent died', 5000)).toEqual(['live']);
    expect(index.get('live')).toMatchObject({ status: 'aborted', reason: 'agent died', endedAt: 5000 });
    index.delete(['old']);
    expect(index.get('old')).toBeUndefined();
    index.close();
  });
});

describe('start requests', () => {
  it('reads a preset, typed overrides and string tags', () => {
    expect(
      parseStartRequest({ preset: 'quick', overrides: { vus: 3, duration: '10s' }, tags: { build: '1' } }),
    ).toEqual({
      preset: 'quick',
      overrides: { vus: 3, duration: '10s' },
      tags: { build: '1' },
    });
  });

  it.each([
    [null, /JSON object/],
    [{}, /preset is missing/],
    [{ preset: 'q', overrides: { vus: 0 } }, /overrides.vus must be a whole number above 0/],
    [{ preset: 'q', overrides: { threads: 2 } }, /overrides.threads is not an override/],
    [{ preset: 'q', tags: { 'bad key': 'x' } }, /tag bad key/],
    [{ preset: 'q', tags: { build: 7 } }, /string value/],
  ])('refuses %j with a 400 that names the field', (body, message) => {
    let error: unknown;
    try {
      parseStartRequest(body);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AgentHttpError);
    expect((error as AgentHttpError).status).toBe(400);
    expect((error as AgentHttpError).message).toMatch(message);
  });
});

describe('small pieces', () => {
  it('describes load shapes in words', () => {
    const loaded = loadPresetText(
      `name: t
target:
  baseUrl: http://127.0.0.1:1
scenarios:
  ramp:
    executor: ramping-vus
    startVUs: 0
    stages:
      - { duration: 30s, target: 20 }
      - { duration: 1m, target: 20 }
      - { duration: 10s, target: 0 }
    requests: [{ name: r, path: / }]
  open:
    executor: constant-arrival-rate
    rate: 50
    duration: 2m
    preAllocatedVUs: 10
    maxVUs: 40
    requests: [{ name: r, path: / }]
`,
      't.yaml',
    );
    expect(describeLoadShape(loaded.preset.scenarios.ramp!)).toBe(
      'VUs 0→20 over 30s, hold 20 for 1m, 20→0 over 10s',
    );
    expect(describeLoadShape(loaded.preset.scenarios.open!)).toBe('50 iterations/s for 2m (up to 40 VUs)');
  });

  it('run ids sort by time and cannot name another folder', () => {
    const id = newRunId('quick', new Date('2026-11-26T12:34:56.789Z'), 'a1b2c3');
    expect(id).toBe('20261126T123456Z-quick-a1b2c3');
    expect(isRunId(id)).toBe(true);
    for (const bad of ['../etc', '20261126T123456Z-../x-a1b2c3', '20261126T123456Z-q/x-a1b2c3', '']) {
      expect(isRunId(bad)).toBe(false);
    }
  });

  it('compares tokens against every configured one', () => {
    expect(tokenMatches('b', ['a', 'b'])).toBe(true);
    expect(tokenMatches('c', ['a', 'b'])).toBe(false);
    expect(tokenMatches('', [])).toBe(false);
  });
});
