import { readdirSync, readFileSync } from 'node:fs';

/** What this machine allows a process, where the system says (Linux /proc); undefined where it does not. */
export interface SystemLimits {
  /** The soft open-file limit (ulimit -n). */
  readonly openFiles: number | undefined;
  /** Files the process has open already. */
  readonly openFilesInUse: number | undefined;
  /** The ephemeral port range a connection's source port comes from. */
  readonly ephemeralPorts: { readonly low: number; readonly high: number } | undefined;
}

/** Reads the limits; a system without /proc gives undefined for each, and the checks that need them are skipped. */
export function readSystemLimits(): SystemLimits {
  return {
    openFiles: attempt(() => {
      const line = readFileSync('/proc/self/limits', 'utf8')
        .split('\n')
        .find((l) => l.startsWith('Max open files'));
      const soft = line?.split(/\s{2,}/)[1];
      return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
    }),
    openFilesInUse: attempt(() => readdirSync('/proc/self/fd').length),
    ephemeralPorts: attempt(() => {
      const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
        .trim()
        .split(/\s+/)
        .map(Number);
      return low !== undefined && high !== undefined && high >= low ? { low, high } : undefined;
    }),
  };
}

function attempt<T>(read: () => T | undefined): T | undefined {
  try {
    const value = read();
    return typeof value === 'number' && !Number.isFinite(value) ? undefined : value;
  } catch {
    return undefined;
  }
}
