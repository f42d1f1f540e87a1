import { sleepMs } from './clock.js';

/**
 * safety.maxRequestRate for closed-model scenarios, whose request rate cannot be known before the run:
 * requests take evenly spaced slots, so the rate never exceeds the limit even in a burst.
 */
export class RequestRateLimiter {
  readonly #intervalMs: number;
  #nextSlotMs = Number.NEGATIVE_INFINITY;

  constructor(maxRequestsPerSec: number) {
    this.#intervalMs = 1000 / maxRequestsPerSec;
  }

  /** Resolves when this request may be sent. */
  async acquire(signal?: AbortSignal): Promise<void> {
    const nowMs = performance.now();
    const slotMs = Math.max(nowMs, this.#nextSlotMs);
    this.#nextSlotMs = slotMs + this.#intervalMs;
    if (slotMs > nowMs) await sleepMs(slotMs - nowMs, signal);
  }
}
