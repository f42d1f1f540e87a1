import type { ExecutionSegment } from '@fpt/preset';
import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { addToleranceOptions, type ToleranceOptionValues } from '../gate/gate-options.js';
import {
  collectList,
  collectPairs,
  executionSegment,
  positiveInteger,
  trendStats,
} from '../parse-options.js';
import { parseStartAt } from '../start-at.js';

// `fpt run`'s command line: its options (shared with `fpt demo`) and the command. The run's code (the engine,
// the report, the gate, the outputs: run-command.ts) loads once a run starts, so `fpt run --help` and a
// mistyped option answer without it.

export interface RunCommandOptions extends ToleranceOptionValues {
  vus?: number;
  duration?: string;
  iterations?: number;
  rate?: number;
  workers?: number;
  env: Record<string, string>;
  tag: Record<string, string>;
  region?: string;
  target?: string;
  summaryExport?: string;
  report?: string;
  junit?: string;
  out: string[];
  baseline?: string;
  gateJson?: string;
  gateMarkdown?: string;
  gateJunit?: string;
  quiet?: boolean;
  allowTarget: string[];
  runId?: string;
  segment?: ExecutionSegment;
  startAt?: number;
  metricsExport?: string;
  artifactsDir?: string;
  liveIpc?: boolean;
  /** Comma-separated names: ${VAR} in the preset reads only these (and --env), not the whole environment. */
  presetEnv?: string;
  scriptRoot?: string;
  color: boolean;
  summaryMode: 'compact' | 'full';
  summaryTrendStats?: string[];
  /** false with --no-summary. */
  summary: boolean;
  /** Run on these agents (the CLI coordinates them) instead of here: see fleet-run.ts. */
  agents?: string;
}

export function addRunOptions(command: Command): Command {
  return (
    addToleranceOptions(command)
      .option(
        '-u, --vus <n>',
        'override the VU count of constant scenarios (arrival rate: maxVUs)',
        positiveInteger,
      )
      .option(
        '-d, --duration <duration>',
        'override the duration (iteration scenarios: maxDuration), e.g. 30s',
      )
      .option(
        '-i, --iterations <n>',
        'override iterations of per-vu-iterations and shared-iterations scenarios',
        positiveInteger,
      )
      .option('--rate <n>', 'override the rate of constant-arrival-rate scenarios', positiveInteger)
      .option(
        '--workers <n>',
        'worker threads, each running a share of the load (default: one per core)',
        positiveInteger,
      )
      .option(
        '-e, --env <KEY=VALUE...>',
        'values for ${VAR} in the preset (added to the environment)',
        collectPairs,
        {},
      )
      .option('--tag <KEY=VALUE...>', 'test-wide tag added to every sample (repeatable)', collectPairs, {})
      .option('--region <name>', 'region tag of every sample (default: $FPT_REGION)')
      .option('--target <url>', 'base URL of the target, replacing target.baseUrl')
      .option('--summary-export <file>', 'write the summary as JSON (k6 handleSummary shape plus FPT fields)')
      .option('--report <file.html>', 'write a self-contained HTML report (no network needed to open it)')
      .option('--junit <file.xml>', 'write JUnit XML: one test case per threshold and per failed check')
      .option(
        '-o, --out <output...>',
        'stream metrics: json=<file> (k6 lines, one per sample), csv=<file>, json-intervals=<file> (one line per series per second), influxdb=<url>; .gz files are gzip-compressed',
        collectList,
        [],
      )
      .option(
        '--baseline <file | preset>',
        'gate in one step: compare with this baseline (a file, or a preset name for baselines/<preset>.json); exit 90 on a regression',
      )
      .option('--gate-json <file>', 'with --baseline: write the verdict as JSON')
      .option(
        '--gate-markdown <file>',
        'with --baseline: write the verdict as Markdown (for $GITHUB_STEP_SUMMARY)',
      )
      .option('--gate-junit <file>', 'with --baseline: write the verdict as JUnit XML')
      .option(
        '--allow-target <rule...>',
        'only send load to these hosts: api.example.com, *.example.com, 10.0.0.0/8, * (loopback only when named)',
        collectList,
        [],
      )
      .option(
        '--segment <i/n>',
        'run only share i of n (0-based) of the load, for a run split across agents; e.g. 0/2 and 1/2',
        executionSegment,
      )
      .option(
        '--start-at <time>',
        'begin the schedule at this moment (ISO 8601 with zone, or epoch ms), so the shares of a split run start together',
        parseStartAt,
      )
      .option(
        '--metrics-export <file>',
        'write every series of the run (encoded HDR histograms) as JSON, for exact merging across agents',
      )
      .option(
        '--artifacts-dir <dir>',
        'folder for screenshots of failed browser steps (default .fpt/artifacts)',
      )
      // Set by an agent for the run child process it starts: per-second points go to the agent over IPC.
      .addOption(new Option('--live-ipc').hideHelp())
      // Set by an agent too: the variables its presets may read (FPT_PRESET_ENV), not the run's whole environment.
      .addOption(new Option('--preset-env <names>').hideHelp())
      // And its presets folder: the scripts, their modules and the files they open() stay inside it.
      .addOption(new Option('--script-root <dir>').hideHelp())
      .option(
        '--run-id <id>',
        'the run id in the summary and outputs (testid tag); default: preset-time-random',
      )
      .option('-q, --quiet', 'no live progress')
      .option('--no-color', 'no colours in the summary')
      .addOption(
        new Option('--summary-mode <mode>', 'compact or full (all HTTP phases, per scenario)')
          .choices(['compact', 'full'])
          .default('compact'),
      )
      .option(
        '--summary-trend-stats <stats>',
        'trend stats in the summary and the summary JSON, k6-style: avg,min,med,max,p(90),p(95),p(99) by default',
        trendStats,
      )
      .option('--no-summary', 'print no end-of-test summary (exports and outputs are still written)')
  );
}

export function registerRunCommand(program: Command, io: CliIo): void {
  addRunOptions(
    program
      .command('run')
      .description(
        'Run a preset and print a k6-style summary. Exit 0 passed, 90 regression against --baseline, 99 thresholds crossed, 104 invalid preset, 105 stopped.',
      )
      .argument('<preset>', 'a preset file, or a preset name found in $FPT_PRESETS_DIR or ./presets'),
  )
    .option(
      '--agents <url,...>',
      'run on these agents and merge their results (exit 97 when one delivers nothing; docs/fleet.md)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  fpt run presets/quick.yaml --target http://127.0.0.1:8787\n  fpt run pr --summary-export out/summary.json --tag build=1234\n  fpt run pr --baseline baselines/pr.json --gate-markdown out/gate.md --report out/report.html',
    )
    .action(async (preset: string, options: RunCommandOptions) => {
      // The fleet's code only for --agents, the engine's only for a local run.
      const run = options.agents
        ? (await import('./run-on-agents.js')).runOnAgents
        : (await import('./run-command.js')).runCommand;
      io.setExitCode(await run(preset, options, io));
    });
}
