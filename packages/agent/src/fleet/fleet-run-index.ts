import { type FleetRun, FleetRunStatus } from '@fpt/fleet';
import type Database from 'better-sqlite3';

/**
 * The fleet runs this agent coordinated, in the history file beside its own runs (table fleet_runs, see
 * history-schema.ts). A row keeps the whole document the API returns, plus the columns lists sort on.
 */
export class FleetRunIndex {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  save(run: FleetRun): void {
    this.#db
      .prepare(
        `INSERT INTO fleet_runs (id, preset, status, started_at, ended_at, document)
         VALUES (@id, @preset, @status, @startedAt, @endedAt, @document)
         ON CONFLICT (id) DO UPDATE SET status = @status, ended_at = @endedAt, document = @document`,
      )
      .run({
        id: run.id,
        preset: run.preset,
        status: run.status,
        startedAt: run.startedAt,
        endedAt: run.endedAt,
        document: JSON.stringify(run),
      });
  }

  get(id: string): FleetRun | undefined {
    const row = this.#db.prepare('SELECT document FROM fleet_runs WHERE id = ?').get(id) as
      | { document: string }
      | undefined;
    return row ? (JSON.parse(row.document) as FleetRun) : undefined;
  }

  /** Newest first; `total` counts them all. */
  list(limit: number, before?: number): { runs: FleetRun[]; total: number } {
    const total = (this.#db.prepare('SELECT count(*) AS n FROM fleet_runs').get() as { n: number }).n;
    const rows = this.#db
      .prepare(
        `SELECT document FROM fleet_runs ${before === undefined ? '' : 'WHERE started_at < @before'}
         ORDER BY started_at DESC, id DESC LIMIT @limit`,
      )
      .all({ limit, ...(before === undefined ? {} : { before }) }) as { document: string }[];
    return { runs: rows.map((row) => JSON.parse(row.document) as FleetRun), total };
  }

  /** Fleet runs still marked running when the agent starts: their coordinator died under them. */
  markInterrupted(reason: string, now: number): string[] {
    const rows = this.#db
      .prepare('SELECT document FROM fleet_runs WHERE status = ?')
      .all(FleetRunStatus.running) as { document: string }[];
    const ids: string[] = [];
    for (const row of rows) {
      const run = JSON.parse(row.document) as FleetRun;
      this.save({
        ...run,
        status: FleetRunStatus.error,
        reason,
        endedAt: now,
        durationMs: now - run.startedAt,
      });
      ids.push(run.id);
    }
    return ids;
  }

  /** Ids of finished fleet runs beyond the newest `keep` (0 keeps all). */
  expired(keep: number): string[] {
    if (keep <= 0) return [];
    return (
      this.#db
        .prepare(
          'SELECT id FROM fleet_runs WHERE status != ? ORDER BY started_at DESC, id DESC LIMIT -1 OFFSET ?',
        )
        .all(FleetRunStatus.running, keep) as { id: string }[]
    ).map((row) => row.id);
  }

  delete(ids: readonly string[]): void {
    const remove = this.#db.prepare('DELETE FROM fleet_runs WHERE id = ?');
    this.#db.transaction(() => {
      for (const id of ids) remove.run(id);
    })();
  }
}
