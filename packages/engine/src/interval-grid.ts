import type { Clock } from './clock.js';

/**
 * Calls `onTick` at origin + k·interval + offset for k = 1, 2, ... without drift. Every part of a run
 * flushes on the same grid and the main thread reads it a little after (the offset), so a timeline point
 * holds the same interval from every part.
 */
export function startIntervalGrid(
  clock: Clock,
  originMs: number,
  intervalMs: number,
  offsetMs: number,
  onTick: () => void,
): { stop(): void } {
  let k = 1;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    const nowMs = clock.nowMs();
    // After a stall, skip to the next grid point instead of firing a burst of late ticks.
    while (originMs + k * intervalMs + offsetMs < nowMs - intervalMs) k++;
    timer = setTimeout(
      () => {
        if (stopped) return;
        k++;
        onTick();
        schedule();
      },
      Math.max(0, originMs + k * intervalMs + offsetMs - nowMs),
    );
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
