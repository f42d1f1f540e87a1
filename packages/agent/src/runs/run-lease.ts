import { readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@fpt/engine';
import { type ProcessIdentity, processIsGone } from './process-identity.js';

/**
 * A run's lease: a file in its folder naming the agent process that runs it, whose modification time is
 * that process's heartbeat. Two agent processes share a data folder during a redeploy (Kamal starts the
 * new container before it stops the old one), and the new one must not settle a run the old one is still
 * running or stopping. A hidden name: never served, never backed up.
 */
export const runLeaseFileName = '.owner.json';
/** How often the owner touches its leases. */
export const leaseHeartbeatMs = 5000;
/** A lease untouched this long has no live owner, whatever its pid says (another container, a frozen host). */
export const leaseStaleAfterMs = 30_000;

export interface RunLease {
  readonly runId: string;
  readonly owner: ProcessIdentity;
}

export function writeRunLease(runDir: string, lease: RunLease): void {
  writeFileAtomic(join(runDir, runLeaseFileName), `${JSON.stringify(lease)}\n`);
}

/** The heartbeat: touching needs no free space, so a full disk does not make a live owner look dead. */
export function renewRunLease(runDir: string, now: Date): void {
  utimesSync(join(runDir, runLeaseFileName), now, now);
}

export function removeRunLease(runDir: string): void {
  rmSync(join(runDir, runLeaseFileName), { force: true });
}

/** The lease and its last heartbeat (epoch ms), or undefined when there is none or it cannot be read. */
export function readRunLease(runDir: string): { lease: RunLease; heartbeatAt: number } | undefined {
  const file = join(runDir, runLeaseFileName);
  try {
    const heartbeatAt = statSync(file).mtimeMs;
    const lease = JSON.parse(readFileSync(file, 'utf8')) as RunLease;
    if (typeof lease?.owner?.pid !== 'number') return undefined;
    return { lease, heartbeatAt };
  } catch {
    return undefined;
  }
}

/**
 * Who still runs this run, in words, when it is another live agent process: its lease is fresh and, when
 * this process can see its pid, that process exists. Undefined when the run has no live owner (no lease,
 * as runs of agents older than leases; a stale heartbeat; a dead pid), so it may be settled.
 */
export function otherLiveOwner(runDir: string, self: ProcessIdentity, now: number): string | undefined {
  const found = readRunLease(runDir);
  if (!found) return undefined;
  const { owner } = found.lease;
  if (now - found.heartbeatAt > leaseStaleAfterMs) return undefined;
  // A lease of this very process for a run it does not hold (it is asked only about runs it does not
  // run): left by a failure in this process, not a reason to keep the run open.
  if (isSameProcess(owner, self)) return undefined;
  if (processIsGone(owner, self) === true) return undefined;
  return `pid ${owner.pid} on ${owner.host}, started ${new Date(owner.startedAt).toISOString()}, heartbeat ${Math.round((now - found.heartbeatAt) / 1000)} s ago`;
}

function isSameProcess(a: ProcessIdentity, b: ProcessIdentity): boolean {
  return (
    a.pid === b.pid && a.host === b.host && a.pidNamespace === b.pidNamespace && a.startedAt === b.startedAt
  );
}
