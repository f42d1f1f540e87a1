import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliBin = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));

export interface AgentProcessOptions {
  /** FPT_* settings and preset variables; FPT_TOKENS defaults to `token` below. */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra `fpt agent` flags. */
  readonly args?: readonly string[];
  /** Reuse a data folder (a restarted agent); a fresh temp folder otherwise, deleted by stop(). */
  readonly dataDir?: string;
  /** The API token; `null` starts the agent without one (loopback only). Default: a fixed test token. */
  readonly token?: string | null;
}

export interface AgentProcess {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly token: string | undefined;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** What the agent printed so far (stdout and stderr). */
  output(): string;
  /** Authorization header for fetch, or none without a token. */
  headers(extra?: Record<string, string>): Record<string, string>;
  /** SIGTERM, wait for exit; deletes the data folder unless `keepData`. Safe to call twice. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** kill -9, as a crash: nothing of the agent gets to clean up. */
  kill(): Promise<void>;
}

export const testAgentToken = 'test-token-0123456789';

/**
 * A real `fpt agent` process (from packages/cli/dist, so `npm run build` first) on a free loopback port.
 * Resolves once it prints its "listening on" line.
 */
export async function startAgentProcess(options: AgentProcessOptions = {}): Promise<AgentProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'fpt-agent-'));
  const token = options.token === null ? undefined : (options.token ?? testAgentToken);
  const { url, child, output, exited, killOnExit } = await spawnAgentCommand(
    process.execPath,
    [cliBin, 'agent', '--port', '0', '--bind', '127.0.0.1', ...(options.args ?? [])],
    {
      env: {
        ...process.env,
        FPT_DATA_DIR: dataDir,
        FPT_REGION: 'test-region',
        FPT_AGENT_ID: 'test-agent',
        FPT_RUN_WORKERS: '1',
        ...(token ? { FPT_TOKENS: token } : {}),
        ...options.env,
      },
    },
  );

  let stopped = false;
  const finish = async (signal: NodeJS.Signals, keepData: boolean) => {
    if (!stopped) {
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      process.off('exit', killOnExit);
    }
    if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    url,
    token,
    dataDir,
    child,
    output,
    headers: (extra = {}) => ({ ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra }),
    stop: (stopOptions = {}) => finish('SIGTERM', stopOptions.keepData ?? false),
    kill: () => finish('SIGKILL', true),
  };
}

export interface SpawnedAgent {
  /** The URL from the "listening on" line. */
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** Settles when the process has exited. */
  readonly exited: Promise<void>;
  /** Kills the process if the test runner exits first; remove it once the process is stopped. */
  readonly killOnExit: () => void;
}

/**
 * Any command that starts an agent (`node packages/cli/dist/bin.js agent`, or an image's CMD), resolved once
 * it prints "fpt agent listening on <url>"; rejected with its output if it exits, or killed and rejected if it takes over 20 s.
 */
export async function spawnAgentCommand(
  command: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string },
): Promise<SpawnedAgent> {
  const child = spawn(command, args, {
    env: options.env,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // nothing else holds the child: do not leave it running
      reject(new Error(`the agent did not start within 20 s:\n${output}`));
    }, 20_000);
    const onData = () => {
      const match = /fpt agent listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the agent exited with code ${code} before listening:\n${output}`));
    });
  });
  return { url, child, output: () => output, exited, killOnExit };
}
