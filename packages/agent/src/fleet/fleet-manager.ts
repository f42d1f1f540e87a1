import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@fpt/engine';
import {
  defaultRegions,
  type FleetRun,
  type FleetRunResult,
  FleetRunStatus,
  fleetStatus,
  newFleetRunId,
  type PeerState,
  runFleet,
  startingFleetRun,
} from '@fpt/fleet';
import { buildHtmlReport, buildJUnitXml } from '@fpt/report';
import type { AgentConfig } from '../config/agent-config.js';
import type { PresetCatalog } from '../presets/preset-catalog.js';
import { LiveChannel } from '../runs/live-channel.js';
import { isRunId, RunFolder } from '../runs/run-folder.js';
import { AgentHttpError } from '../server/agent-http-error.js';
import { type FleetLiveChannel, FleetLiveStream } from './fleet-live-stream.js';
import type { FleetRunIndex } from './fleet-run-index.js';
import type { FleetStartRequest } from './fleet-start-request.js';

/** A fleet run as the API returns it: the document plus where the coordinator serves its merged evidence. */
export type FleetRunRow = FleetRun & {
  readonly links: {
    readonly summary: string;
    readonly report: string;
    readonly junit: string;
    readonly metrics: string;
  };
};

interface ActiveFleetRun {
  run: FleetRun;
  readonly stop: AbortController;
  readonly finished: Promise<void>;
}

/**
 * The coordinator side of an agent: fleet status, and one fleet run at a time across the peers of
 * FPT_PEERS_FILE / FPT_PEERS. A fleet run does not take this agent's own run slot: when this agent is one
 * of the region agents, it runs its share through its own API like any peer.
 */
export class FleetManager {
  readonly #config: AgentConfig;
  readonly #index: FleetRunIndex;
  readonly #catalog: PresetCatalog;
  readonly #version: string;
  readonly #log: (line: string) => void;
  readonly #fleetDir: string;
  #active: ActiveFleetRun | undefined;
  /** The newest fleet run's merged live stream: it outlives the run by its last seconds and `end`. */
  /** The live streams of fleet runs in progress or still ending (their last seconds), by id. */
  readonly #live = new Map<string, FleetLiveStream>();

  constructor(options: {
    config: AgentConfig;
    index: FleetRunIndex;
    catalog: PresetCatalog;
    version: string;
    log: (line: string) => void;
  }) {
    this.#config = options.config;
    this.#index = options.index;
    this.#catalog = options.catalog;
    this.#version = options.version;
    this.#log = options.log;
    this.#fleetDir = join(options.config.dataDir, 'fleet');
  }

  /** What GET /api/status says of the fleet: whether this agent can coordinate, and what it is running. */
  get summary(): { readonly peers: number; readonly fleetRunId: string | null } {
    return { peers: this.#config.peers.length, fleetRunId: this.#active?.run.id ?? null };
  }

  get coordinator(): string {
    return `${this.#config.region}/${this.#config.agentId}`;
  }

  /** Fleet runs the previous agent process left running end as errors: their results were never merged. */
  recover(): string[] {
    return this.#index.markInterrupted(
      "the coordinator stopped during the fleet run; the regions' own runs are in their agents' histories",
      Date.now(),
    );
  }

