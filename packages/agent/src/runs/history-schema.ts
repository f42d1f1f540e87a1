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
 * One step of the schema. Step i brings the file from `PRAGMA user_version` i to i + 1. Steps are only ever
 * appended.
 */
interface HistoryMigration {
  readonly sql: string;
  /**
   * Whether an agent of an earlier schema still reads and writes the file correctly once this step is
   * applied: true for a step that only adds tables, indexes or nullable columns (the older agent leaves them
   * alone and its rows get NULL there), false for one that renames, drops or changes the meaning of anything.
   * It decides whether rolling back past this step keeps the history (docs/deploy.md, Rolling back).
   */
  readonly olderAgentsCanUse: boolean;
}

/** Files written before versioning have version 0 and already hold step 1's tables, hence IF NOT EXISTS there. */
const migrations: readonly HistoryMigration[] = [
  {
    sql: `CREATE TABLE IF NOT EXISTS runs (
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
    olderAgentsCanUse: true,
  },
  {
    // The regional fleet: a run's share of a split run ("i/n"), and the fleet runs this agent coordinated.
    sql: `ALTER TABLE runs ADD COLUMN segment TEXT;
CREATE TABLE fleet_runs (
  id TEXT PRIMARY KEY,
  preset TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  document TEXT NOT NULL
);
CREATE INDEX fleet_runs_by_start ON fleet_runs (started_at DESC);`,
    olderAgentsCanUse: true,
  },
  {
    // Baselines kept by the agent: each run's verdict against its preset's baseline (pass, regression).
    sql: 'ALTER TABLE runs ADD COLUMN verdict TEXT;',
    olderAgentsCanUse: true,
  },
];

export const historySchemaVersion = migrations.length;

/**
 * The oldest agent schema that can still use a file at `version`: the last step older agents cannot live
 * with decides. Kept in the file itself (table history_compatibility), so that an older agent, which knows
 * none of the newer steps, can tell whether it may use the file.
 */
export function oldestUsableSchema(version: number): number {
  let oldest = 1;
  for (let step = 0; step < version && step < migrations.length; step++) {
    if (!migrations[step]!.olderAgentsCanUse) oldest = step + 1;
  }
  return oldest;
}

/**
 * The compatibility record. Created outside the numbered steps on purpose: a step would raise
 * user_version, and the agents released before this record existed refuse any higher version, so they
 * could not be rolled back to. Agents that do not know the table leave it alone.
 */
const compatibilityTable = `CREATE TABLE IF NOT EXISTS history_compatibility (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  oldest_agent_schema INTEGER NOT NULL
)`;

/** How the file was found and left. */
export type HistorySchemaState =
  | { readonly kind: 'created'; readonly version: number }
  | { readonly kind: 'current'; readonly version: number }
  | { readonly kind: 'upgraded'; readonly from: number; readonly to: number }
  | {
      /** Written by a newer agent whose newer steps this one can live with: used as it is, never changed. */
      readonly kind: 'newer-compatible';
      readonly fileVersion: number;
      readonly agentVersion: number;
    };

/** A file a newer agent changed in a way this one cannot read or write safely. */
export class IncompatibleHistoryError extends Error {
  readonly fileVersion: number;
  readonly agentVersion: number;
  /** The oldest agent schema the file says it works with; null when it says none (no record). */
  readonly oldestAgentSchema: number | null;
  readonly hint: string;
  constructor(fileVersion: number, agentVersion: number, oldestAgentSchema: number | null) {
    super(
      `the history index has schema version ${fileVersion}, newer than this agent knows (${agentVersion}), and ${
        oldestAgentSchema === null
          ? 'it does not say which older agents can use it'
          : `it needs an agent of schema ${oldestAgentSchema} or later`
      }`,
    );
    this.name = 'IncompatibleHistoryError';
    this.fileVersion = fileVersion;
    this.agentVersion = agentVersion;
    this.oldestAgentSchema = oldestAgentSchema;
    this.hint =
      'deploy the newer FPT version again, or restore the backup taken before the upgrade into an empty data folder (docs/deploy.md, Rolling back); the file is left as it is';
  }
}

/**
 * Upgrades the history file in place, one transaction per step, so a crash never leaves half a step. A file
 * from a newer agent is used as it is when it says this agent's schema can use it, and refused
 * (IncompatibleHistoryError, nothing written) when it does not.
 */
export function migrateHistory(db: Database.Database): HistorySchemaState {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    const oldest = readOldestUsableSchema(db);
    if (oldest === null || oldest > migrations.length) {
      throw new IncompatibleHistoryError(version, migrations.length, oldest);
    }
    return { kind: 'newer-compatible', fileVersion: version, agentVersion: migrations.length };
  }
  const created = version === 0 && !hasTable(db, 'runs');
  for (let step = version; step < migrations.length; step++) {
    db.transaction(() => {
      db.exec(migrations[step]!.sql);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
  // This agent is the newest to have opened the file: it says who else may.
  const oldest = oldestUsableSchema(migrations.length);
  if (readOldestUsableSchema(db) !== oldest) {
    db.transaction(() => {
      db.exec(compatibilityTable);
      db.prepare(
        `INSERT INTO history_compatibility (id, oldest_agent_schema) VALUES (1, ?)
         ON CONFLICT (id) DO UPDATE SET oldest_agent_schema = excluded.oldest_agent_schema`,
      ).run(oldest);
    })();
  }
  if (created) return { kind: 'created', version: migrations.length };
  return version === migrations.length
    ? { kind: 'current', version }
    : { kind: 'upgraded', from: version, to: migrations.length };
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function readOldestUsableSchema(db: Database.Database): number | null {
  if (!hasTable(db, 'history_compatibility')) return null;
  const row = db
    .prepare('SELECT oldest_agent_schema AS oldest FROM history_compatibility WHERE id = 1')
    .get() as { oldest: unknown } | undefined;
  return typeof row?.oldest === 'number' ? row.oldest : null;
}
