import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '@fpt/engine';
import type { SummaryData } from '@fpt/report';
import type { CliIo } from '../cli-io.js';

/** `--summary-export`: the summary JSON, written whole or not at all, and where it went on stderr. */
export function writeSummaryExport(file: string, data: SummaryData, io: CliIo): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
  io.stderr(`summary written to ${file}\n`);
}
