import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  EngineError,
  ExitCode,
  runPreset,
  TargetAllowlist,
  TargetAllowlistError,
  writeFileAtomic,
} from '@fpt/engine';
import {
  assertBaselineForPreset,
  type Baseline,
  GateInputError,
  type GateVerdict,
  renderVerdictText,
  toBaselineComparison,
} from '@fpt/gate';
import { compactUtcTimestamp, type MetricsExport, type SampleBatch } from '@fpt/metrics';
import {
  type ExecutionSegment,
  formatProblem,
  isScriptFile,
  type LoadOverrides,
  loadPresetFile,
  loadScriptFile,
  PresetError,
} from '@fpt/preset';
import { buildSummaryData, renderTextSummary } from '@fpt/report';
import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { agentLocation } from '../gate/agent-location.js';
import { gateExitCode } from '../gate/gate-exit-code.js';
import { addToleranceOptions, type ToleranceOptionValues, toleranceOverrides } from '../gate/gate-options.js';
import { gateSummary } from '../gate/gate-summary.js';
import { printGateInputError } from '../gate/print-gate-input-error.js';
import { readBaselineInput } from '../gate/read-gate-inputs.js';
import { resolveBaselineReference } from '../gate/resolve-baseline-reference.js';
import { LiveIpcReporter } from '../live/live-ipc-reporter.js';
import { ProgressDisplay } from '../live/progress-display.js';
import { formatRunPlan } from '../live/run-plan.js';
import { OutputSpecError, openRunOutputs, type RunOutputs } from '../outputs/run-outputs.js';
import { writeSummaryExport } from '../outputs/write-summary-export.js';
import {
  collectList,
  collectPairs,
  executionSegment,
  positiveInteger,
  trendStats,
} from '../parse-options.js';
import { proxyEnvironmentOf } from '../proxy-environment.js';
import { resolvePresetPath } from '../resolve-preset-path.js';
import { parseStartAt, waitForStart } from '../start-at.js';
import { writeRunEvidence } from './report-command.js';

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
      io.setExitCode(
        await (options.agents ? runOnAgentsLazily(preset, options, io) : runCommand(preset, options, io)),
      );
    });
}

