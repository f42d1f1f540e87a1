import { setTimeout as sleepTimer } from 'node:timers/promises';

/** Monotonic milliseconds; injected so schedulers can be driven and read the same way everywhere. */
export interface Clock {
  nowMs(): number;
}

export const monotonicClock: Clock = { nowMs: () => performance.now() };

/** Sleeps until `ms` have passed or the signal aborts; never rejects. */
export async function sleepMs(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return;
  try {
    await sleepTimer(ms, undefined, { signal });
  } catch {
    // Aborted: the caller checks its own state.
  }
}
