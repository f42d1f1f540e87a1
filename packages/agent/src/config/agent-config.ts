import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { TargetAllowlist, TargetAllowlistError } from '@fpt/engine';
import { type Peer, PeerRegistryError, readPeerRegistry } from '@fpt/fleet';
import { parseByteSize, parseDurationMs } from '@fpt/preset';
import { presetEnvNames, presetEnvSetting } from '../presets/preset-environment.js';
import { AgentConfigError } from './agent-config-error.js';
import { agentDataDir } from './agent-data-dir.js';
import { runEnvironment } from './run-environment.js';

/** Everything an agent is told by its environment and flags; see docs/agent.md for the table. */
export interface AgentConfig {
  readonly port: number;
  readonly bind: string;
  readonly tokens: readonly string[];
  readonly region: string;
  readonly agentId: string;
  readonly dataDir: string;
  readonly presetsDir: string;
  readonly seedPresetsDir: string | undefined;
  readonly allowTargets: readonly string[];
  readonly caps: AgentCaps;
  readonly retention: RetentionPolicy;
  readonly runWorkers: number | undefined;
  /** `fpt run --out` specs applied to every run (e.g. an InfluxDB beside the agent). */
  readonly outputs: readonly string[];
  /** Variables a preset may read with `${VAR}` here: TARGET_URL and those FPT_PRESET_ENV lists. */
  readonly presetEnv: readonly string[];
  /**
   * The whole environment of a run's child process (system, proxies, Chromium, InfluxDB, the preset's
   * variables), FPT_REGION and FPT_AGENT_ID aside: the child reads `${VAR}` from all of it.
   */
  readonly runEnv: Readonly<Record<string, string>>;
  /** The fleet this agent can coordinate (FPT_PEERS_FILE, FPT_PEERS); empty: no fleet runs. */
  readonly peers: readonly Peer[];
  /** A peer silent this long during its run is reported lost (FPT_PEER_LOST_AFTER). */
  readonly peerLostAfterMs: number;
}

/** The agent's own hard limits; they win over whatever a preset or a request asks for. */
export interface AgentCaps {
  /** A run is refused (507) while the data folder has less free space than this (FPT_MIN_FREE_SPACE). */
  readonly minFreeBytes: number;
  readonly maxVus: number;
  readonly maxDurationMs: number;
  readonly maxBrowserVus: number;
  /** Requests per second open-model scenarios may start, together at their peak (FPT_MAX_RATE). */
  readonly maxRequestRate: number;
}

export interface RetentionPolicy {
  /** Keep the newest N runs; 0 keeps all. */
  readonly maxRuns: number;
  /** Delete runs older than D days; 0 keeps all. */
  readonly maxDays: number;
}

/** Flags of `fpt agent`; each overrides its environment variable. */
export interface AgentFlags {
  readonly port?: number;
  readonly bind?: string;
  readonly region?: string;
  readonly agentId?: string;
  readonly dataDir?: string;
  readonly presetsDir?: string;
  readonly allowTarget?: readonly string[];
}

export const defaultAgentPort = 8790;
const loopbackAddresses = new Set(['127.0.0.1', '::1', 'localhost']);