/** Shared by `fpt run` and `fpt demo`. Returns the exit code. */
export async function runCommand(
  presetReference: string,
  options: RunCommandOptions,
  io: CliIo,
): Promise<number> {
  const file = resolvePresetPath(presetReference, io.env);
  const overrides: LoadOverrides = {
    ...(options.vus === undefined ? {} : { vus: options.vus }),
    ...(options.duration === undefined ? {} : { duration: options.duration }),
    ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
    ...(options.rate === undefined ? {} : { rate: options.rate }),
    ...(options.target === undefined ? {} : { target: options.target }),
  };
  let loaded: ReturnType<typeof loadPresetFile>;
  const env = { ...presetEnvironment(io.env, options.presetEnv), ...options.env };
  // A script's __ENV is what a preset's ${VAR} may read: the environment (an agent's allowed part) and -e.
  const scriptEnv = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  try {
    if (isScriptFile(file)) {
      const script = loadScriptFile(file, {
        env,
        overrides,
        ...(options.scriptRoot === undefined ? {} : { root: options.scriptRoot }),
      });
      loaded = script.loaded;
      for (const warning of script.warnings) io.stderr(`WARN ${warning}\n`);
    } else
      loaded = loadPresetFile(file, {
        env,
        overrides,
        ...(options.scriptRoot === undefined ? {} : { scriptRoot: options.scriptRoot }),
      });
  } catch (error) {
    if (!(error instanceof PresetError)) throw error;
    io.stderr(
      `invalid ${isScriptFile(file) ? 'script' : 'preset'} ${file}: ${error.problems.length === 1 ? '1 problem' : `${error.problems.length} problems`}\n`,
    );
    for (const problem of error.problems) io.stderr(`  ${formatProblem(problem)}\n`);
    return ExitCode.invalidConfig;
  }

  if (options.allowTarget.length > 0) {
    try {
      TargetAllowlist.parse(options.allowTarget);
    } catch (error) {
      if (!(error instanceof TargetAllowlistError)) throw error;
      io.stderr(`fpt: --allow-target: ${error.message}\n  hint: ${error.hint}\n`);
      return ExitCode.invalidConfig;
    }
  }
  // The baseline is read before the run, so a missing or wrong file costs no load.
  let baseline: Baseline | undefined;
  if (options.baseline !== undefined) {
    try {
      baseline = await readBaselineInput(
        resolveBaselineReference(options.baseline, io.env, existsSync, agentLocation(undefined, io.env)),
      );
      assertBaselineForPreset(baseline, loaded.preset.name);
    } catch (error) {
      if (!(error instanceof GateInputError)) throw error;
      printGateInputError(io, 'fpt run', error);
      return ExitCode.invalidConfig;
    }
  } else if (options.gateJson || options.gateMarkdown || options.gateJunit) {
    io.stderr('fpt run: --gate-json, --gate-markdown and --gate-junit need --baseline <file | preset>\n');
    return ExitCode.invalidConfig;
  }

  const region = options.region ?? io.env.FPT_REGION;
  const id = options.runId ?? runId(loaded.preset.name);
  let outputs: RunOutputs;
  try {
    outputs = openRunOutputs(
      options.out,
      io.env,
      {
        testid: id,
        preset: loaded.preset.name,
        ...(region ? { region } : {}),
        ...(io.env.FPT_AGENT_ID ? { agent: io.env.FPT_AGENT_ID } : {}),
        metrics: loaded.preset,
      },
      (message) => io.stderr(`WARN ${message}\n`),
    );
  } catch (error) {
    if (!(error instanceof OutputSpecError)) throw error;
    io.stderr(`fpt: ${error.message}\n  hint: ${error.hint}\n`);
    return ExitCode.invalidConfig;
  }

  const stop = new AbortController();
  let signals = 0;
  const onSignal = (name: string) => {
    signals++;
    if (signals === 1) {
      io.stderr(`\nfpt: ${name} received, stopping; the summary is still written (again to quit at once)\n`);
      stop.abort();
    } else {
      process.exit(ExitCode.externalAbort);
    }
  };
  const onSigint = () => onSignal('SIGINT');
  const onSigterm = () => onSignal('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);

  if (!options.quiet) io.stderr(formatRunPlan(loaded, options.segment));
  if (options.startAt !== undefined) await waitForStart(options.startAt, stop.signal, io.stderr);
  const live = options.liveIpc ? LiveIpcReporter.connect(() => stop.abort()) : undefined;
  const display = options.quiet
    ? undefined
    : new ProgressDisplay(io.stderr, {
        tty: process.stderr.isTTY === true,
        browserOnly: Object.values(loaded.preset.scenarios).every((spec) => spec.browser && !spec.requests),
      });
  try {
    let summary = await runPreset({
      loaded,
      runId: id,
      ...(region ? { region } : {}),
      ...(options.workers ? { workers: options.workers } : {}),
      tags: options.tag,
      signal: stop.signal,
      ...(options.allowTarget.length > 0 ? { targetAllowlist: options.allowTarget } : {}),
      ...(options.artifactsDir ? { artifactsDir: options.artifactsDir } : {}),
      ...(options.segment ? { segment: options.segment } : {}),
      proxyEnvironment: proxyEnvironmentOf(io.env),
      scriptEnv,
      onProgress: (progress) => {
        display?.update(progress);
        live?.progress(progress);
      },
      onWarning: (message) => {
        display?.finish();
        io.stderr(`WARN ${message}\n`);
      },
      onInterval: (delta, at) => {
        outputs.write(delta, at);
        live?.interval(delta);
      },
      ...(outputs.wantsSamples ? { onSamples: (batch: SampleBatch) => outputs.writeSamples(batch) } : {}),
    });
    display?.finish();
    // Outputs flush before the summary is printed, so that what they wrote and dropped is part of it.
    const closedOutputs = await outputs.close();
    if (closedOutputs.warnings.length > 0)
      summary = { ...summary, warnings: [...summary.warnings, ...closedOutputs.warnings] };
    const summaryData = buildSummaryData(
      summary,
      options.summaryTrendStats ? { trendStats: options.summaryTrendStats } : {},
    );
    // The baseline is judged before the summary prints, so the summary's last line can say what the exit
    // code will: a run whose thresholds held but that regressed ends "✗ regression", not "✓ passed".
    let verdict: GateVerdict | undefined;
    let gateError: GateInputError | undefined;
    if (baseline !== undefined) {
      try {
        verdict = gateSummary(
          summaryData,
          baseline,
          toleranceOverrides(options),
          {
            ...(options.gateJson ? { json: options.gateJson } : {}),
            ...(options.gateMarkdown ? { markdown: options.gateMarkdown } : {}),
            ...(options.gateJunit ? { junit: options.gateJunit } : {}),
          },
          io,
        );
      } catch (error) {
        if (!(error instanceof GateInputError)) throw error;
        gateError = error;
      }
    }
    const comparison = verdict && baseline ? toBaselineComparison(verdict, baseline) : undefined;
    if (options.summary !== false) {
      io.stdout(
        renderTextSummary(summary, {
          color: options.color && process.stdout.isTTY === true,
          mode: options.summaryMode,
          ...(options.summaryTrendStats ? { trendStats: options.summaryTrendStats } : {}),
          ...(comparison ? { baseline: comparison } : {}),
        }),
      );
      for (const line of closedOutputs.lines) io.stdout(`  ${line}\n`);
    }
    if (options.summaryExport) writeSummaryExport(options.summaryExport, summaryData, io);
    if (options.metricsExport) {
      mkdirSync(dirname(options.metricsExport), { recursive: true });
      const { metrics, ...run } = summary;
      const exported: MetricsExport = {
        ...metrics,
        run: { ...(options.segment ? { segment: options.segment } : {}), summary: run },
      };
      writeFileAtomic(options.metricsExport, JSON.stringify(exported));
      io.stderr(`metrics written to ${options.metricsExport}\n`);
    }
    if (gateError) {
      printGateInputError(io, 'fpt run', gateError);
      return ExitCode.invalidConfig;
    }
    if (verdict) io.stdout(`\n${renderVerdictText(verdict)}`);
    if (options.report || options.junit) {
      const written = writeRunEvidence(
        summaryData,
        {
          ...(options.report ? { report: options.report } : {}),
          ...(options.junit ? { junit: options.junit } : {}),
        },
        comparison ? { baseline: comparison } : {},
      );
      for (const file of written) io.stderr(`written: ${file}\n`);
    }
    return verdict ? gateExitCode(summary.exitCode, verdict) : summary.exitCode;
  } catch (error) {
    display?.finish();
    if (error instanceof EngineError) {
      io.stderr(`fpt: ${error.message}\n  hint: ${error.hint}\n`);
      return ExitCode.invalidConfig;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    live?.close();
    // After an error the outputs still flush what they hold; closing twice is harmless.
    for (const line of (await outputs.close()).lines) io.stderr(`${line}\n`);
  }
}

/** The variables ${VAR} may read: the whole environment, or only the names an agent allows. */
function presetEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  names: string | undefined,
): Record<string, string | undefined> {
  if (names === undefined) return { ...env };
  const allowed = names.split(',').filter((name) => name !== '');
  return Object.fromEntries(allowed.map((name) => [name, env[name]]));
}

/** Sortable and unique enough to tell runs apart in InfluxDB: preset, UTC time, a random suffix. */
function runId(preset: string): string {
  return `${preset}-${compactUtcTimestamp(new Date())}-${Math.random().toString(36).slice(2, 6)}`;
}

/** The fleet's code is loaded only for `--agents`: a local run does not pay for it at start-up. */
async function runOnAgentsLazily(preset: string, options: RunCommandOptions, io: CliIo): Promise<number> {
  const { runOnAgents } = await import('./run-on-agents.js');
  return runOnAgents(preset, options, io);
}
