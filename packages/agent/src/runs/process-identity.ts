import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/** Enough of a process to tell later, from another process, whether it still lives. */
export interface ProcessIdentity {
  readonly pid: number;
  /**
   * The PID namespace (Linux: `/proc/self/ns/pid`), or null where there is none to read. Two containers on
   * one volume have PID namespaces of their own, where the same pid means different processes.
   */
  readonly pidNamespace: string | null;
  readonly host: string;
  /** When the process started (epoch ms). */
  readonly startedAt: number;
}

export function currentProcessIdentity(): ProcessIdentity {
  let pidNamespace: string | null = null;
  try {
    pidNamespace = readlinkSync('/proc/self/ns/pid');
  } catch {
    // Not Linux (a developer's Mac): one namespace per host.
  }
  return {
    pid: process.pid,
    pidNamespace,
    host: hostname(),
    startedAt: Math.round(Date.now() - process.uptime() * 1000),
  };
}

/**
 * Whether the process is certainly gone: true when it ran on this host in this process's PID namespace and
 * no process has its pid now; false when one does; undefined when this process cannot see it (another
 * container, another host), and only its heartbeat can tell.
 */
export function processIsGone(other: ProcessIdentity, self: ProcessIdentity): boolean | undefined {
  // Both must match: every Linux host's first PID namespace has the same number, so two hosts sharing a
  // network volume would otherwise look alike. A wrong "not the same" only means waiting for the heartbeat.
  if (other.host !== self.host || other.pidNamespace !== self.pidNamespace) return undefined;
  try {
    process.kill(other.pid, 0);
    return false;
  } catch (error) {
    // EPERM: a process of another user has that pid; it exists.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