/** Reads and checks the configuration; every problem is an AgentConfigError naming the variable. */
export function readAgentConfig(
  env: Readonly<Record<string, string | undefined>>,
  flags: AgentFlags = {},
  defaults: { readonly seedPresetsDir?: string } = {},
): AgentConfig {
  // The fleet's shared peer token lets the other agents call this one; it is an API token like the others.
  const tokens = [...list(env.FPT_TOKENS), ...list(env.FPT_PEER_TOKEN)];
  const port = flags.port ?? integer(env, 'FPT_PORT', defaultAgentPort, 0, 65535);
  const bind = flags.bind ?? env.FPT_BIND ?? (tokens.length > 0 ? '0.0.0.0' : '127.0.0.1');
  if (tokens.length === 0 && !loopbackAddresses.has(bind)) {
    throw new AgentConfigError(
      `the agent would listen on ${bind} without a token: anyone who reaches it could start load`,
      'set FPT_TOKENS (comma-separated) or FPT_PEER_TOKEN to require a token, or bind to 127.0.0.1',
    );
  }
  const dataDir = agentDataDir(env, flags.dataDir);
  const allowTargets = flags.allowTarget?.length ? [...flags.allowTarget] : list(env.FPT_ALLOW_TARGETS);
  try {
    TargetAllowlist.parse(allowTargets);
  } catch (error) {
    if (!(error instanceof TargetAllowlistError)) throw error;
    throw new AgentConfigError(`FPT_ALLOW_TARGETS: ${error.message}`, error.hint);
  }
  let peers: Peer[];
  try {
    peers = readPeerRegistry(env);
  } catch (error) {
    if (!(error instanceof PeerRegistryError)) throw error;
    throw new AgentConfigError(error.message, error.hint);
  }
  // The peers' credentials stay the agent's: their token variables and their Cloudflare Access service
  // token variables (when an agent reaches a peer through Access rather than the private route).
  const presetEnv = presetEnvNames(
    env,
    peers.flatMap((peer) => [
      peer.tokenEnv,
      ...(peer.access ? [peer.access.clientIdEnv, peer.access.clientSecretEnv] : []),
    ]),
  );
  if (presetEnv.refused.length > 0) {
    throw new AgentConfigError(
      `${presetEnvSetting} names variables no preset may read: ${presetEnv.refused.map((r) => `${r.name} (${r.reason})`).join('; ')}`,
      `list only what presets need, e.g. ${presetEnvSetting}=API_KEY,USER_NAME (TARGET_URL is always visible); give a preset a value under a name of its own rather than an FPT_* one`,
    );
  }
  const seed = env.FPT_SEED_PRESETS_DIR ?? defaults.seedPresetsDir;
  const runWorkers = env.FPT_RUN_WORKERS ? integer(env, 'FPT_RUN_WORKERS', 1, 1, 1024) : undefined;
  return {
    port,
    bind,
    tokens,
    region: flags.region ?? env.FPT_REGION ?? 'local',
    agentId: flags.agentId ?? env.FPT_AGENT_ID ?? hostname(),
    dataDir,
    presetsDir: resolve(flags.presetsDir ?? env.FPT_PRESETS_DIR ?? join(dataDir, 'presets')),
    seedPresetsDir: seed ? resolve(seed) : undefined,
    allowTargets,
    caps: {
      maxVus: integer(env, 'FPT_MAX_VUS', 1000, 1, 1_000_000),
      maxDurationMs: duration(env, 'FPT_MAX_DURATION', '1h'),
      maxBrowserVus: integer(env, 'FPT_MAX_BROWSER_VUS', 5, 0, 10_000),
      maxRequestRate: integer(env, 'FPT_MAX_RATE', 50_000, 1, 100_000_000),
      minFreeBytes: byteSize(env, 'FPT_MIN_FREE_SPACE', '64MB'),
    },
    retention: {
      maxRuns: integer(env, 'FPT_RETAIN_RUNS', 500, 0, 10_000_000),
      maxDays: integer(env, 'FPT_RETAIN_DAYS', 0, 0, 100_000),
    },
    runWorkers,
    outputs: list(env.FPT_OUT),
    presetEnv: presetEnv.names,
    runEnv: runEnvironment(env, presetEnv.names),
    peers,
    peerLostAfterMs: duration(env, 'FPT_PEER_LOST_AFTER', '15s'),
  };
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function integer(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AgentConfigError(
      `${name} is "${text}", not a whole number from ${min} to ${max}`,
      `set ${name} to a whole number, or unset it for the default (${fallback})`,
    );
  }
  return value;
}

function byteSize(env: Readonly<Record<string, string | undefined>>, name: string, fallback: string): number {
  const text = env[name];
  try {
    return parseByteSize(text === undefined || text.trim() === '' ? fallback : text);
  } catch {
    throw new AgentConfigError(
      `${name} is "${text}", not a size`,
      `write a size such as 64MB or 1GB, or bytes (default ${fallback})`,
    );
  }
}

function duration(env: Readonly<Record<string, string | undefined>>, name: string, fallback: string): number {
  const text = env[name];
  try {
    return parseDurationMs(text === undefined || text.trim() === '' ? fallback : text);
  } catch {
    throw new AgentConfigError(
      `${name} is "${text}", not a duration`,
      `write a duration with a unit, e.g. 30m or 1h (default ${fallback})`,
    );
  }
}
