import {
  type Baseline,
  compareWithBaseline,
  type GateVerdict,
  renderVerdictJson,
  renderVerdictJUnit,
  renderVerdictMarkdown,
  resolveTolerances,
  type Tolerances,
} from '@fpt/gate';
import type { SummaryData } from '@fpt/report';
import type { CliIo } from '../cli-io.js';
import { writeOutputFile } from './write-output-file.js';

/** Where to write the verdict besides the table on stdout; each file only when its path is given. */
export interface VerdictFiles {
  readonly json?: string;
  readonly markdown?: string;
  readonly junit?: string;
}

/**
 * Judges a run's summary against a baseline and writes the verdict files; the caller prints the verdict
 * table (renderVerdictText) where its output wants it. Shared by `fpt gate` and `fpt run --baseline`.
 * Throws GateInputError when the two cannot be compared or a file cannot be written (exit 104).
 */
export function gateSummary(
  data: SummaryData,
  baseline: Baseline,
  overrides: Partial<Tolerances>,
  files: VerdictFiles,
  io: CliIo,
): GateVerdict {
  const verdict = compareWithBaseline(data, baseline, resolveTolerances(data, overrides));
  const outputs: [file: string | undefined, what: string, render: (v: GateVerdict) => string][] = [
    [files.json, 'verdict JSON', renderVerdictJson],
    [files.markdown, 'verdict Markdown', renderVerdictMarkdown],
    [files.junit, 'verdict JUnit XML', renderVerdictJUnit],
  ];
  for (const [file, what, render] of outputs) {
    if (file === undefined) continue;
    writeOutputFile(file, render(verdict));
    io.stderr(`${what} written to ${file}\n`);
  }
  return verdict;
}
