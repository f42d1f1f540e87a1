import { setTimeout as sleepTimer } from 'node:timers/promises';

/** Monotonic milliseconds; injected so schedulers can be driven and read the same way everywhere. */
export interface Clock {
  nowMs(): number;
}

/**
 * performance.now() counts from each thread's own origin; adding timeOrigin puts the main thread and
 * every worker on one timeline, so all parts of a run start their scenarios at the same moment.
 */
export const monotonicClock: Clock = { nowMs: () => performance.timeOrigin + performance.now() };

/** Sleeps until `ms` have passed or the signal aborts; never rejects. */
export async function sleepMs(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return;
  try {
    await sleepTimer(ms, undefined, { signal });
  } catch {
    // Aborted: the caller checks its own state.
  }
}
