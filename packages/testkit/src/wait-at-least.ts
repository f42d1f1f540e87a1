import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Runs `then` once at least `delayMs` have passed since `startedAtMs` (a performance.now() value).
 * setTimeout alone can fire up to a millisecond early against a fine clock, and tests assert
 * measured latency >= the asked delay, so an early timer re-arms for the remainder.
 * A closed response cancels the wait, which is how server.close() releases pending delays.
 */
export function waitAtLeast(
  res: ServerResponse,
  startedAtMs: number,
  delayMs: number,
  then: () => void,
): void {
  let timer: NodeJS.Timeout | undefined;
  const cancel = (): void => clearTimeout(timer);
  const check = (): void => {
    const remainingMs = startedAtMs + delayMs - performance.now();
    if (remainingMs > 0) {
      timer = setTimeout(check, Math.ceil(remainingMs));
      return;
    }
    res.off('close', cancel);
    then();
  };
  res.once('close', cancel);
  check();
}
