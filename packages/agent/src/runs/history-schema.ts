import type Database from 'better-sqlite3';
import type { KeyFigures } from './run-row.js';

/** Figure fields and their SQL columns, in the order of KeyFigures' fields. */
export const figureColumns: readonly [keyof KeyFigures, string][] = [
  ['requests', 'requests'],
  ['requestRate', 'request_rate'],
  ['errorRate', 'error_rate'],
  ['p50Ms', 'p50_ms'],
  ['p95Ms', 'p95_ms'],
  ['p99Ms', 'p99_ms'],
  ['maxVus', 'max_vus'],
  ['iterations', 'iterations'],
  ['checksPassed', 'checks_passed'],
  ['checksFailed', 'checks_failed'],
  ['thresholdsPassed', 'thresholds_passed'],
  ['thresholdsFailed', 'thresholds_failed'],
  ['lcpP75Ms', 'lcp_p75_ms'],
  ['clsP75', 'cls_p75'],
  ['inpP75Ms', 'inp_p75_ms'],
];

/**
 * Step i brings the file from `PRAGMA user_version` i to i + 1. Files written before versioning have
 * version 0 and already hold step 1's tables, hence IF NOT EXISTS there. Steps are only ever appended.
 */
const migrations: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  preset TEXT NOT NULL,
  region TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  tags TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  duration_ms INTEGER,
  planned_ms INTEGER,
  exit_code INTEGER,
  ${figureColumns.map(([, column]) => `${column} REAL`).join(',\n  ')}
);
CREATE INDEX IF NOT EXISTS runs_by_start ON runs (started_at DESC);
CREATE INDEX IF NOT EXISTS runs_by_preset ON runs (preset, started_at DESC);
CREATE INDEX IF NOT EXISTS runs_by_status ON runs (status, started_at DESC);
CREATE INDEX IF NOT EXISTS runs_by_region ON runs (region, started_at DESC);`,
  // The regional fleet: a run's share of a split run ("i/n"), and the fleet runs this agent coordinated.
  `ALTER TABLE runs ADD COLUMN segment TEXT;
CREATE TABLE fleet_runs (
  id TEXT PRIMARY KEY,
  preset TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  document TEXT NOT NULL
);
CREATE INDEX fleet_runs_by_start ON fleet_runs (started_at DESC);`,
  // Baselines kept by the agent: each run's verdict against its preset's baseline (pass, regression).
  'ALTER TABLE runs ADD COLUMN verdict TEXT;',
];

export const historySchemaVersion = migrations.length;

/** Upgrades the history file in place, one transaction per step, so a crash never leaves half a step. */
export function migrateHistory(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    throw new Error(
      `the history index has schema version ${version}, newer than this agent knows (${migrations.length}); run a newer FPT or point FPT_DATA_DIR elsewhere`,
    );
  }
  for (let step = version; step < migrations.length; step++) {
    db.transaction(() => {
      db.exec(migrations[step]!);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
}
