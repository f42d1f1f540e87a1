import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, isScriptFile, loadExtent, PresetError } from '@fpt/preset';
import { keyFigures } from '@fpt/report';
import type { AgentConfig } from '../config/agent-config.js';
import type { LoadedEntry, PresetCatalog } from '../presets/preset-catalog.js';
import type { RunChildMessage } from '../run-process/run-child-message.js';
import { checkRunCaps } from '../security/check-run-caps.js';
import { checkRunTargets } from '../security/check-run-targets.js';
import { runTargets } from '../security/run-targets.js';
import { AgentHttpError } from '../server/agent-http-error.js';
import type { BaselineStore } from './baseline-store.js';
import { DeferredIndexWrites } from './deferred-index-writes.js';
import { diskFullRefusal, isDiskFullError, lackOfRoom } from './disk-space.js';
import { LiveChannel } from './live-channel.js';
import { type LivePoint, livePointSlimming } from './live-point.js';
import { currentProcessIdentity } from './process-identity.js';
import { readRunSummary } from './read-run-summary.js';
import { type RecoveryPass, recoverInterruptedRuns } from './recover-interrupted-runs.js';
import { enforceRetention } from './retention.js';
import { isRunId, newRunId, RunFolder } from './run-folder.js';
import type { RunIndex } from './run-index.js';
import { leaseHeartbeatMs, otherLiveOwner } from './run-lease.js';
import { RunLeaseKeeper } from './run-lease-keeper.js';
import {
  type BaselineVerdict,
  noFigures,
  type RunRecord,
  type RunRow,
  RunStatus,
  withLinks,
} from './run-row.js';
import { runStopGraceMs } from './run-stop-grace.js';
import type { SpaceReserve } from './space-reserve.js';
import type { StartRequest } from './start-request.js';

/** How to start `fpt run` in a child process: the CLI passes its own entry, so the agent needs no CLI import. */
export interface RunCommand {
  readonly command: string;
  readonly args: readonly string[];
}

interface ActiveRun {
  readonly id: string;
  record: RunRecord;
  child?: ChildProcess;
  channel?: LiveChannel;
  stopRequested: boolean;
  /** Why it was stopped when not on request (the agent itself stopping): the row's reason. */
  stopReason?: string;
  /** Set when the child has exited and the row is final. */
  readonly finished: Promise<void>;
  resolveFinished: () => void;
}

const exitCodes = { ok: 0, thresholds: 99, invalid: 104, stopped: 105 } as const;

/**
 * One run at a time, each in a child process (`fpt run` with the live stream over IPC), so that a crash or
 * a leak in a run cannot take the agent down. The slot is taken synchronously before anything awaits:
 * requests that arrive together can never start two runs.
 */
export class RunManager {
  readonly #config: AgentConfig;
  readonly #index: RunIndex;
  readonly #catalog: PresetCatalog;
  readonly #runCommand: RunCommand;
  readonly #baselines: BaselineStore;
  readonly #runsDir: string;
  readonly #log: (line: string) => void;
  #active: ActiveRun | undefined;
  readonly #deferred: DeferredIndexWrites;
  readonly #reserve: SpaceReserve | undefined;
  /** Channels of recent runs, so a client that opens the stream just after the end still gets it. */
  readonly #recent = new Map<string, LiveChannel>();
  readonly #leases: RunLeaseKeeper;
  /** Looks, every heartbeat, for runs whose agent process is gone (see #settleOrphans). */
  #orphanWatch: NodeJS.Timeout | undefined;
  #orphanWatchError: string | undefined;

