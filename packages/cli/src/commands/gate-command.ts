import { existsSync } from 'node:fs';
import { GateInputError, renderVerdictText, toBaselineComparison } from '@fpt/gate';
import { ExitCode } from '@fpt/metrics';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { agentLocation } from '../gate/agent-location.js';
import { gateExitCode } from '../gate/gate-exit-code.js';
import { addToleranceOptions, type ToleranceOptionValues, toleranceOverrides } from '../gate/gate-options.js';
import { gateSummary } from '../gate/gate-summary.js';
import { printGateInputError } from '../gate/print-gate-input-error.js';
import { readBaselineInput, readSummaryInput } from '../gate/read-gate-inputs.js';
import { resolveBaselineReference } from '../gate/resolve-baseline-reference.js';
import { resolveSummaryReference } from '../gate/resolve-summary-reference.js';
import { EvidenceWriteError, writeRunEvidence } from './report-command.js';

interface GateCommandOptions extends ToleranceOptionValues {
  baseline: string;
  json?: string;
  markdown?: string;
  junit?: string;
  report?: string;
  agent?: string;
}

export function registerGateCommand(program: Command, io: CliIo): void {
  addToleranceOptions(
    program
      .command('gate')
      .description(
        'Compare a run with its baseline: p95 and error rate, overall, per request and per region. Exit 0 passed, 90 regression, 99 the run itself crossed thresholds, 104 unusable input.',
      )
      .argument('<summary>', 'summary JSON of the run (fpt run --summary-export)')
      .requiredOption(
        '--baseline <file | preset>',
        'a baseline file (fpt baseline save), or a preset name for $FPT_BASELINES_DIR/<preset>.json (default folder ./baselines)',
      ),
  )
    .option('--json <file>', 'write the verdict as JSON')
    .option('--markdown <file>', 'write the verdict as Markdown (append it to $GITHUB_STEP_SUMMARY)')
    .option('--junit <file>', 'write the verdict as JUnit XML (one test case per compared row)')
    .option('--report <file.html>', 'rebuild the HTML report of the run with the comparison drawn in')
    .option(
      '--agent <url>',
      'read <summary> as a run id, and --baseline <preset> when no local file has it, from this agent (default: $FPT_AGENT_URL; token: $FPT_AGENT_TOKEN)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  fpt gate out/summary.json --baseline baselines/pr.json\n  fpt gate out/summary.json --baseline pr --p95-tolerance 15 --markdown out/gate.md --junit out/gate.xml',
    )
    .action(async (summary: string, options: GateCommandOptions) => {
      io.setExitCode(await gateCommand(summary, options, io));
    });
}

async function gateCommand(
  summaryReference: string,
  options: GateCommandOptions,
  io: CliIo,
): Promise<number> {
  try {
    const agent = agentLocation(options.agent, io.env);
    const data = await readSummaryInput(resolveSummaryReference(summaryReference, existsSync, agent));
    const baseline = await readBaselineInput(
      resolveBaselineReference(options.baseline, io.env, existsSync, agent),
    );
    const verdict = gateSummary(
      data,
      baseline,
      toleranceOverrides(options),
      {
        ...(options.json === undefined ? {} : { json: options.json }),
        ...(options.markdown === undefined ? {} : { markdown: options.markdown }),
        ...(options.junit === undefined ? {} : { junit: options.junit }),
      },
      io,
    );
    io.stdout(`\n${renderVerdictText(verdict)}`);
    if (options.report !== undefined) {
      writeRunEvidence(
        data,
        { report: options.report },
        { baseline: toBaselineComparison(verdict, baseline) },
      );
      io.stderr(`report written to ${options.report}\n`);
    }
    return gateExitCode(data.fpt.exitCode, verdict);
  } catch (error) {
    if (error instanceof EvidenceWriteError) {
      io.stderr(`fpt gate: ${error.message}\n  hint: check that the folder can be created and written\n`);
      return ExitCode.invalidConfig;
    }
    if (!(error instanceof GateInputError)) throw error;
    printGateInputError(io, 'fpt gate', error);
    return ExitCode.invalidConfig;
  }
}
