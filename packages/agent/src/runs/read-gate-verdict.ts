import { existsSync, readFileSync } from 'node:fs';
import type { BaselineVerdict } from './run-row.js';

/** The verdict a gated run wrote to its gate.json; null when it has none (no baseline) or it cannot be read. */
export function readGateVerdict(file: string): BaselineVerdict {
  if (!existsSync(file)) return null;
  try {
    const status = (JSON.parse(readFileSync(file, 'utf8')) as { status?: unknown }).status;
    return status === 'pass' || status === 'regression' ? status : null;
  } catch {
    return null;
  }
}
