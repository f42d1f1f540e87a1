import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mergeShares, type ShareFile, ShareSetError } from '@fpt/fleet';
import { GateInputError, type GateVerdict, renderVerdictText, toBaselineComparison } from '@fpt/gate';
import { compactUtcTimestamp, ExitCode } from '@fpt/metrics';
import { renderTextSummary } from '@fpt/report';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { gateExitCode } from '../gate/gate-exit-code.js';
import { addToleranceOptions, type ToleranceOptionValues, toleranceOverrides } from '../gate/gate-options.js';
import { gateSummary } from '../gate/gate-summary.js';
import { printGateInputError } from '../gate/print-gate-input-error.js';
import { readBaselineInput } from '../gate/read-gate-inputs.js';
import { resolveBaselineReference } from '../gate/resolve-baseline-reference.js';
import { writeSummaryExport } from '../outputs/write-summary-export.js';
import { EvidenceWriteError, writeRequestedEvidence } from './report-command.js';

interface MergeCommandOptions extends ToleranceOptionValues {
  summaryExport?: string;
  report?: string;
  junit?: string;
  baseline?: string;
  gateJson?: string;
  gateMarkdown?: string;
  gateJunit?: string;
  runId?: string;
  color: boolean;
}

export function registerMergeCommand(program: Command, io: CliIo): void {
  addToleranceOptions(
    program
      .command('merge')
      .description(
        "Merge the shares of a split run (fpt run --segment i/n --metrics-export part-i.json) into the one run they make: histograms merged exactly, the preset's thresholds evaluated on the merged data, the same evidence as a single run. Refuses gaps, duplicates and shares of different presets. Exit 0, 99 thresholds crossed, 90 regression against --baseline, 105 a share was stopped, 104 unusable input.",
      )
      .argument('<shares...>', 'the share files, or folders holding them (their *.json metrics exports)')
      .option('--summary-export <file>', 'write the merged summary JSON (k6 handleSummary shape)')
      .option('--report <file.html>', 'write the self-contained HTML report, with the shares listed')
      .option('--junit <file>', 'write JUnit XML (one test case per threshold)')
      .option('--baseline <file | preset>', 'judge the merged run against a baseline, as fpt gate does')
      .option('--gate-json <file>', 'with --baseline: write the verdict as JSON')
      .option('--gate-markdown <file>', 'with --baseline: write the verdict as Markdown')
      .option('--gate-junit <file>', 'with --baseline: write the verdict as JUnit XML')
      .option('--run-id <id>', 'the merged run id (default: preset-time-random)')
      .option('--no-color', 'no colours in the summary'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  for i in 0 1 2 3; do fpt run pr --segment $i/4 --start-at 2026-12-07T14:30:00Z --metrics-export out/part-$i.json & done; wait\n  fpt merge out/part-*.json --summary-export out/summary.json --report out/report.html --baseline pr',
    )
    .action(async (shares: string[], options: MergeCommandOptions) => {
      io.setExitCode(await mergeCommand(shares, options, io));
    });
}

async function mergeCommand(
  references: readonly string[],
  options: MergeCommandOptions,
  io: CliIo,
): Promise<number> {
  let files: ShareFile[];
  try {
    files = readShareFiles(references, io);
  } catch (error) {
    if (!(error instanceof ShareReadError)) throw error;
    io.stderr(`fpt merge: ${error.message}\n  hint: ${error.hint}\n`);
    return ExitCode.invalidConfig;
  }
  let merged: ReturnType<typeof mergeShares>;
  try {
    merged = mergeShares(
      files,
      (preset) => options.runId ?? `${preset}-${compactUtcTimestamp(new Date())}-merged`,
    );
  } catch (error) {
    if (!(error instanceof ShareSetError)) throw error;
    io.stderr(`fpt merge: these shares do not make one run:\n`);
    for (const problem of error.problems) io.stderr(`  ${problem}\n`);
    io.stderr(`  hint: ${error.hint}\n`);
    return ExitCode.invalidConfig;
  }
  const { summary, data } = merged;
  try {
    let verdict: GateVerdict | undefined;
    let baseline: Awaited<ReturnType<typeof readBaselineInput>> | undefined;
    if (options.baseline !== undefined) {
      baseline = await readBaselineInput(resolveBaselineReference(options.baseline, io.env, existsSync));
      verdict = gateSummary(
        data,
        baseline,
        toleranceOverrides(options),
        {
          ...(options.gateJson ? { json: options.gateJson } : {}),
          ...(options.gateMarkdown ? { markdown: options.gateMarkdown } : {}),
          ...(options.gateJunit ? { junit: options.gateJunit } : {}),
        },
        io,
      );
    }
    const comparison = verdict && baseline ? toBaselineComparison(verdict, baseline) : undefined;
    io.stdout(`merged ${files.length} shares of ${summary.preset.name}\n`);
    io.stdout(
      renderTextSummary(summary, {
        color: options.color && process.stdout.isTTY === true,
        ...(comparison ? { baseline: comparison } : {}),
      }),
    );
    if (verdict) io.stdout(`\n${renderVerdictText(verdict)}`);
    if (options.summaryExport) writeSummaryExport(options.summaryExport, data, io);
    writeRequestedEvidence(io, data, options, comparison ? { baseline: comparison } : {});
    return verdict ? gateExitCode(summary.exitCode, verdict) : summary.exitCode;
  } catch (error) {
    if (error instanceof EvidenceWriteError) {
      io.stderr(`fpt merge: ${error.message}\n  hint: check that the folder can be created and written\n`);
      return ExitCode.invalidConfig;
    }
    if (!(error instanceof GateInputError)) throw error;
    printGateInputError(io, 'fpt merge', error);
    return ExitCode.invalidConfig;
  }
}

class ShareReadError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/**
 * The files named, and the *.json files of the folders named. In a folder, JSON that is not a metrics export
 * (the merged summary written there last time, say) is skipped with a note; a file named on its own is
 * always read, so a wrong name is an error rather than a silent omission.
 */
function readShareFiles(references: readonly string[], io: CliIo): ShareFile[] {
  const files: ShareFile[] = [];
  for (const reference of references) {
    if (!existsSync(reference))
      throw new ShareReadError(
        `${reference} does not exist`,
        'name the share files or the folder holding them',
      );
    if (statSync(reference).isDirectory()) {
      const names = readdirSync(reference)
        .filter((name) => name.endsWith('.json'))
        .sort();
      for (const name of names) {
        const file = join(reference, name);
        const content = parseJson(file);
        if ((content as { format?: unknown } | null)?.format !== 'fpt-metrics/1') {
          io.stderr(`fpt merge: skipped ${file}: not a metrics export\n`);
          continue;
        }
        files.push({ file, content });
      }
    } else {
      files.push({ file: reference, content: parseJson(reference) });
    }
  }
  return files;
}

function parseJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ShareReadError(
      `cannot read ${file}: ${(error as Error).message}`,
      'a share is the JSON file `fpt run --metrics-export` wrote; was it copied whole?',
    );
  }
}
