import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExitCode, writeFileAtomic } from '@fpt/engine';
import {
  type BaselineComparison,
  buildHtmlReport,
  buildJUnitXml,
  parseSummaryJson,
  type SummaryData,
  SummaryInputError,
} from '@fpt/report';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { version } from '../version.js';

/** Where to write a run's evidence; each file is written only when its path is given. */
export interface RunEvidenceFiles {
  /** The self-contained HTML report. */
  readonly report?: string;
  /** JUnit XML for CI servers. */
  readonly junit?: string;
}

export interface RunEvidenceOptions {
  /** OPTIONAL: the baseline comparison, once the gate computes one; the report draws it when given. */
  readonly baseline?: BaselineComparison;
}

/** A report or JUnit file that could not be written; the message names the file and the reason. */
export class EvidenceWriteError extends Error {
  readonly file: string;
  /** The files that were written all the same. */
  readonly written: readonly string[];
  constructor(file: string, cause: unknown, written: readonly string[]) {
    super(`cannot write ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'EvidenceWriteError';
    this.file = file;
    this.written = written;
  }
}

/**
 * What `--report` and `--junit` ask of a run (fpt run, fpt merge, fpt fleet run): writes each file given
 * (none when neither is) and says each one written on stderr. Throws EvidenceWriteError as writeRunEvidence.
 */
export function writeRequestedEvidence(
  io: CliIo,
  summaryData: SummaryData,
  requested: { readonly report?: string | undefined; readonly junit?: string | undefined },
  options: RunEvidenceOptions = {},
): void {
  const written = writeRunEvidence(
    summaryData,
    {
      ...(requested.report ? { report: requested.report } : {}),
      ...(requested.junit ? { junit: requested.junit } : {}),
    },
    options,
  );
  for (const file of written) io.stderr(`written: ${file}\n`);
}

/**
 * Writes the HTML report and/or JUnit XML of a run from its summary data (parent folders created),
 * for `fpt run --report/--junit` and `fpt report`. Returns the files written, in that order. Throws
 * EvidenceWriteError when a file cannot be written; the other one is still attempted first.
 */
export function writeRunEvidence(
  summaryData: SummaryData,
  files: RunEvidenceFiles,
  options: RunEvidenceOptions = {},
): string[] {
  const outputs: [file: string, build: () => string][] = [];
  if (files.report !== undefined) {
    outputs.push([
      files.report,
      () =>
        buildHtmlReport(summaryData, {
          generatedAt: new Date().toISOString(),
          generator: `fpt ${version}`,
          ...(options.baseline ? { baseline: options.baseline } : {}),
        }),
    ]);
  }
  if (files.junit !== undefined) outputs.push([files.junit, () => buildJUnitXml(summaryData)]);

  const written: string[] = [];
  let failed: [file: string, error: unknown] | undefined;
  for (const [file, build] of outputs) {
    const text = build();
    try {
      mkdirSync(dirname(file), { recursive: true });
      // A reader (the agent's UI, a CI step) never sees half a report.
      writeFileAtomic(file, text);
      written.push(file);
    } catch (error) {
      failed ??= [file, error];
    }
  }
  if (failed) throw new EvidenceWriteError(failed[0], failed[1], written);
  return written;
}

interface ReportCommandOptions {
  output?: string;
  junit?: string;
}

export function registerReportCommand(program: Command, io: CliIo): void {
  program
    .command('report')
    .description(
      'Rebuild the self-contained HTML report and/or JUnit XML from a summary JSON written by `fpt run --summary-export`. Exit 0, or 104 when the summary cannot be used or a file cannot be written.',
    )
    .argument('<summary>', 'summary JSON file (fpt run --summary-export)')
    .option('-o, --output <file>', 'write the HTML report here')
    .option('--junit <file>', 'write JUnit XML here (one test case per threshold and per failed check)')
    .addHelpText(
      'after',
      '\nExamples:\n  fpt report out/summary.json -o out/report.html\n  fpt report out/summary.json -o out/report.html --junit out/junit.xml',
    )
    .action((summaryFile: string, options: ReportCommandOptions) => {
      io.setExitCode(reportCommand(summaryFile, options, io));
    });
}

function reportCommand(summaryFile: string, options: ReportCommandOptions, io: CliIo): number {
  if (options.output === undefined && options.junit === undefined) {
    io.stderr(
      'fpt report: nothing to write\n  hint: give -o <file.html> for the report and/or --junit <file.xml>\n',
    );
    return ExitCode.invalidConfig;
  }
  let text: string;
  try {
    text = readFileSync(summaryFile, 'utf8');
  } catch (error) {
    io.stderr(
      `fpt report: cannot read ${summaryFile}: ${(error as Error).message}\n  hint: pass the file written by fpt run --summary-export\n`,
    );
    return ExitCode.invalidConfig;
  }
  let data: SummaryData;
  try {
    data = parseSummaryJson(text);
  } catch (error) {
    if (!(error instanceof SummaryInputError)) throw error;
    io.stderr(`fpt report: ${summaryFile} is not usable: ${error.message}\n`);
    for (const problem of error.problems) io.stderr(`  ${problem}\n`);
    io.stderr(`  hint: ${error.hint}\n`);
    return ExitCode.invalidConfig;
  }
  const announce = (written: readonly string[]) => {
    for (const file of written)
      io.stderr(`${file === options.output ? 'report' : 'JUnit XML'} written to ${file}\n`);
  };
  try {
    announce(
      writeRunEvidence(data, {
        ...(options.output === undefined ? {} : { report: options.output }),
        ...(options.junit === undefined ? {} : { junit: options.junit }),
      }),
    );
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof EvidenceWriteError)) throw error;
    announce(error.written);
    io.stderr(`fpt report: ${error.message}\n  hint: check that the folder can be created and written\n`);
    return ExitCode.invalidConfig;
  }
}
