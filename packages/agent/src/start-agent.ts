import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AgentConfig } from './config/agent-config.js';
import { FleetManager } from './fleet/fleet-manager.js';
import { FleetRunIndex } from './fleet/fleet-run-index.js';
import { PresetCatalog } from './presets/preset-catalog.js';
import { seedPresets } from './presets/seed-presets.js';
import { SpaceReserve } from './runs/space-reserve.js';
import { BaselineStore } from './runs/baseline-store.js';
import { openHistory } from './runs/open-history.js';
import { type RunCommand, RunManager } from './runs/run-manager.js';
import { createApp } from './server/create-app.js';
import type { ReadinessCheck } from './server/readiness.js';
import { findUiDir } from './server/static-ui.js';

export interface AgentOptions {
  readonly config: AgentConfig;
  /** How to start `fpt run` for each run (the CLI passes its own entry point). */
  readonly runCommand: RunCommand;
  readonly version: string;
  /** Environment presets are interpolated with (${TARGET_URL} and the like). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly browser: () => ReadinessCheck;
  readonly log: (line: string) => void;
}

export interface RunningAgent {
  readonly url: string;
  /**
   * Stops a running run (its summary is still written; `reason` becomes its row's reason), then closes the
   * server and the index.
   */
  close(options?: { readonly reason?: string }): Promise<void>;
}

/** How often the agent writes its reserved room again, once a full disk has room. */
const reserveIntervalMs = 5000;

/** Seeds presets, recovers the history, and listens. */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const { config, log } = options;
  mkdirSync(config.dataDir, { recursive: true });
  if (config.seedPresetsDir) {
    let seeded: ReturnType<typeof seedPresets>;
    try {
      seeded = seedPresets(config.seedPresetsDir, config.presetsDir);
    } catch (error) {
      // A full disk (or a read-only folder) must not keep the agent down: it serves the presets it has.
      log(
        `presets could not be seeded from ${config.seedPresetsDir}: ${(error as Error).message}; the agent starts with the presets it has`,
      );
      seeded = { copied: [], replaced: [], keptChanged: [] };
    }
    const parts = [
      seeded.copied.length > 0 ? `copied ${seeded.copied.join(', ')}` : '',
      seeded.replaced.length > 0 ? `replaced stale ${seeded.replaced.join(', ')}` : '',
      seeded.keptChanged.length > 0 ? `kept operator-changed ${seeded.keptChanged.join(', ')}` : '',
    ].filter((part) => part !== '');
    if (parts.length > 0) log(`presets seeded from ${config.seedPresetsDir}: ${parts.join('; ')}`);
  }
  mkdirSync(config.presetsDir, { recursive: true });
  const reserve = new SpaceReserve(config.dataDir);
  reserve.ensure();
  const reserveTimer = setInterval(() => reserve.ensure(), reserveIntervalMs);
  reserveTimer.unref();
  const { index, history } = openHistory(join(config.dataDir, 'index.sqlite'), reserve, log);
  const catalog = new PresetCatalog(config.presetsDir, options.env);
  const baselines = new BaselineStore(config.dataDir);
  const runs = new RunManager({
    config,
    index,
    catalog,
    runCommand: options.runCommand,
    baselines,
    log,
    reserve,
  });
  let interrupted: string[] = [];
  try {
    interrupted = runs.recover();
  } catch (error) {
    // A full disk: the runs stay marked running in the index and are settled at the next start.
    log(`runs left running could not be settled now: ${(error as Error).message}`);
  }
  if (interrupted.length > 0)
    log(
      `settled ${interrupted.length} runs the previous agent process left running: ${interrupted.join(', ')}`,
    );
  const fleet = new FleetManager({
    config,
    index: new FleetRunIndex(index.database),
    catalog,
    version: options.version,
    log,
  });
  let interruptedFleet: string[] = [];
  try {
    interruptedFleet = fleet.recover();
  } catch (error) {
    log(`fleet runs left running could not be settled now: ${(error as Error).message}`);
  }
  if (interruptedFleet.length > 0)
    log(`marked ${interruptedFleet.length} interrupted fleet runs as errors: ${interruptedFleet.join(', ')}`);
  if (config.peers.length > 0)
    log(`fleet: ${config.peers.length} peers in ${new Set(config.peers.map((p) => p.region)).size} regions`);
  const uiDir = findUiDir();
  if (!uiDir) log('the web UI is not built (npm run build); the API works without it');

  const app = createApp({
    config,
    catalog,
    runs,
    index,
    baselines,
    fleet,
    history,
    version: options.version,
    browser: options.browser,
    uiDir,
    log,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, config.bind, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    async close(closeOptions = {}) {
      clearInterval(reserveTimer);
      await Promise.all([fleet.shutdown(), runs.shutdown(closeOptions.reason)]);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      index.close();
    },
  };
}
