import { mkdirSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { ExitCode, writeFileAtomic } from '@fpt/engine';
import { FleetLiveFollower, type FleetRun, newFleetRunId, type Peer, runFleet } from '@fpt/fleet';
import { isScriptFile, type LoadOverrides } from '@fpt/preset';
import { renderTextSummary } from '@fpt/report';
import type { CliIo } from '../cli-io.js';
import { formatFleetProgressLine } from '../live/fleet-progress-line.js';
import { ProgressDisplay } from '../live/progress-display.js';
import { writeSummaryExport } from '../outputs/write-summary-export.js';
import { renderFleetTable } from './render-fleet-table.js';
import { writeRequestedEvidence } from './report-command.js';

/** The flags `fpt fleet run` and `fpt run --agents` share. */
export interface FleetRunFlags {
  readonly vus?: number;
  readonly duration?: string;
  readonly iterations?: number;
  readonly rate?: number;
  readonly target?: string;
  readonly tag: Readonly<Record<string, string>>;
  readonly summaryExport?: string;
  readonly report?: string;
  readonly junit?: string;
  readonly metricsExport?: string;
  readonly quiet?: boolean;
  readonly color: boolean;
}

export interface FleetRunInput {
  /** A preset or script name on the agents (a path is reduced to its file name without extension). */
  readonly preset: string;
  readonly regions: readonly string[];
  readonly peers: readonly Peer[];
  readonly flags: FleetRunFlags;
}

/**
 * The CLI as the coordinator (`fpt fleet run`, `fpt run --agents`): runs the preset on the agents, follows
 * them on stderr, prints the merged summary and the regions side by side, writes the evidence, and returns
 * the fleet's exit code (0, 99, 97 regions missing, 105 stopped), so a CI job can gate on it.
 */
export async function fleetRunCommand(input: FleetRunInput, io: CliIo): Promise<number> {
  const { flags } = input;
  const preset = agentPresetName(input.preset);
  const overrides: LoadOverrides = {
    ...(flags.vus === undefined ? {} : { vus: flags.vus }),
    ...(flags.duration === undefined ? {} : { duration: flags.duration }),
    ...(flags.iterations === undefined ? {} : { iterations: flags.iterations }),
    ...(flags.rate === undefined ? {} : { rate: flags.rate }),
    ...(flags.target === undefined ? {} : { target: flags.target }),
  };
  const id = newFleetRunId(preset, new Date(), Math.random().toString(16).slice(2, 8).padEnd(6, '0'));
  const stop = new AbortController();
  let signals = 0;
  const onSignal = (name: string) => {
    signals++;
    if (signals > 1) process.exit(ExitCode.externalAbort);
    io.stderr(`\nfpt: ${name} received, stopping every agent's run; the merged summary is still written\n`);
    stop.abort();
  };
  const onSigint = () => onSignal('SIGINT');
  const onSigterm = () => onSignal('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  // Each merged second of every agent's own live stream, as `fpt run` shows its own (redrawn on a TTY,
  // a line every 5 s in a CI log), between the agents' state changes.
  const display = new ProgressDisplay((text) => io.stderr(text), {
    tty: process.stderr.isTTY === true,
    columns: process.stderr.columns,
  });
  const live = flags.quiet
    ? undefined
    : new FleetLiveFollower({
        peers: input.peers,
        regions: input.regions,
        onPoint: (point) => display.show(formatFleetProgressLine(point), point.elapsedMs),
        onStatus: () => {},
      });
  const seen = new Map<string, string>();
  const showProgress = (run: FleetRun) => {
    live?.update(run);
    for (const region of run.regions) {
      for (const agent of region.agents) {
        const line = `${agent.state}${agent.runId ? ` run ${agent.runId}` : ''}${agent.reason && agent.state !== 'running' ? `: ${agent.reason}` : ''}`;
        const key = `${region.region}/${agent.peer}`;
        if (seen.get(key) === line) continue;
        seen.set(key, line);
        display.interrupt(`${key} (${agent.segment.index + 1}/${agent.segment.count}) ${line}\n`);
      }
    }
  };
  if (!flags.quiet) io.stderr(`fleet run ${id}: ${preset} in ${input.regions.join(', ')}\n`);
  try {
    let result: Awaited<ReturnType<typeof runFleet>>;
    try {
      result = await runFleet({
        request: { id, preset, regions: input.regions, overrides, tags: flags.tag },
        peers: input.peers,
        coordinator: 'cli',
        signal: stop.signal,
        ...(flags.quiet ? {} : { onUpdate: showProgress }),
      });
    } finally {
      // On an error too: the live line's last seconds are flushed, then cleared before anything else is said.
      await live?.close();
      display.finish();
    }
    io.stdout(renderTextSummary(result.summary, { color: flags.color && process.stdout.isTTY === true }));
    io.stdout(renderFleetTable(result.run));
    if (flags.summaryExport) writeSummaryExport(flags.summaryExport, result.data, io);
    if (flags.metricsExport) {
      mkdirSync(dirname(flags.metricsExport), { recursive: true });
      writeFileAtomic(flags.metricsExport, JSON.stringify(result.summary.metrics));
      io.stderr(`metrics written to ${flags.metricsExport}\n`);
    }
    writeRequestedEvidence(io, result.data, flags);
    return result.run.exitCode ?? ExitCode.internalError;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  }
}

/** Agents run presets and scripts by name; `presets/quick.yaml` means `quick` there, `flow.js` means `flow`. */
export function agentPresetName(reference: string): string {
  const file = basename(reference);
  const extension = extname(file);
  return /^\.(ya?ml|json)$/i.test(extension) || isScriptFile(file) ? file.slice(0, -extension.length) : file;
}
