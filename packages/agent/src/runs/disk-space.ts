import { statfsSync } from 'node:fs';
import { AgentHttpError } from '../server/agent-http-error.js';

/** Bytes an unprivileged process may still write in the file system of `dir`; undefined where unknown. */
export function freeBytes(dir: string): number | undefined {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

/** A write that failed for lack of room: a full disk, a quota, or SQLite's own "database or disk is full". */
export function isDiskFullError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Why the data folder cannot take a run now, or undefined when it has room: `minFreeBytes` for a run's
 * evidence, and `reserveOwed` for the room the agent keeps for itself when a full disk made it give it back.
 */
export function lackOfRoom(dataDir: string, minFreeBytes: number, reserveOwed = 0): string | undefined {
  const free = freeBytes(dataDir);
  const needed = minFreeBytes + reserveOwed;
  if (free === undefined || free >= needed) return undefined;
  const owed = reserveOwed > 0 ? `, and ${formatMiB(reserveOwed)} the agent keeps in reserve` : '';
  return `the data folder ${dataDir} has ${formatMiB(free)} free, below the ${formatMiB(minFreeBytes)} a run needs for its evidence (FPT_MIN_FREE_SPACE)${owed}`;
}

/** 507 Insufficient Storage, with what to do about it. */
export function diskFullRefusal(why: string): AgentHttpError {
  return new AgentHttpError(
    507,
    `no room to keep a run's evidence: ${why}`,
    'free space in FPT_DATA_DIR (fewer runs kept: FPT_RETAIN_RUNS), or give it a larger volume; the agent takes runs again by itself once there is room',
  );
}
