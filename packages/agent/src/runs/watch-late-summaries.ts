import type { SummaryData } from '@fpt/report';
import { readRunSummary } from './read-run-summary.js';

/**
 * Long enough for a run process orphaned by its agent's death to stop and write its summary: it stops at
 * once when its IPC channel closes, but its scenarios' gracefulStop (k6's default: 30 s) may run first.
 */
export const lateSummaryWindowMs = 120_000;
const pollMs = 1000;

/**
 * Watches summary files that do not exist yet and calls `found` once for each that appears, for at most
 * `windowMs`. A restarted agent uses it for the runs its predecessor left running: the run process may
 * still be writing its summary when the new agent starts. The timer never keeps the agent alive.
 * Returns a function that stops watching.
 */
export function watchLateSummaries(
  files: ReadonlyMap<string, string>,
  found: (id: string, summary: SummaryData) => void,
  options: { windowMs?: number; pollMs?: number } = {},
): () => void {
  const pending = new Map(files);
  const deadline = Date.now() + (options.windowMs ?? lateSummaryWindowMs);
  const timer = setInterval(() => {
    for (const [id, file] of pending) {
      const summary = readRunSummary(file);
      if (!summary) continue;
      pending.delete(id);
      try {
        found(id, summary);
      } catch {
        // One run's row that cannot be updated must not stop the others, nor crash the agent from a timer.
      }
    }
    if (pending.size === 0 || Date.now() > deadline) clearInterval(timer);
  }, options.pollMs ?? pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
