import { readGateVerdict } from './read-gate-verdict.js';
import { readRunSummary } from './read-run-summary.js';
import { recoveredRunRecord } from './recovered-run-record.js';
import { isRunId, RunFolder } from './run-folder.js';
import type { RunIndex } from './run-index.js';
import type { RunRecord } from './run-row.js';
import { watchLateSummaries } from './watch-late-summaries.js';

/** What one pass found: the runs it settled, and those it left to the live agent process that runs them. */
export interface RecoveryPass {
  readonly settled: string[];
  readonly leftToOwners: { readonly id: string; readonly owner: string }[];
}

/**
 * Settles the runs an agent process that is gone left marked running: from each run's summary.json when its
 * run process wrote one (figures, exit code, outcome), else as aborted. A run process outlives a killed
 * agent for a moment (it stops when its IPC channel closes, then writes its summary), so a summary that
 * appears after the restart still fills the row. A run whose owner still lives (`liveOwnerOf` names it:
 * the container a redeploy is replacing, stopping its run) is left alone.
 */
export function recoverInterruptedRuns(options: {
  index: RunIndex;
  runsDir: string;
  log: (line: string) => void;
  now?: number;
  /** The live agent process that still runs this run, in words; undefined when it has none. */
  liveOwnerOf?: (record: RunRecord) => string | undefined;
}): RecoveryPass {
  const { index, runsDir, log } = options;
  const now = options.now ?? Date.now();
  const late = new Map<string, string>();
  const ids: string[] = [];
  const leftToOwners: { id: string; owner: string }[] = [];
  for (const record of index.running()) {
    const owner = options.liveOwnerOf?.(record);
    if (owner !== undefined) {
      leftToOwners.push({ id: record.id, owner });
      continue;
    }
    ids.push(record.id);
    // Rows the agent did not make (a benchmark's) have no folder to read.
    if (!isRunId(record.id)) {
      index.update(recoveredRunRecord(record, undefined, null, now));
      continue;
    }
    const folder = new RunFolder(runsDir, record.id);
    const summary = readRunSummary(folder.summary);
    const recovered = recoveredRunRecord(record, summary, readGateVerdict(folder.gate), now);
    index.update(recovered);
    if (summary) log(`run ${record.id}: recorded from the summary.json it wrote: ${recovered.status}`);
    else late.set(record.id, folder.summary);
  }
  if (late.size > 0) {
    watchLateSummaries(late, (id, summary) => {
      // Retention may have removed the row meanwhile; nothing else writes a finished run's row.
      const record = index.get(id);
      if (!record) return;
      try {
        const folder = new RunFolder(runsDir, id);
        const recovered = recoveredRunRecord(record, summary, readGateVerdict(folder.gate), Date.now());
        index.update(recovered);
        log(`run ${id}: its summary.json appeared after the restart; recorded: ${recovered.status}`);
      } catch (error) {
        log(`run ${id}: its late summary.json could not be recorded: ${(error as Error).message}`);
      }
    });
  }
  return { settled: ids, leftToOwners };
}