  constructor(options: {
    config: AgentConfig;
    index: RunIndex;
    catalog: PresetCatalog;
    runCommand: RunCommand;
    baselines: BaselineStore;
    log: (line: string) => void;
    /** Room kept in the data folder, given back when a full disk would keep a run's row from the index. */
    reserve?: SpaceReserve;
  }) {
    this.#baselines = options.baselines;
    this.#config = options.config;
    this.#index = options.index;
    this.#catalog = options.catalog;
    this.#runCommand = options.runCommand;
    this.#runsDir = join(options.config.dataDir, 'runs');
    this.#log = options.log;
    this.#reserve = options.reserve;
    this.#deferred = new DeferredIndexWrites(options.index, options.log, options.reserve);
    this.#leases = new RunLeaseKeeper(currentProcessIdentity(), (id) => this.#owns(id));
    mkdirSync(this.#runsDir, { recursive: true });
  }

  /**
   * Settles the runs an agent process that is gone left running (from their summary.json when there is
   * one, else as aborted), then applies retention. A run another live agent process still runs (the
   * container a redeploy replaces) is left to it; from now on, every heartbeat, such runs are settled as
   * soon as their owner is gone.
   */
  recover(): string[] {
    const pass = this.#settleOrphans();
    for (const { id, owner } of pass.leftToOwners)
      this.#log(`run ${id} is still running in another agent process (${owner}): left to it`);
    this.#applyRetention();
    if (!this.#orphanWatch) {
      this.#orphanWatch = setInterval(() => this.#watchOrphans(), leaseHeartbeatMs);
      this.#orphanWatch.unref();
    }
    return pass.settled;
  }

  get current(): RunRow | undefined {
    return this.#active ? withLinks(this.#active.record) : undefined;
  }

  async start(request: StartRequest): Promise<RunRow> {
    if (this.#active) {
      throw new AgentHttpError(
        409,
        `a run is in progress: ${this.#active.id}`,
        'wait for it to end, or stop it',
        {
          runId: this.#active.id,
        },
      );
    }
    // Rows a full disk held back go first: the history should be right before anything new starts.
    this.#deferred.flush();
    // Two agent processes on one data folder (a redeploy's overlap) must not run two loads at once.
    const elsewhere = this.#runOfAnotherProcess();
    if (elsewhere) {
      throw new AgentHttpError(
        409,
        `run ${elsewhere.id} is in progress in another agent process on this data folder (${elsewhere.owner})`,
        'wait for it to end; during a redeploy the agent being replaced stops its run and exits within a minute',
        { runId: elsewhere.id },
      );
    }
    const lack = this.lackOfRoom();
    if (lack) throw diskFullRefusal(lack);
    const id = newRunId(request.preset, new Date(), randomBytes(3).toString('hex'));
    let resolveFinished = () => {};
    const finished = new Promise<void>((resolve) => {
      resolveFinished = resolve;
    });
    const active: ActiveRun = {
      id,
      record: this.#initialRecord(id, request),
      stopRequested: false,
      finished,
      resolveFinished,
    };
    // The slot is taken here, before the first await.
    this.#active = active;
    try {
      const entry = this.#validate(request);
      // A script's URLs are known only as it sends them (the run's own guard judges each one); what is
      // known now (a base URL, a preset's absolute URLs) is judged now.
      const refusal = await checkRunTargets(runTargets(entry.loaded.preset), this.#config.allowTargets);
      if (refusal) {
        throw new AgentHttpError(
          403,
          `target not allowed: ${refusal.reason}`,
          'ask the operator to add the host to FPT_ALLOW_TARGETS, or aim the run at an allowed target',
          { target: refusal.target, rule: refusal.reason, allowlist: this.#config.allowTargets },
        );
      }
      if (active.stopRequested) throw new AgentHttpError(409, 'the run was stopped before it started');
      active.record = {
        ...active.record,
        // What the user planned, graceful stops left out (the live progress says the same).
        plannedMs: loadExtent(entry.loaded.preset.scenarios).plannedDurationMs,
      };
      this.#launch(active, request, entry);
      return withLinks(active.record);
    } catch (error) {
      this.#active = undefined;
      active.resolveFinished();
      if (!isDiskFullError(error)) throw error;
      // The folder or the row could not be written: nothing of the refused run is left behind.
      rmSync(new RunFolder(this.#runsDir, id).dir, { recursive: true, force: true });
      throw diskFullRefusal((error as Error).message);
    }
  }

  stop(id: string): RunRow {
    const active = this.#active;
    if (!active || active.id !== id) {
      throw new AgentHttpError(
        409,
        `run ${id} is not running`,
        this.#active ? `the running run is ${this.#active.id}` : undefined,
      );
    }
    this.#requestStop(active);
    return withLinks(active.record);
  }

  /** Why a new run could not keep its evidence now (too little free space), or undefined. */
  lackOfRoom(): string | undefined {
    return lackOfRoom(this.#config.dataDir, this.#config.caps.minFreeBytes, this.#reserve?.missingBytes);
  }

  /**
   * Stops the running run (if any) for `reason` (the row's reason: "the agent was stopped (SIGTERM...)"),
   * waits until its process has written its evidence and exited and its row is final: the agent's own
   * shutdown.
   */
  async shutdown(reason = 'the agent was stopped'): Promise<void> {
    clearInterval(this.#orphanWatch);
    this.#orphanWatch = undefined;
    const active = this.#active;
    if (active) {
      this.#requestStop(active, reason);
      await active.finished;
    }
    // Rows a full disk held back get one last chance before the index closes.
    this.#deferred.flush();
    this.#deferred.stop();
    this.#leases.releaseSettled();
    this.#leases.stop();
  }

  get(id: string): RunRow | undefined {
    if (!isRunId(id)) return undefined;
    if (this.#active?.id === id) return withLinks(this.#active.record);
    const record = this.#deferred.get(id) ?? this.#index.get(id);
    return record ? withLinks(record) : undefined;
  }

  /** The live channel of a running or recent run, or a replay of an older one from its live.ndjson. */
  channel(id: string): LiveChannel | undefined {
    if (this.#active?.id === id && this.#active.channel) return this.#active.channel;
    const recent = this.#recent.get(id);
    if (recent) return recent;
    const row = this.get(id);
    if (!row) return undefined;
    const folder = new RunFolder(this.#runsDir, id);
    return LiveChannel.replay(
      existsSync(folder.live) ? readFileSync(folder.live, 'utf8').split('\n') : [],
      row,
    );
  }

  folder(id: string): RunFolder | undefined {
    return this.get(id) ? new RunFolder(this.#runsDir, id) : undefined;
  }

  #initialRecord(id: string, request: StartRequest): RunRecord {
    return {
      ...noFigures,
      id,
      preset: request.preset,
      region: this.#config.region,
      agentId: this.#config.agentId,
      tags: request.tags,
      status: RunStatus.running,
      reason: null,
      startedAt: Date.now(),
      endedAt: null,
      durationMs: null,
      plannedMs: null,
      exitCode: null,
      verdict: null,
      segment: request.segment ?? null,
    };
  }

  #validate(request: StartRequest): LoadedEntry {
    const files = this.#catalog.filesOf(request.preset);
    if (files.length === 0) {
      throw new AgentHttpError(
        404,
        `no preset named ${request.preset}`,
        'GET /api/presets lists the presets this agent has',
      );
    }
    let entry: LoadedEntry;
    try {
      entry = this.#catalog.load(request.preset, request.overrides);
    } catch (error) {
      if (!(error instanceof PresetError)) throw error;
      const what = files.length === 1 && isScriptFile(files[0]!) ? 'script' : 'preset';
      throw new AgentHttpError(
        400,
        `${what} ${request.preset} cannot run: ${error.problems.length} ${error.problems.length === 1 ? 'problem' : 'problems'}`,
        `fix the ${what} or the overrides; each problem says where`,
        { problems: error.problems.map(formatProblem) },
      );
    }
    const overCaps = checkRunCaps(entry.loaded.preset, this.#config.caps, request.segment);
    if (overCaps.length > 0) {
      throw new AgentHttpError(
        422,
        `the run exceeds this agent's hard caps: ${overCaps.join('; ')}`,
        'lower the load with overrides (vus, duration, rate)',
        {
          problems: overCaps,
        },
      );
    }
    return entry;
  }

  #launch(active: ActiveRun, request: StartRequest, entry: LoadedEntry): void {
    const folder = new RunFolder(this.#runsDir, active.id);
    mkdirSync(folder.artifacts, { recursive: true });
    const channel = new LiveChannel(folder.live, livePointSlimming);
    active.channel = channel;
    this.#leases.take(active.id, folder.dir);
    this.#index.insert(active.record);

    const args = [
      ...this.#runCommand.args,
      // The preset file, or the script itself: `fpt run` reads a script's options as its preset.
      entry.file,
      '--quiet',
      '--no-color',
      '--live-ipc',
      '--run-id',
      active.id,
      '--region',
      this.#config.region,
      '--tag',
      `agent=${this.#config.agentId}`,
      ...Object.entries(request.tags).flatMap(([key, value]) => ['--tag', `${key}=${value}`]),
      '--summary-export',
      folder.summary,
      '--report',
      folder.report,
      '--junit',
      folder.junit,
      '--metrics-export',
      folder.metrics,
      ...(request.segment ? ['--segment', `${request.segment.index}/${request.segment.count}`] : []),
      '--artifacts-dir',
      folder.artifacts,
      ...this.#config.allowTargets.flatMap((rule) => ['--allow-target', rule]),
      // The run's own settings (InfluxDB credentials, proxy URLs) are in its environment; the preset may
      // read only the variables the operator allowed, as in the agent's own preset listing.
      '--preset-env',
      this.#config.presetEnv.join(','),
      // Scripts, their modules and the files they open() stay inside the presets folder during the run too.
      '--script-root',
      this.#config.presetsDir,
      ...(this.#config.runWorkers ? ['--workers', String(this.#config.runWorkers)] : []),
      ...this.#config.outputs.flatMap((out) => ['--out', out]),
      ...Object.entries(request.overrides).flatMap(([key, value]) => [`--${key}`, String(value)]),
    ];
    // A run of a preset with a baseline is gated in the same step: the verdict lands in gate.json and in
    // the report, and a regression does not change the run's status (thresholds decide that).
    const baseline = this.#baselines.fileFor(request.preset);
    if (baseline)
      args.push('--baseline', baseline, '--gate-json', folder.gate, '--gate-markdown', folder.gateMarkdown);
    const log = openSync(folder.log, 'a');
    const child = spawn(this.#runCommand.command, args, {
      cwd: folder.dir,
      env: { ...this.#childEnv() },
      stdio: ['ignore', log, log, 'ipc'],
    });
    closeSync(log);
    active.child = child;
    this.#log(`run ${active.id} started (preset ${request.preset}, pid ${child.pid})`);

    child.on('message', (message: RunChildMessage) => {
      if (message.type === 'point') channel.publishPoint(message.point as LivePoint);
    });
    child.on('error', (error) => {
      this.#log(`run ${active.id}: the run process failed: ${error.message}`);
      // A process that never started sends no 'exit': the slot must still be given back.
      if (child.pid === undefined) this.#finish(active, folder, null, null);
    });
    child.on('exit', (code, signal) => this.#finish(active, folder, code, signal));
  }

  #childEnv(): Record<string, string> {
    // Only what a run needs (config/run-environment.ts), not the agent's environment: `fpt run` fills the
    // preset's ${VAR} from its whole environment, so anything else here (the agent's tokens, the peers'
    // tokens, the operator's other variables) a preset could send to its target.
    return {
      ...this.#config.runEnv,
      FPT_REGION: this.#config.region,
      FPT_AGENT_ID: this.#config.agentId,
    };
  }

  #requestStop(active: ActiveRun, reason?: string): void {
    if (active.stopRequested) return;
    active.stopRequested = true;
    if (reason !== undefined) active.stopReason = reason;
    const child = active.child;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGINT');
    const killer = setTimeout(() => child.kill('SIGKILL'), runStopGraceMs);
    killer.unref();
    child.once('exit', () => clearTimeout(killer));
  }

  #finish(active: ActiveRun, folder: RunFolder, code: number | null, signal: NodeJS.Signals | null): void {
    if (active.record.endedAt !== null) return;
    try {
      this.#settle(active, folder, code, signal);
    } catch (error) {
      // Called from the run process's exit event: anything thrown here would take the agent down.
      this.#log(`run ${active.id}: settling it failed: ${(error as Error).message}`);
    } finally {
      // Whatever went wrong above, the agent is free for the next run.
      if (this.#active === active) this.#active = undefined;
      // The row is final (or held back by a full disk, which keeps the lease): other processes may see it.
      this.#leases.releaseSettled();
      active.resolveFinished();
    }
  }

  #settle(active: ActiveRun, folder: RunFolder, code: number | null, signal: NodeJS.Signals | null): void {
    const endedAt = Date.now();
    let record: RunRecord = {
      ...active.record,
      endedAt,
      durationMs: endedAt - active.record.startedAt,
      exitCode: code,
    };
    const summary = readRunSummary(folder.summary);
    record = { ...record, verdict: readVerdict(folder.gate) };
    if (summary) {
      const outcome = summary.fpt.outcome;
      record = {
        ...record,
        ...keyFigures(summary),
        durationMs: summary.state.testRunDurationMs,
        status:
          outcome === 'passed'
            ? RunStatus.passed
            : outcome === 'thresholds-failed'
              ? RunStatus.failed
              : outcome === 'interrupted' && active.stopRequested
                ? RunStatus.stopped
                : RunStatus.aborted,
        reason:
          (outcome === 'interrupted' ? active.stopReason : undefined) ??
          summary.fpt.abortReason ??
          (outcome === 'thresholds-failed'
            ? `${summary.fpt.thresholds.filter((t) => !t.ok).length} thresholds crossed`
            : outcome === 'interrupted'
              ? 'stopped on request'
              : null),
      };
    } else if (active.stopRequested && code !== exitCodes.invalid) {
      // Stopped before the run process could measure anything (a fleet stopping its regions at once).
      record = {
        ...record,
        status: RunStatus.stopped,
        reason: active.stopReason
          ? `${active.stopReason}, before the run had measured anything`
          : 'stopped on request before the run had measured anything',
      };
    } else {
      record = {
        ...record,
        status: RunStatus.error,
        reason:
          code === exitCodes.invalid
            ? `the run was refused: ${lastLines(folder.log)}`
            : `the run process ended without a summary (${signal ? `signal ${signal}` : `exit code ${code}`}): ${lastLines(folder.log)}`,
      };
    }
    active.record = record;
    this.#deferred.update(record);
    const row = withLinks(record);
    active.channel?.end(row);
    if (active.channel) this.#rememberRecent(active.id, active.channel);
    this.#active = undefined;
    this.#log(`run ${active.id} ended: ${record.status}${record.reason ? ` (${record.reason})` : ''}`);
    this.#applyRetention();
  }

  /** Whether this process still owes the run its final row: it runs it, or a full disk holds its row back. */
  #owns(id: string): boolean {
    return this.#active?.id === id || this.#deferred.get(id) !== undefined;
  }

  /** The live agent process, other than this one, that runs this run; undefined when it has none. */
  #liveOwnerOf(record: RunRecord): string | undefined {
    if (this.#owns(record.id)) return 'this agent process';
    if (!isRunId(record.id)) return undefined;
    return otherLiveOwner(new RunFolder(this.#runsDir, record.id).dir, this.#leases.owner, Date.now());
  }

  #runOfAnotherProcess(): { id: string; owner: string } | undefined {
    for (const record of this.#index.running()) {
      if (this.#owns(record.id)) continue;
      const owner = this.#liveOwnerOf(record);
      if (owner !== undefined) return { id: record.id, owner };
    }
    return undefined;
  }

  #settleOrphans(): RecoveryPass {
    return recoverInterruptedRuns({
      index: this.#index,
      runsDir: this.#runsDir,
      log: this.#log,
      liveOwnerOf: (record) => this.#liveOwnerOf(record),
    });
  }

  /** From a timer: a failure is logged (once while it lasts), never thrown. */
  #watchOrphans(): void {
    try {
      const { settled } = this.#settleOrphans();
      this.#orphanWatchError = undefined;
      if (settled.length > 0)
        this.#log(`settled ${settled.length} runs whose agent process is gone: ${settled.join(', ')}`);
    } catch (error) {
      const message = (error as Error).message;
      if (message !== this.#orphanWatchError)
        this.#log(`runs whose agent process is gone could not be settled now: ${message}`);
      this.#orphanWatchError = message;
    }
  }

  #rememberRecent(id: string, channel: LiveChannel): void {
    this.#recent.set(id, channel);
    // A few are enough: older runs replay from their files.
    for (const key of this.#recent.keys()) {
      if (this.#recent.size <= 5) break;
      this.#recent.delete(key);
    }
  }

  #applyRetention(): void {
    const removed = enforceRetention(this.#index, this.#runsDir, this.#config.retention, Date.now());
    for (const id of removed) this.#recent.delete(id);
    if (removed.length > 0) this.#log(`retention removed ${removed.length} old runs`);
  }
}

function readVerdict(file: string): BaselineVerdict {
  if (!existsSync(file)) return null;
  try {
    const status = (JSON.parse(readFileSync(file, 'utf8')) as { status?: unknown }).status;
    return status === 'pass' || status === 'regression' ? status : null;
  } catch {
    return null;
  }
}

function lastLines(file: string): string {
  if (!existsSync(file)) return 'no output';
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '');
  return lines.slice(-5).join(' | ').slice(0, 2000) || 'no output';
}
