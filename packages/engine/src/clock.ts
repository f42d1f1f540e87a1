import { onAbort } from './abort-fanout.js';

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
export function sleepMs(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let unsubscribe: (() => void) | undefined;
    const timer = setTimeout(() => {
      unsubscribe?.();
      resolve();
    }, ms);
    if (signal) {
      unsubscribe = onAbort(signal, () => {
        clearTimeout(timer);
        resolve();
      });
    }
  });
}
