import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leaseHeartbeatMs, runLeaseFileName } from '../src/runs/run-lease.js';
import { api, type RunRowLike, waitForEnd, waitForPoints } from './agent-fixtures.js';
import { useAgentsOnDemoTarget } from './agents-on-demo-target.js';

// A redeploy as Kamal does it: the new container starts on the same data volume while the old one still
// runs, then the old one gets SIGTERM (`docker stop`) and, with stop_timeout long enough
// (tools/test/deploy/stop-timeout.test.ts), the time to stop its run, write its evidence and record it.

const { agentWith } = useAgentsOnDemoTarget();

interface SummaryLike {
  fpt: { outcome: string; exitCode: number };
  metrics: { http_reqs: { values: { count: number } } };
}

interface FullRow extends RunRowLike {
  exitCode: number | null;
  endedAt: number | null;
}

describe('a redeploy during a run', () => {
  it('SIGTERM: the agent stops its run, which writes its summary, records it as stopped, then exits', async () => {
    const old = await agentWith();
    const start = await api<RunRowLike>(old, '/api/runs', { body: { preset: 'long' } });
    expect(start.status).toBe(202);
    await waitForPoints(old, start.body.id, 2);
    const runPid = Number(/started \(preset long, pid (\d+)\)/.exec(old.output())?.[1]);
    const folder = join(old.dataDir, 'runs', start.body.id);
    expect(existsSync(join(folder, runLeaseFileName))).toBe(true);

    // What `docker stop` sends; the helper waits for the process to exit.
    await old.stop({ keepData: true });
    expect(old.child.exitCode).toBe(0);
    expect(old.output()).toMatch(/SIGTERM: stopping/);
    expect(old.output()).toMatch(new RegExp(`run ${start.body.id} ended: stopped`));
    expect(processAlive(runPid)).toBe(false);

    // The evidence, complete: a summary of what was measured until the stop, the report, the metrics.
    const summary = JSON.parse(readFileSync(join(folder, 'summary.json'), 'utf8')) as SummaryLike;
    expect(summary.fpt.outcome).toBe('interrupted');
    expect(summary.fpt.exitCode).toBe(105);
    expect(summary.metrics.http_reqs.values.count).toBeGreaterThan(0);
    expect(readFileSync(join(folder, 'report.html'), 'utf8')).toContain('long');
    expect(JSON.parse(readFileSync(join(folder, 'metrics.json'), 'utf8'))).toBeTruthy();
    // The run's lease is given up with its final row.
    expect(existsSync(join(folder, runLeaseFileName))).toBe(false);

    // The next agent on the volume finds the row final: nothing to settle.
    const next = await agentWith({ dataDir: old.dataDir });
    const row = (await api<FullRow>(next, `/api/runs/${start.body.id}`)).body;
    expect(row).toMatchObject({ status: 'stopped', exitCode: 105 });
    expect(row.reason).toMatch(/^the agent was stopped \(SIGTERM, as a redeploy or docker stop sends it\)$/);
    expect(row.requests).toBe(summary.metrics.http_reqs.values.count);
    expect(row.endedAt).not.toBeNull();
    expect(next.output()).not.toMatch(/settled \d+ runs/);
    expect((await api<string>(next, `/api/runs/${start.body.id}/report.html`)).status).toBe(200);
  }, 90_000);

  it('a second agent on the same data folder leaves a run the first still runs alone', async () => {
    const old = await agentWith();
    const start = await api<RunRowLike>(old, '/api/runs', { body: { preset: 'long' } });
    await waitForPoints(old, start.body.id, 1);

    const fresh = await agentWith({ dataDir: old.dataDir });
    const freshStarted = Date.now();
    expect(fresh.output()).toMatch(
      new RegExp(`run ${start.body.id} is still running in another agent process \\(pid ${old.child.pid} `),
    );
    expect(fresh.output()).not.toMatch(/settled \d+ runs/);
    // One load at a time on a host: the new agent refuses a run while the old one's goes on.
    const refused = await api<{ error: string; runId: string }>(fresh, '/api/runs', {
      body: { preset: 'tiny' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/in progress in another agent process on this data folder/);
    expect(refused.body.runId).toBe(start.body.id);

    // The new agent looks for runs whose owner is gone every heartbeat: across several of them, this one
    // stays running.
    while (Date.now() - freshStarted < 3 * leaseHeartbeatMs) {
      expect((await api<RunRowLike>(fresh, `/api/runs/${start.body.id}`)).body.status).toBe('running');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    // The old agent ends it its own way; the new one sees that ending, not an abort of its own.
    expect((await api(old, `/api/runs/${start.body.id}/stop`, { method: 'POST' })).status).toBe(202);
    expect((await waitForEnd(old, start.body.id)).status).toBe('stopped');
    expect((await api<RunRowLike>(fresh, `/api/runs/${start.body.id}`)).body.status).toBe('stopped');
    expect(fresh.output()).not.toMatch(/settled \d+ runs/);

    // Its run over, the new agent takes runs.
    const next = await api<RunRowLike>(fresh, '/api/runs', { body: { preset: 'tiny' } });
    expect(next.status).toBe(202);
    expect((await waitForEnd(fresh, next.body.id)).status).toBe('passed');
  }, 90_000);

  it('a run whose agent dies (kill -9) while another agent shares the folder is settled by that one', async () => {
    const old = await agentWith();
    const start = await api<RunRowLike>(old, '/api/runs', { body: { preset: 'long' } });
    await waitForPoints(old, start.body.id, 1);
    const fresh = await agentWith({ dataDir: old.dataDir });
    expect(fresh.output()).toMatch(/is still running in another agent process/);

    await old.kill();
    const row = await waitForEnd(fresh, start.body.id, 60_000);
    expect(row.status).toBe('aborted');
    expect(row.reason).toMatch(/the agent stopped during the run/);
    expect(fresh.output()).toMatch(
      new RegExp(`settled 1 runs whose agent process is gone: ${start.body.id}`),
    );
  }, 90_000);
});

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
