import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentProcessIdentity, type ProcessIdentity } from '../src/runs/process-identity.js';
import { leaseStaleAfterMs, otherLiveOwner, runLeaseFileName, writeRunLease } from '../src/runs/run-lease.js';
import { RunLeaseKeeper } from '../src/runs/run-lease-keeper.js';

const folders: string[] = [];
const cleanups: (() => void)[] = [];
function runDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-lease-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Another live process on this host: what a second agent in the same container or on the same machine is. */
function liveProcess(): ProcessIdentity {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  cleanups.push(() => child.kill('SIGKILL'));
  return { ...currentProcessIdentity(), pid: child.pid!, startedAt: Date.now() };
}

async function deadProcess(): Promise<ProcessIdentity> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return { ...currentProcessIdentity(), pid: child.pid!, startedAt: Date.now() };
}

const self = currentProcessIdentity();
const heartbeatOf = (dir: string) => statSync(join(dir, runLeaseFileName)).mtimeMs;

describe('who owns a run (its lease)', () => {
  it('a live process with a fresh heartbeat owns it; with a stale one it does not', () => {
    const dir = runDir();
    const owner = liveProcess();
    writeRunLease(dir, { runId: 'r', owner });
    expect(otherLiveOwner(dir, self, heartbeatOf(dir) + 1000)).toMatch(
      new RegExp(`^pid ${owner.pid} on ${owner.host}, started `),
    );
    // Alive but silent for longer than the limit (a frozen process): no owner.
    expect(otherLiveOwner(dir, self, heartbeatOf(dir) + leaseStaleAfterMs + 1)).toBeUndefined();
  });

  it('a process this one can see is gone owns nothing, heartbeat or not', async () => {
    const dir = runDir();
    writeRunLease(dir, { runId: 'r', owner: await deadProcess() });
    expect(otherLiveOwner(dir, self, heartbeatOf(dir))).toBeUndefined();
  });

  it('a process in another container (PID namespace) or host is judged by its heartbeat alone', async () => {
    const dir = runDir();
    const elsewhere = {
      ...(await deadProcess()),
      pidNamespace: 'pid:[4026532999]',
      host: 'fpt-agent-web-abc123',
    };
    writeRunLease(dir, { runId: 'r', owner: elsewhere });
    // Its pid means nothing here (this pid is gone here): the fresh heartbeat keeps the run its.
    expect(otherLiveOwner(dir, self, heartbeatOf(dir))).toMatch(/on fpt-agent-web-abc123/);
    const old = new Date(Date.now() - leaseStaleAfterMs - 5000);
    utimesSync(join(dir, runLeaseFileName), old, old);
    expect(otherLiveOwner(dir, self, Date.now())).toBeUndefined();
  });

  it('no lease (an agent from before leases), a damaged one, or one of this very process: no other owner', () => {
    const dir = runDir();
    expect(otherLiveOwner(dir, self, Date.now())).toBeUndefined();
    writeRunLease(dir, { runId: 'r', owner: self });
    expect(otherLiveOwner(dir, self, heartbeatOf(dir))).toBeUndefined();
  });

  it('the keeper holds a lease while its run is owed a row, and gives it up after', () => {
    const dir = runDir();
    const owed = new Set(['r1']);
    const keeper = new RunLeaseKeeper(self, (id) => owed.has(id));
    cleanups.push(() => keeper.stop());
    keeper.take('r1', dir);
    expect(existsSync(join(dir, runLeaseFileName))).toBe(true);
    keeper.releaseSettled();
    expect(existsSync(join(dir, runLeaseFileName))).toBe(true);
    owed.delete('r1');
    keeper.releaseSettled();
    expect(existsSync(join(dir, runLeaseFileName))).toBe(false);
  });
});
