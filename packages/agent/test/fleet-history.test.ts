import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FleetRun, startingFleetRun } from '@fpt/fleet';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FleetRunIndex } from '../src/fleet/fleet-run-index.js';
import { parseFleetStartRequest } from '../src/fleet/fleet-start-request.js';
import { historySchemaVersion } from '../src/runs/history-schema.js';
import { RunIndex } from '../src/runs/run-index.js';
import { parseStartRequest } from '../src/runs/start-request.js';

const folders: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-history-'));
  folders.push(dir);
  return join(dir, 'index.sqlite');
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The runs table exactly as agents before the fleet wrote it: no segment, no fleet_runs, user_version 0. */
function writeFirstVersionIndex(file: string): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE runs (
  id TEXT PRIMARY KEY, preset TEXT NOT NULL, region TEXT NOT NULL, agent_id TEXT NOT NULL, tags TEXT NOT NULL,
  status TEXT NOT NULL, reason TEXT, started_at INTEGER NOT NULL, ended_at INTEGER, duration_ms INTEGER,
  planned_ms INTEGER, exit_code INTEGER, requests REAL, request_rate REAL, error_rate REAL, p50_ms REAL,
  p95_ms REAL, p99_ms REAL, max_vus REAL, iterations REAL, checks_passed REAL, checks_failed REAL,
  thresholds_passed REAL, thresholds_failed REAL, lcp_p75_ms REAL, cls_p75 REAL, inp_p75_ms REAL);
CREATE INDEX runs_by_start ON runs (started_at DESC);
INSERT INTO runs (id, preset, region, agent_id, tags, status, started_at, requests, p95_ms)
  VALUES ('20261101T000000Z-quick-aaaaaa', 'quick', 'eu', 'a1', '{"build":"1"}', 'passed', 1000, 42, 12.5);`);
  db.close();
}

function fleetRun(id: string, startedAt: number, status: FleetRun['status']): FleetRun {
  const request = { id, preset: 'quick', regions: ['eu', 'us'], overrides: {}, tags: {} };
  return { ...startingFleetRun(request, 'eu/a1', startedAt), status };
}

describe('the history index schema', () => {
  it('upgrades an index written before the fleet in place, keeping its runs', () => {
    const file = tempFile();
    writeFirstVersionIndex(file);
    const index = new RunIndex(file);
    expect(index.database.pragma('user_version', { simple: true })).toBe(historySchemaVersion);
    expect(index.get('20261101T000000Z-quick-aaaaaa')).toMatchObject({
      preset: 'quick',
      tags: { build: '1' },
      requests: 42,
      p95Ms: 12.5,
      segment: null,
    });
    // The new table is there and usable.
    new FleetRunIndex(index.database).save(fleetRun('20261101T000000Z-fleet-quick-bbbbbb', 2000, 'passed'));
    index.close();
    // Opening it again changes nothing.
    const reopened = new RunIndex(file);
    expect(reopened.list({ limit: 10 }).total).toBe(1);
    expect(new FleetRunIndex(reopened.database).list(10).total).toBe(1);
    reopened.close();
  });

  it('refuses an index from a newer FPT rather than damage it', () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma(`user_version = ${historySchemaVersion + 1}`);
    db.close();
    expect(() => new RunIndex(file)).toThrow(/newer than this agent knows/);
  });

  it('keeps fleet runs newest first, and marks those a dead coordinator left running as errors', () => {
    const index = new RunIndex(tempFile());
    const fleet = new FleetRunIndex(index.database);
    fleet.save(fleetRun('20261101T000000Z-fleet-quick-000001', 1000, 'passed'));
    fleet.save(fleetRun('20261101T000000Z-fleet-quick-000002', 2000, 'running'));
    expect(fleet.list(10).runs.map((r) => r.id)).toEqual([
      '20261101T000000Z-fleet-quick-000002',
      '20261101T000000Z-fleet-quick-000001',
    ]);
    expect(fleet.markInterrupted('the coordinator stopped', 5000)).toEqual([
      '20261101T000000Z-fleet-quick-000002',
    ]);
    expect(fleet.get('20261101T000000Z-fleet-quick-000002')).toMatchObject({
      status: 'error',
      reason: 'the coordinator stopped',
      endedAt: 5000,
      durationMs: 3000,
    });
    expect(fleet.expired(1)).toEqual(['20261101T000000Z-fleet-quick-000001']);
    index.close();
  });
});

describe('start requests', () => {
  it('take an optional segment, checked', () => {
    expect(parseStartRequest({ preset: 'q', segment: { index: 1, count: 2 } }).segment).toEqual({
      index: 1,
      count: 2,
    });
    expect(parseStartRequest({ preset: 'q' }).segment).toBeUndefined();
    for (const segment of [{ index: 2, count: 2 }, { index: -1, count: 2 }, { index: 0 }, 'a/b']) {
      expect(() => parseStartRequest({ preset: 'q', segment })).toThrow(/segment must be \{index, count\}/);
    }
  });

  it('of a fleet run take regions, and no segment', () => {
    expect(parseFleetStartRequest({ preset: 'q', regions: ['eu', 'us', 'eu'] }).regions).toEqual([
      'eu',
      'us',
    ]);
    expect(parseFleetStartRequest({ preset: 'q' }).regions).toBeUndefined();
    expect(() => parseFleetStartRequest({ preset: 'q', regions: [] })).toThrow(/non-empty list/);
    expect(() => parseFleetStartRequest({ preset: 'q', regions: ['a b'] })).toThrow(/non-empty list/);
    expect(() => parseFleetStartRequest({ preset: '../q' })).toThrow(/is not a preset name/);
    expect(() => parseFleetStartRequest({ preset: 'q', segment: { index: 0, count: 1 } })).toThrow(
      /takes no segment/,
    );
  });
});
