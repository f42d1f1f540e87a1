import { existsSync } from 'node:fs';
import { type Baseline, buildBaseline, GateInputError } from '@fpt/gate';
import { ExitCode } from '@fpt/metrics';
import { formatMs } from '@fpt/readable';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { agentLocation } from '../gate/agent-location.js';
import { printGateInputError } from '../gate/print-gate-input-error.js';
import { readSummaryInput } from '../gate/read-gate-inputs.js';
import { resolveSummaryReference } from '../gate/resolve-summary-reference.js';
import { writeOutputFile } from '../gate/write-output-file.js';

export function registerBaselineCommand(program: Command, io: CliIo): void {
  const baseline = program
    .command('baseline')
    .description('Baselines: the figures of a reference run that later runs are compared with (fpt gate).');
  baseline
    .command('save')
    .description(
      'Save a baseline from a run summary, as a JSON file a repository can commit. Exit 0, or 104 when the summary cannot be used or the file cannot be written.',
    )
    .argument('<summary>', 'summary JSON of the reference run (fpt run --summary-export)')
    .requiredOption('-o, --output <file>', 'where to write the baseline, e.g. baselines/pr.json')
    .option(
      '--agent <url>',
      'read <summary> as a run id from this agent (default: $FPT_AGENT_URL; token: $FPT_AGENT_TOKEN)',
    )
    .addHelpText(
      'after',
      '\nExample:\n  fpt run pr --summary-export out/summary.json && fpt baseline save out/summary.json -o baselines/pr.json',
    )
    .action(async (summary: string, options: { output: string; agent?: string }) => {
      io.setExitCode(await saveBaseline(summary, options, io));
    });
}

async function saveBaseline(
  summaryReference: string,
  { output, agent }: { output: string; agent?: string },
  io: CliIo,
): Promise<number> {
  try {
    const data = await readSummaryInput(
      resolveSummaryReference(summaryReference, existsSync, agentLocation(agent, io.env)),
    );
    const { baseline, warnings } = buildBaseline(data, new Date());
    writeOutputFile(output, `${JSON.stringify(baseline, null, 2)}\n`);
    for (const warning of warnings) io.stderr(`WARN ${warning}\n`);
    const { overall } = baseline;
    io.stdout(
      `baseline of preset ${baseline.preset.name} written to ${output}: ${overall.count} requests, p95 ${overall.p95Ms === null ? '–' : formatMs(overall.p95Ms)}, ${baseline.requests.length} request name(s), ${baseline.regions.length} region(s)${vitalsNote(baseline)}${customMetricsNote(baseline)}\n`,
    );
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof GateInputError)) throw error;
    printGateInputError(io, 'fpt baseline save', error);
    return ExitCode.invalidConfig;
  }
}

/** ", custom metrics checkout_time, search_time" when the run had custom time trends (the gate judges their p95). */
function customMetricsNote(baseline: Baseline): string {
  const names = (baseline.customMetrics ?? []).map((m) => m.metric);
  return names.length > 0 ? `, custom metric(s) ${names.join(', ')}` : '';
}

/** ", Web Vitals of 2 page(s)" when the run had browser journeys. */
function vitalsNote(baseline: Baseline): string {
  const pages = new Set((baseline.webVitals ?? []).map((v) => v.page));
  return pages.size > 0 ? `, Web Vitals of ${pages.size} page(s)` : '';
}
