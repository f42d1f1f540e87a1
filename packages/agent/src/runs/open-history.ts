import { isDiskFullError } from './disk-space.js';
import { IncompatibleHistoryError } from './history-schema.js';
import { RunIndex } from './run-index.js';
import type { SpaceReserve } from './space-reserve.js';

/** Whether the agent has its run history, and in words what it found (readiness and GET /api/status say it). */
export interface HistoryAvailability {
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * The history index of the data folder, opened whatever it holds, so that the agent never refuses to start
 * over it (a container that exits is restarted in a loop):
 * - on a full disk SQLite cannot even create its WAL files, so the reserved room is given back and the index
 *   opened again;
 * - a file from a newer agent that this one can use is used as it is, and the log says so;
 * - a file from a newer agent that this one cannot use is left untouched, and the agent runs on an empty
 *   index in memory with its history unavailable: the API refuses runs and history (503), /readyz is not
 *   ready, and the log says why and what to do.
 */
export function openHistory(
  file: string,
  reserve: SpaceReserve,
  log: (line: string) => void,
): { index: RunIndex; history: HistoryAvailability } {
  let index: RunIndex;
  try {
    index = openIndex(file, reserve, log);
  } catch (error) {
    if (!(error instanceof IncompatibleHistoryError)) throw error;
    const detail = `${error.message}; runs and the run history are unavailable until this is resolved: ${error.hint}`;
    log(
      `HISTORY UNAVAILABLE: ${detail}. The agent serves without it (no restart loop); ${file} is not changed.`,
    );
    return { index: new RunIndex(':memory:'), history: { ok: false, detail } };
  }
  const schema = index.schema;
  switch (schema.kind) {
    case 'newer-compatible': {
      const detail = `schema version ${schema.fileVersion}, newer than this agent's ${schema.agentVersion}, and usable by it: its newer parts only add to what this agent reads and writes`;
      log(`the history index has ${detail}; the agent uses it as it is and leaves the newer parts alone`);
      return { index, history: { ok: true, detail } };
    }
    case 'upgraded':
      log(`the history index was upgraded from schema version ${schema.from} to ${schema.to}`);
      return { index, history: { ok: true, detail: `schema version ${schema.to}` } };
    case 'created':
      log(`a new history index was created (schema version ${schema.version})`);
      return { index, history: { ok: true, detail: `schema version ${schema.version}` } };
    case 'current':
      return { index, history: { ok: true, detail: `schema version ${schema.version}` } };
  }
}

function openIndex(file: string, reserve: SpaceReserve, log: (line: string) => void): RunIndex {
  try {
    return new RunIndex(file);
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    const diskTrouble = isDiskFullError(error) || code.startsWith('SQLITE_IOERR');
    if (!diskTrouble || !reserve.release()) throw error;
    log(
      `the history index could not be opened (${(error as Error).message}): the disk is full; the agent gave back its reserved room`,
    );
    return new RunIndex(file);
  }
}