  status(): Promise<PeerState[]> {
    return fleetStatus(this.#config.peers);
  }

  start(request: FleetStartRequest): FleetRunRow {
    const peers = this.#config.peers;
    if (peers.length === 0) {
      throw new AgentHttpError(
        503,
        'this agent has no peers, so it cannot coordinate a fleet run',
        'set FPT_PEERS_FILE or FPT_PEERS (docs/fleet.md)',
      );
    }
    if (this.#active) {
      throw new AgentHttpError(
        409,
        `a fleet run is in progress: ${this.#active.run.id}`,
        'wait for it to end, or stop it',
        {
          fleetRunId: this.#active.run.id,
        },
      );
    }
    const known = [...new Set(peers.map((peer) => peer.region))];
    const unknown = (request.regions ?? []).filter((region) => !known.includes(region));
    if (unknown.length > 0) {
      throw new AgentHttpError(
        400,
        `no peer serves ${unknown.join(', ')}`,
        `the registry has ${known.join(', ')}`,
        {
          regions: known,
        },
      );
    }
    const regions = request.regions ?? defaultRegions(this.#catalog.info(request.preset)?.regions, peers);
    const id = newFleetRunId(request.preset, new Date(), randomBytes(3).toString('hex'));
    const stop = new AbortController();
    const fleetRequest = {
      id,
      preset: request.preset,
      regions,
      overrides: request.overrides,
      tags: request.tags,
    };
    const initial = startingFleetRun(fleetRequest, this.coordinator, Date.now());
    this.#index.save(initial);
    const folder = new RunFolder(this.#fleetDir, id);
    mkdirSync(folder.dir, { recursive: true });
    const live = new FleetLiveStream({ id, peers, regions, file: folder.live });
    this.#live.set(id, live);
    const finished = runFleet({
      request: fleetRequest,
      peers,
      coordinator: this.coordinator,
      timing: { lostAfterMs: this.#config.peerLostAfterMs },
      signal: stop.signal,
      onUpdate: (run) => {
        if (this.#active?.run.id === id) this.#active.run = run;
        live.update(run);
      },
    })
      .then((result) => this.#keep(result))
      .catch((error: unknown) => {
        this.#log(`fleet run ${id} failed: ${(error as Error)?.stack ?? String(error)}`);
        const run = this.#active?.run ?? initial;
        const failed: FleetRun = {
          ...run,
          status: FleetRunStatus.error,
          reason: `the coordinator hit an internal error: ${(error as Error)?.message ?? String(error)}`,
          endedAt: Date.now(),
          durationMs: Date.now() - run.startedAt,
        };
        try {
          this.#index.save(failed);
        } catch (saveError) {
          // A full disk or a broken index: the stream still ends, so no watcher waits for ever.
          this.#log(
            `fleet run ${id}: its failure could not be kept: ${(saveError as Error)?.message ?? String(saveError)}`,
          );
        }
        return failed;
      })
      // Not waited for: the stream's last seconds need not hold up the next fleet run; it stays reachable
      // by its id until it ended, then its live.ndjson replays it.
      .then((run) => {
        void live.end(withFleetLinks(run)).finally(() => this.#live.delete(id));
      })
      .finally(() => {
        this.#active = undefined;
        this.#applyRetention();
      });
    this.#active = { run: initial, stop, finished };
    this.#log(`fleet run ${id} started (preset ${request.preset}, regions ${regions.join(', ')})`);
    return withFleetLinks(initial);
  }

  get(id: string): FleetRunRow | undefined {
    if (!isRunId(id)) return undefined;
    if (this.#active?.run.id === id) return withFleetLinks(this.#active.run);
    const run = this.#index.get(id);
    return run ? withFleetLinks(run) : undefined;
  }

  list(limit: number, before?: number): { runs: FleetRunRow[]; total: number } {
    const { runs, total } = this.#index.list(limit, before);
    return {
      runs: runs.map((run) => withFleetLinks(this.#active?.run.id === run.id ? this.#active.run : run)),
      total,
    };
  }

  stop(id: string): FleetRunRow {
    const active = this.#active;
    if (!active || active.run.id !== id) {
      throw new AgentHttpError(
        409,
        `fleet run ${id} is not running`,
        active ? `the running fleet run is ${active.run.id}` : undefined,
      );
    }
    active.stop.abort();
    return withFleetLinks(active.run);
  }

  /**
   * A fleet run's merged live stream: the newest one's as it goes (or went), an older one's replayed from
   * its live.ndjson (empty for a fleet run from before live streams), then `end`.
   */
  liveChannel(id: string): FleetLiveChannel | undefined {
    const run = this.get(id);
    if (!run) return undefined;
    const live = this.#live.get(id);
    if (live) return live.channel;
    const file = new RunFolder(this.#fleetDir, id).live;
    const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
    return LiveChannel.replay(lines, run);
  }

  /** A fleet run's folder: FPT_DATA_DIR/fleet/<id>/, laid out as a run's (summary, report, JUnit, metrics). */
  folder(id: string): RunFolder | undefined {
    return this.get(id) ? new RunFolder(this.#fleetDir, id) : undefined;
  }

  /** Stops a fleet run in progress and waits until its result is kept: for the agent's own shutdown. */
  async shutdown(): Promise<void> {
    const active = this.#active;
    if (!active) return;
    active.stop.abort();
    await active.finished;
  }

  #keep(result: FleetRunResult): FleetRun {
    const folder = new RunFolder(this.#fleetDir, result.run.id);
    mkdirSync(folder.dir, { recursive: true });
    writeFileAtomic(folder.summary, `${JSON.stringify(result.data, null, 2)}\n`);
    writeFileAtomic(folder.metrics, JSON.stringify(result.summary.metrics));
    writeFileAtomic(
      folder.report,
      buildHtmlReport(result.data, {
        generatedAt: new Date().toISOString(),
        generator: `fpt ${this.#version}`,
      }),
    );
    writeFileAtomic(folder.junit, buildJUnitXml(result.data));
    this.#index.save(result.run);
    this.#log(
      `fleet run ${result.run.id} ended: ${result.run.status}${result.run.reason ? ` (${result.run.reason})` : ''}`,
    );
    return result.run;
  }

  #applyRetention(): void {
    const expired = this.#index.expired(this.#config.retention.maxRuns);
    for (const id of expired) rmSync(new RunFolder(this.#fleetDir, id).dir, { recursive: true, force: true });
    this.#index.delete(expired);
  }
}

export function withFleetLinks(run: FleetRun): FleetRunRow {
  const base = `/api/fleet/runs/${encodeURIComponent(run.id)}`;
  return {
    ...run,
    links: {
      summary: `${base}/summary.json`,
      report: `${base}/report.html`,
      junit: `${base}/junit.xml`,
      metrics: `${base}/metrics.json`,
    },
  };
}
