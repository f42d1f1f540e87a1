import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why a real InfluxDB cannot be started here, or undefined when `influxd` is installed. */
export function influxdMissingReason(): string | undefined {
  const probe = spawnSync('influxd', ['version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    return 'influxd is not installed (apt-get install influxdb); CI installs it, so these tests run there';
  }
  return undefined;
}

export interface InfluxdProcess {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly pid: number | undefined;
  /** Resolves once /ping answers 204. */
  readonly ready: Promise<void>;
  /** SIGTERM by PID, wait for exit, delete the data folder. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * A throwaway InfluxDB 1.x on loopback: free ports, its own temp folder for meta/data/wal, reporting and
 * monitoring off. Returns as soon as the process exists, so the caller can register stop() before
 * awaiting `ready`.
 */
export async function spawnInfluxd(): Promise<InfluxdProcess> {
  const [httpPort, rpcPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'fpt-influxd-'));
  const config = join(dir, 'influxdb.conf');
  writeFileSync(
    config,
    [
      'reporting-enabled = false',
      `bind-address = "127.0.0.1:${rpcPort}"`,
      '[meta]',
      `  dir = "${join(dir, 'meta')}"`,
      '[data]',
      `  dir = "${join(dir, 'data')}"`,
      `  wal-dir = "${join(dir, 'wal')}"`,
      '  query-log-enabled = false',
      '[monitor]',
      '  store-enabled = false',
      '[http]',
      `  bind-address = "127.0.0.1:${httpPort}"`,
      '  log-enabled = false',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('influxd', ['-config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr: Buffer[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 200) stderr.push(chunk);
  });
  // Last resort if the test process dies without running its hooks.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );

  const url = `http://127.0.0.1:${httpPort}`;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (!exited && child.pid !== undefined) {
        process.kill(child.pid, 'SIGTERM');
        const timer = setTimeout(
          () => child.pid !== undefined && !exited && process.kill(child.pid, 'SIGKILL'),
          5000,
        );
        await exit;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const ready = (async () => {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (exited) {
        throw new Error(`influxd exited before answering /ping:\n${Buffer.concat(stderr).toString()}`);
      }
      try {
        const response = await fetch(`${url}/ping`);
        if (response.status === 204) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('influxd did not answer /ping within 15 s');
  })();
  // Observed by the caller; this keeps an early failure from also surfacing as an unhandled rejection.
  ready.catch(() => {});
  return { url, pid: child.pid, ready, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface InfluxSeries {
  readonly name: string;
  readonly tags?: Record<string, string>;
  readonly columns: string[];
  readonly values: unknown[][];
}

/** Runs InfluxQL through /query (epoch=ms) and returns the series of the first statement; throws on errors. */
export async function influxQuery(url: string, db: string, q: string): Promise<InfluxSeries[]> {
  const params = new URLSearchParams({ db, q, epoch: 'ms' });
  const response = await fetch(`${url}/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: params.toString(),
  });
  const body = (await response.json()) as {
    error?: string;
    results?: { error?: string; series?: InfluxSeries[] }[];
  };
  const error = body.error ?? body.results?.[0]?.error;
  if (!response.ok || error !== undefined)
    throw new Error(`InfluxQL failed: ${error ?? response.status}\n${q}`);
  return body.results?.[0]?.series ?? [];
}

/** The single number a one-row aggregate query returns (first value column). */
export async function influxScalar(url: string, db: string, q: string): Promise<number> {
  const series = await influxQuery(url, db, q);
  const value = series[0]?.values[0]?.[1];
  if (typeof value !== 'number') throw new Error(`no number from: ${q}\n${JSON.stringify(series)}`);
  return value;
}
