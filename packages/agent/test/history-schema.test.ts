import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  historySchemaVersion,
  IncompatibleHistoryError,
  migrateHistory,
  oldestUsableSchema,
} from '../src/runs/history-schema.js';

function compatibilityOf(db: Database.Database): number | undefined {
  return (
    db.prepare('SELECT oldest_agent_schema AS oldest FROM history_compatibility').get() as
      | { oldest: number }
      | undefined
  )?.oldest;
}

describe('the history schema and the agents that may use it', () => {
  it('a new file gets every step and says which agents can use it', () => {
    const db = new Database(':memory:');
    expect(migrateHistory(db)).toEqual({ kind: 'created', version: historySchemaVersion });
    expect(db.pragma('user_version', { simple: true })).toBe(historySchemaVersion);
    expect(compatibilityOf(db)).toBe(oldestUsableSchema(historySchemaVersion));
    // Every step so far only adds: agents since the first schema can use today's files.
    expect(oldestUsableSchema(historySchemaVersion)).toBe(1);
    expect(migrateHistory(db)).toEqual({ kind: 'current', version: historySchemaVersion });
  });

  it("a file at this agent's version from before the compatibility record gets it, without a version step", () => {
    const db = new Database(':memory:');
    migrateHistory(db);
    db.exec('DROP TABLE history_compatibility');
    expect(migrateHistory(db)).toEqual({ kind: 'current', version: historySchemaVersion });
    expect(db.pragma('user_version', { simple: true })).toBe(historySchemaVersion);
    expect(compatibilityOf(db)).toBe(1);
  });

  it('a newer file that says this agent can use it is used as it is, and not changed', () => {
    const db = new Database(':memory:');
    migrateHistory(db);
    db.exec('ALTER TABLE runs ADD COLUMN from_the_future TEXT');
    db.pragma(`user_version = ${historySchemaVersion + 2}`);
    db.prepare('UPDATE history_compatibility SET oldest_agent_schema = ?').run(historySchemaVersion);
    expect(migrateHistory(db)).toEqual({
      kind: 'newer-compatible',
      fileVersion: historySchemaVersion + 2,
      agentVersion: historySchemaVersion,
    });
    expect(db.pragma('user_version', { simple: true })).toBe(historySchemaVersion + 2);
    expect(compatibilityOf(db)).toBe(historySchemaVersion);
  });

  it('a newer file that needs a newer agent, or does not say, is refused with the way out, unchanged', () => {
    const needsNewer = new Database(':memory:');
    migrateHistory(needsNewer);
    needsNewer.pragma(`user_version = ${historySchemaVersion + 1}`);
    needsNewer
      .prepare('UPDATE history_compatibility SET oldest_agent_schema = ?')
      .run(historySchemaVersion + 1);
    const refusal = (() => {
      try {
        migrateHistory(needsNewer);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(IncompatibleHistoryError);
    expect((refusal as IncompatibleHistoryError).message).toBe(
      `the history index has schema version ${historySchemaVersion + 1}, newer than this agent knows (${historySchemaVersion}), and it needs an agent of schema ${historySchemaVersion + 1} or later`,
    );
    expect((refusal as IncompatibleHistoryError).hint).toMatch(/docs\/deploy\.md, Rolling back/);
    expect(needsNewer.pragma('user_version', { simple: true })).toBe(historySchemaVersion + 1);

    const silent = new Database(':memory:');
    silent.pragma(`user_version = ${historySchemaVersion + 1}`);
    expect(() => migrateHistory(silent)).toThrow(/does not say which older agents can use it/);
    expect(silent.prepare('SELECT count(*) AS n FROM sqlite_master').get()).toEqual({ n: 0 });
  });
});
