import { InvalidArgumentError } from 'commander';

/** The furthest ahead a start may be set: a typo in the date must not park a CI job for days. */
const furthestAheadMs = 24 * 60 * 60 * 1000;

/**
 * `--start-at`: the moment every share of a split run begins its schedule, as an ISO 8601 time with a
 * zone (2026-12-07T14:30:00Z) or epoch milliseconds, so that n machines put their load on at once.
 */
export function parseStartAt(text: string): number {
  const trimmed = text.trim();
  const ms = /^\d{10,}$/.test(trimmed)
    ? Number(trimmed)
    : /(Z|[+-]\d\d:?\d\d)$/i.test(trimmed)
      ? Date.parse(trimmed)
      : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new InvalidArgumentError(
      `"${text}" is not a start time: give an ISO 8601 time with its zone (2026-12-07T14:30:00Z) or epoch milliseconds`,
    );
  }
  if (ms - Date.now() > furthestAheadMs) {
    throw new InvalidArgumentError(
      `${new Date(ms).toISOString()} is more than 24 hours ahead; check the date (every share waits for it)`,
    );
  }
  return ms;
}

/**
 * Waits until the start time (wall clock: each machine's own, NTP-synced), or less if the run is stopped.
 * Says what it waits for; a start already past is a warning, not a refusal: the share still runs, late.
 */
export async function waitForStart(
  startAtMs: number,
  signal: AbortSignal,
  say: (line: string) => void,
): Promise<void> {
  const delayMs = startAtMs - Date.now();
  const at = new Date(startAtMs).toISOString();
  if (delayMs <= 0) {
    if (delayMs < -1000)
      say(
        `WARN --start-at ${at} passed ${(-delayMs / 1000).toFixed(1)} s ago: this share starts late, so its load overlaps the others' less\n`,
      );
    return;
  }
  say(`waiting until ${at} to start with the other shares (${(delayMs / 1000).toFixed(1)} s)\n`);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, delayMs);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
