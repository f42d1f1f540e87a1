import Database from 'better-sqlite3';
import { figureColumns, type HistorySchemaState, migrateHistory } from './history-schema.js';
import { type BaselineVerdict, type KeyFigures, noFigures, type RunRecord, RunStatus } from './run-row.js';

export interface RunFilter {
  readonly preset?: string;
  readonly status?: string;
  readonly region?: string;
  /** Only runs that started before this (epoch ms): the next page after the last row shown. */
  readonly before?: number;
  readonly limit: number;
}

/** Columns fixed when a run starts, and the ones its end fills in (update() writes only these). */
const identityColumns = ['id', 'preset', 'region', 'agent_id', 'tags', 'started_at', 'segment'];
const outcomeColumns = [
  'status',
  'reason',
  'ended_at',
  'duration_ms',
  'planned_ms',
  'exit_code',
  'verdict',
  ...figureColumns.map(([, column]) => column),
];

interface SqlRow {
  readonly [column: string]: string | number | null;
}

/**
 * The history index: one row per run in an embedded SQLite file (WAL, so the UI reads while a run
 * ends). The files of a run live in its folder; this index is what lists and filters stay fast on.
 */
export class RunIndex {
  readonly #db: Database.Database;
  /** How the file's schema was found: current, upgraded, or newer but usable (see history-schema.ts). */
  readonly schema: HistorySchemaState;

  /** Throws IncompatibleHistoryError, having written nothing, for a file a newer agent made unusable here. */
  constructor(file: string) {
    this.#db = new Database(file);
    try {
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = NORMAL');
      this.schema = migrateHistory(this.#db);
    } catch (error) {
      this.#db.close();
      throw error;
    }
  }

  /** The open database, for the fleet runs kept in the same file. */
  get database(): Database.Database {
    return this.#db;
  }

  insert(record: RunRecord): void {
    const columns = [...identityColumns, ...outcomeColumns];
    this.#db
      .prepare(`INSERT INTO runs (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`)
      .run(toSql(record));
  }

  /** Writes every field of the record but its id and start. */
  update(record: RunRecord): void {
    const columns = outcomeColumns;
    this.#db
      .prepare(`UPDATE runs SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`)
      .run(toSql(record));
  }

  get(id: string): RunRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as SqlRow | undefined;
    return row ? fromSql(row) : undefined;
  }

  /** Newest first, one page; `total` counts every run the filter matches. */
  list(filter: RunFilter): { runs: RunRecord[]; total: number } {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    for (const key of ['preset', 'status', 'region'] as const) {
      const value = filter[key];
      if (value !== undefined && value !== '') {
        where.push(`${key} = @${key}`);
        params[key] = value;
      }
    }
    const total = (
      this.#db.prepare(`SELECT count(*) AS n FROM runs ${clause(where)}`).get(params) as { n: number }
    ).n;
    if (filter.before !== undefined) {
      where.push('started_at < @before');
      params.before = filter.before;
    }
    const rows = this.#db
      .prepare(`SELECT * FROM runs ${clause(where)} ORDER BY started_at DESC, id DESC LIMIT @limit`)
      .all({ ...params, limit: filter.limit }) as SqlRow[];
    return { runs: rows.map(fromSql), total };
  }

  /** Runs still marked running: when the agent starts, their agent died under them. Oldest first. */
  running(): RunRecord[] {
    return (
      this.#db
        .prepare('SELECT * FROM runs WHERE status = ? ORDER BY started_at, id')
        .all(RunStatus.running) as SqlRow[]
    ).map(fromSql);
  }

  /** Runs still marked running when the agent starts: their agent died under them. */
  markInterruptedRuns(reason: string, now: number): string[] {
    const ids = (
      this.#db.prepare('SELECT id FROM runs WHERE status = ?').all(RunStatus.running) as { id: string }[]
    ).map((row) => row.id);
    this.#db
      .prepare('UPDATE runs SET status = ?, reason = ?, ended_at = ? WHERE status = ?')
      .run(RunStatus.aborted, reason, now, RunStatus.running);
    return ids;
  }

  /** Ids of finished runs beyond the newest `keep`, or started before `olderThan` (epoch ms). */
  expired(keep: number, olderThan: number | undefined): string[] {
    const ids = new Set<string>();
    if (keep > 0) {
      const rows = this.#db
        .prepare('SELECT id FROM runs WHERE status != ? ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET ?')
        .all(RunStatus.running, keep) as { id: string }[];
      for (const row of rows) ids.add(row.id);
    }
    if (olderThan !== undefined) {
      const rows = this.#db
        .prepare('SELECT id FROM runs WHERE status != ? AND started_at < ?')
        .all(RunStatus.running, olderThan) as { id: string }[];
      for (const row of rows) ids.add(row.id);
    }
    return [...ids];
  }

  delete(ids: readonly string[]): void {
    const remove = this.#db.prepare('DELETE FROM runs WHERE id = ?');
    this.#db.transaction(() => {
      for (const id of ids) remove.run(id);
    })();
  }

  /** Many rows in one transaction (the history benchmark fills the index with this). */
  insertMany(records: readonly RunRecord[]): void {
    this.#db.transaction(() => {
      for (const record of records) this.insert(record);
    })();
  }

  close(): void {
    this.#db.close();
  }
}

function clause(where: readonly string[]): string {
  return where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
}

function toSql(record: RunRecord): Record<string, string | number | null> {
  const row: Record<string, string | number | null> = {
    id: record.id,
    preset: record.preset,
    region: record.region,
    agent_id: record.agentId,
    tags: JSON.stringify(record.tags),
    status: record.status,
    reason: record.reason,
    started_at: record.startedAt,
    ended_at: record.endedAt,
    duration_ms: record.durationMs,
    planned_ms: record.plannedMs,
    exit_code: record.exitCode,
    verdict: record.verdict,
    segment: record.segment ? `${record.segment.index}/${record.segment.count}` : null,
  };
  for (const [field, column] of figureColumns) row[column] = record[field];
  return row;
}

function fromSql(row: SqlRow): RunRecord {
  const figures: Record<string, number | null> = { ...noFigures };
  for (const [field, column] of figureColumns) figures[field] = row[column] as number | null;
  return {
    ...(figures as unknown as KeyFigures),
    id: row.id as string,
    preset: row.preset as string,
    region: row.region as string,
    agentId: row.agent_id as string,
    tags: JSON.parse(row.tags as string) as Record<string, string>,
    status: row.status as RunStatus,
    reason: row.reason as string | null,
    startedAt: row.started_at as number,
    endedAt: row.ended_at as number | null,
    durationMs: row.duration_ms as number | null,
    plannedMs: row.planned_ms as number | null,
    exitCode: row.exit_code as number | null,
    verdict: (row.verdict ?? null) as BaselineVerdict,
    segment: parseSegment(row.segment),
  };
}

function parseSegment(text: string | number | null | undefined): RunRecord['segment'] {
  const match = typeof text === 'string' ? /^(\d+)\/(\d+)$/.exec(text) : null;
  return match ? { index: Number(match[1]), count: Number(match[2]) } : null;
}
