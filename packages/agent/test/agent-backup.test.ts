import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFpt } from '../../cli/test/cli-process.js';
import { runLeaseFileName } from '../src/runs/run-lease.js';
import { api, type RunRowLike, waitForEnd, waitForPoints } from './agent-fixtures.js';
import { useAgentsOnDemoTarget } from './agents-on-demo-target.js';

// The restore drill of docs/deploy.md (Backups), as written there: a backup taken while the agent runs a
// test, restored into an empty data folder, and a new agent there with the same history and evidence.

const { agentWith, removeAfter } = useAgentsOnDemoTarget();

interface FullRow extends RunRowLike {
  exitCode: number | null;
  verdict: string | null;
}

describe('fpt agent backup and restore', () => {
  it('a backup taken during a run restores into an empty folder, where a new agent has the same history', async () => {
    const live = await agentWith();
    const finished: FullRow[] = [];
    for (let i = 0; i < 2; i++) {
      const start = await api<RunRowLike>(live, '/api/runs', { body: { preset: 'tiny' } });
      finished.push((await waitForEnd(live, start.body.id)) as FullRow);
    }
    expect(finished.map((r) => r.status)).toEqual(['passed', 'passed']);
    expect((await api(live, `/api/runs/${finished[0]!.id}/baseline`, { method: 'POST' })).status).toBe(201);
    const running = await api<RunRowLike>(live, '/api/runs', { body: { preset: 'long' } });
    await waitForPoints(live, running.body.id, 1);

    const backups = mkdtempSync(join(tmpdir(), 'fpt-backups-'));
    removeAfter(backups);
    const file = join(backups, 'nightly', 'fpt-2026-05-01.tar.gz');
    // As the cron line runs it, with the agent's own data folder from its environment.
    const backup = await runFpt(['agent', 'backup', file], { env: { FPT_DATA_DIR: live.dataDir } });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(
      new RegExp(
        `^backup written to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 3 runs \\(1 running\\), 3 run folders, 0 fleet runs, \\d+ files, [\\d.]+ MiB; index schema version \\d+`,
      ),
    );
    expect(readdirSync(join(backups, 'nightly'))).toEqual(['fpt-2026-05-01.tar.gz']);
    // The agent went on undisturbed.
    expect((await api<RunRowLike>(live, `/api/runs/${running.body.id}`)).body.status).toBe('running');
    await api(live, `/api/runs/${running.body.id}/stop`, { method: 'POST' });
    await waitForEnd(live, running.body.id);
    await live.stop({ keepData: true });

    const drill = mkdtempSync(join(tmpdir(), 'fpt-drill-'));
    removeAfter(drill);
    const restore = await runFpt(['agent', '--data-dir', drill, 'restore', file]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(
      /^restored 3 runs \(\d+ files\) from .* into .*, the history as of .*; 1 runs were running then/,
    );
    // The run's lease (hidden) stays out: the restored run has no owner to wait for.
    expect(existsSync(join(drill, 'runs', running.body.id, runLeaseFileName))).toBe(false);
    // A second restore into the same folder is refused: two histories are never mixed.
    const again = await runFpt(['agent', '--data-dir', drill, 'restore', file]);
    expect(again.code).toBe(104);
    expect(again.stderr).toMatch(
      /^fpt agent restore: the data folder .* already holds a run history \(index\.sqlite, 3 run folders in runs\/, 1 baselines in baselines\/\)/,
    );
    expect(again.stderr).toMatch(/hint: restore into an empty data folder/);

    const restored = await agentWith({ dataDir: drill });
    const history = await api<{ runs: FullRow[]; total: number }>(restored, '/api/runs');
    expect(history.body.total).toBe(3);
    const byId = new Map(history.body.runs.map((r) => [r.id, r]));
    for (const run of finished) {
      expect(byId.get(run.id)).toMatchObject({
        status: 'passed',
        requests: run.requests,
        p95Ms: run.p95Ms,
        exitCode: 0,
      });
      const report = await api<string>(restored, `/api/runs/${run.id}/report.html`);
      expect(report.status).toBe(200);
      expect(report.body).toContain('tiny');
      expect(
        (await api<{ fpt: { outcome: string } }>(restored, `/api/runs/${run.id}/summary.json`)).body.fpt
          .outcome,
      ).toBe('passed');
      expect((await api<string>(restored, `/api/runs/${run.id}/run.log`)).status).toBe(200);
      expect((await api(restored, `/api/runs/${run.id}/metrics.json`)).status).toBe(200);
    }
    // Running when the backup was taken: the new agent settles it as its start-up does for any such run.
    expect(byId.get(running.body.id)).toMatchObject({ status: 'aborted' });
    expect(restored.output()).toMatch(/settled 1 runs the previous agent process left running/);
    // The baseline came back too, and gates the next run.
    expect((await api(restored, '/api/baselines/tiny')).status).toBe(200);
    const next = await api<RunRowLike>(restored, '/api/runs', { body: { preset: 'tiny' } });
    expect(((await waitForEnd(restored, next.body.id)) as FullRow).verdict).not.toBeNull();
  }, 120_000);

  it('says what is wrong when there is no history to back up', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'fpt-empty-'));
    removeAfter(empty);
    const result = await runFpt(['agent', '--data-dir', empty, 'backup', join(empty, 'b.tar.gz')]);
    expect(result.code).toBe(104);
    expect(result.stderr).toMatch(
      /^fpt agent backup: there is no run history at .*index\.sqlite\n {2}hint: name the agent's data folder/,
    );
    expect(readdirSync(empty)).toEqual([]);
  });
});
