import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { historySchemaVersion } from '../src/runs/history-schema.js';
import { api, type RunRowLike, waitForEnd } from './agent-fixtures.js';
import { useAgentsOnDemoTarget } from './agents-on-demo-target.js';

// Rolling back past a schema change: the older agent (this one) meets an index a newer agent wrote. It must
// never refuse to start (Docker would restart it in a loop): it uses a file the newer agent marked as usable
// by it, and starts without its history, saying why everywhere, when the file is not.

const { agentWith, forget } = useAgentsOnDemoTarget();

/** A data folder with one finished run, its index then changed as a newer FPT would. */
async function historyFromTheFuture(oldestAgentSchema: number): Promise<{ dataDir: string; runId: string }> {
  const writer = await agentWith();
  const start = await api<RunRowLike>(writer, '/api/runs', { body: { preset: 'tiny' } });
  expect((await waitForEnd(writer, start.body.id)).status).toBe('passed');
  await writer.stop({ keepData: true });
  forget(writer);
  const db = new Database(join(writer.dataDir, 'index.sqlite'));
  db.exec(
    'ALTER TABLE runs ADD COLUMN cost_estimate REAL; CREATE TABLE annotations (run_id TEXT, note TEXT);',
  );
  db.exec(`INSERT INTO annotations VALUES ('${start.body.id}', 'kept by the newer agent')`);
  db.pragma(`user_version = ${historySchemaVersion + 2}`);
  db.prepare('UPDATE history_compatibility SET oldest_agent_schema = ?').run(oldestAgentSchema);
  db.close();
  return { dataDir: writer.dataDir, runId: start.body.id };
}

function indexFacts(dataDir: string): { version: number; oldest: number; runs: number; notes: number } {
  const db = new Database(join(dataDir, 'index.sqlite'), { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      oldest: (
        db.prepare('SELECT oldest_agent_schema AS o FROM history_compatibility').get() as { o: number }
      ).o,
      runs: (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n,
      notes: (db.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('an index written by a newer agent', () => {
  it('that this agent can use: opened as it is, the newer parts kept, runs as usual', async () => {
    const { dataDir, runId } = await historyFromTheFuture(historySchemaVersion);
    const older = await agentWith({ dataDir });
    expect(older.output()).toMatch(
      new RegExp(
        `the history index has schema version ${historySchemaVersion + 2}, newer than this agent's ${historySchemaVersion}, and usable by it`,
      ),
    );
    const ready = await api<{ ready: boolean; checks: { history: { ok: boolean; detail: string } } }>(
      older,
      '/readyz',
    );
    expect(ready.status).toBe(200);
    expect(ready.body.checks.history.ok).toBe(true);
    const history = await api<{ runs: RunRowLike[] }>(older, '/api/runs');
    expect(history.body.runs.map((r) => [r.id, r.status])).toEqual([[runId, 'passed']]);
    const next = await api<RunRowLike>(older, '/api/runs', { body: { preset: 'tiny' } });
    expect(next.status).toBe(202);
    expect((await waitForEnd(older, next.body.id)).status).toBe('passed');
    await older.stop({ keepData: true });

    // Nothing of the newer schema was undone: the version, the record, its column and table.
    expect(indexFacts(dataDir)).toEqual({
      version: historySchemaVersion + 2,
      oldest: historySchemaVersion,
      runs: 2,
      notes: 1,
    });
    const db = new Database(join(dataDir, 'index.sqlite'), { readonly: true });
    expect(db.prepare('SELECT cost_estimate FROM runs WHERE id = ?').get(next.body.id)).toEqual({
      cost_estimate: null,
    });
    db.close();
  }, 60_000);

  it('that needs a newer agent: it starts anyway, without its history, and says so in its log, readiness and status', async () => {
    const { dataDir } = await historyFromTheFuture(historySchemaVersion + 2);
    const file = join(dataDir, 'index.sqlite');
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');

    const older = await agentWith({ dataDir });
    expect(older.output()).toMatch(
      /HISTORY UNAVAILABLE: the history index has schema version \d+, newer than this agent knows/,
    );
    expect(older.output()).toMatch(/no restart loop/);
    expect((await fetch(`${older.url}/healthz`)).status).toBe(200);

    const ready = await api<{ ready: boolean; checks: { history: { ok: boolean; detail: string } } }>(
      older,
      '/readyz',
    );
    expect(ready.status).toBe(503);
    expect(ready.body.ready).toBe(false);
    expect(ready.body.checks.history).toEqual({
      ok: false,
      detail: expect.stringMatching(
        new RegExp(
          `schema version ${historySchemaVersion + 2}, newer than this agent knows \\(${historySchemaVersion}\\), and it needs an agent of schema ${historySchemaVersion + 2} or later; runs and the run history are unavailable.*docs/deploy\\.md, Rolling back`,
        ),
      ),
    });
    const status = await api<{ history: { ok: boolean; detail: string } }>(older, '/api/status');
    expect(status.status).toBe(200);
    expect(status.body.history).toEqual(ready.body.checks.history);

    const list = await api<{ error: string; hint: string }>(older, '/api/runs');
    expect(list.status).toBe(503);
    expect(list.body.error).toMatch(/^the run history is unavailable: the history index has schema version/);
    expect(list.body.hint).toMatch(/Rolling back/);
    const refused = await api<{ error: string }>(older, '/api/runs', { body: { preset: 'tiny' } });
    expect(refused.status).toBe(503);
    expect((await api(older, '/api/fleet/runs')).status).toBe(503);
    // What does not need the history still answers.
    expect((await api(older, '/api/presets')).status).toBe(200);
    expect(older.child.exitCode).toBeNull();

    await older.stop({ keepData: true });
    expect(older.child.exitCode).toBe(0);
    // The file is exactly as the newer agent left it, for the newer agent to take back.
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
    expect(indexFacts(dataDir)).toMatchObject({ version: historySchemaVersion + 2, runs: 1, notes: 1 });
  }, 60_000);
});
