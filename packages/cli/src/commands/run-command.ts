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
  formatProblem,
  isScriptFile,
  type LoadOverrides,
  loadPresetFile,
  loadScriptFile,
  PresetError,
} from '@fpt/preset';
import { buildSummaryData, renderTextSummary } from '@fpt/report';
import type { CliIo } from '../cli-io.js';
import { agentLocation } from '../gate/agent-location.js';
import { gateExitCode } from '../gate/gate-exit-code.js';
import { toleranceOverrides } from '../gate/gate-options.js';
import { gateSummary } from '../gate/gate-summary.js';
import { printGateInputError } from '../gate/print-gate-input-error.js';
import { readBaselineInput } from '../gate/read-gate-inputs.js';
import { resolveBaselineReference } from '../gate/resolve-baseline-reference.js';
import { LiveIpcReporter } from '../live/live-ipc-reporter.js';
import { ProgressDisplay } from '../live/progress-display.js';
import { formatRunPlan } from '../live/run-plan.js';
import { OutputSpecError, openRunOutputs, type RunOutputs } from '../outputs/run-outputs.js';
import { writeSummaryExport } from '../outputs/write-summary-export.js';
import { proxyEnvironmentOf } from '../proxy-environment.js';
import { resolvePresetPath } from '../resolve-preset-path.js';
import { waitForStart } from '../start-at.js';
import { writeRequestedEvidence } from './report-command.js';
import type { RunCommandOptions } from './run-command-line.js';

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
        columns: process.stderr.columns,
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
    writeRequestedEvidence(io, summaryData, options, comparison ? { baseline: comparison } : {});
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
