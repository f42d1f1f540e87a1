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
  const child = spawn(
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
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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
    const timer = setTimeout(
      () => reject(new Error(`the agent did not start within 20 s:\n${output}`)),
      20_000,
    );
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
    output: () => output,
    headers: (extra = {}) => ({ ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra }),
    stop: (stopOptions = {}) => finish('SIGTERM', stopOptions.keepData ?? false),
    kill: () => finish('SIGKILL', true),
  };
}
