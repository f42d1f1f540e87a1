import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, existsSync, constants as fsConstants } from 'node:fs';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { type AddressInfo, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export type StartNginxOptions = {
  readonly tls?: {
    readonly certPath: string;
    readonly keyPath: string;
    /** CA that client certificates must chain to; setting it turns on `ssl_verify_client on`. */
    readonly clientCaPath?: string;
  };
  /**
   * HTTP/2: negotiated by ALPN over TLS (HTTP/1.1 stays available), or cleartext h2c with prior knowledge
   * when there is no `tls` (then the port speaks only HTTP/2). Default false: ALPN offers only http/1.1.
   */
  readonly http2?: boolean;
  /** gzip for text/plain and application/json (and nginx's default text/html), however small the body. */
  readonly gzip?: boolean;
  /**
   * Extra nginx `location` blocks, appended inside the server block after the default ones
   * (`= /`, `= /json`, `= /text`), which they must not repeat.
   */
  readonly locations?: string;
  /** Default 1. */
  readonly workerProcesses?: number;
};

export type NginxAccessLogEntry = {
  /** `$server_protocol`: HTTP/1.0, HTTP/1.1 or HTTP/2.0. */
  readonly protocol: string;
  readonly method: string;
  /** `$request_uri`: path and query as the client sent them. */
  readonly uri: string;
  readonly status: number;
  /** undefined when the request had no User-Agent header. */
  readonly userAgent: string | undefined;
  /** undefined when the request had no Authorization header. */
  readonly authorization: string | undefined;
};

export type NginxAccessLogQuery = {
  /** Wait until the log holds at least this many entries (nginx logs a request after answering it). */
  readonly atLeast?: number;
  /** How long to wait for `atLeast`; then the entries so far are returned. Default 2000. */
  readonly timeoutMs?: number;
};

export type NginxServer = {
  /** e.g. https://127.0.0.1:41234 (with tls) or http://127.0.0.1:41234 */
  readonly origin: string;
  readonly port: number;
  accessLog(query?: NginxAccessLogQuery): Promise<NginxAccessLogEntry[]>;
  /** Graceful stop (SIGQUIT), forced if nginx lingers; then removes the temp folder. Idempotent. */
  stop(): Promise<void>;
};

/** What the default locations answer, for tests that compare bodies. */
export const nginxDefaultBodies = {
  root: 'hello from nginx\n',
  json: '{"ok":true,"items":[1,2,3],"message":"hello from nginx"}',
  // Repetitive and well over 1 KB, so gzip shrinks it a lot and a test can see that it did.
  text: Array.from(
    { length: 40 },
    (_, i) => `line ${String(i + 1).padStart(2, '0')}: text from nginx, repeated so gzip has work to do\n`,
  ).join(''),
} as const;

const binaryCandidates = [
  '/usr/sbin/nginx',
  '/usr/local/sbin/nginx',
  '/usr/local/nginx/sbin/nginx',
  '/usr/bin/nginx',
];
const startTimeoutMs = 5_000;
const pollIntervalMs = 25;
const bindAttempts = 3;
const quitGraceMs = 3_000;
const terminateGraceMs = 2_000;
const defaultAccessLogTimeoutMs = 2_000;
const utf8 = new TextDecoder('utf-8', { fatal: true });

// nginx never notices that its parent died; stop whatever a crashed or forgetful test run left behind.
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Runs the real nginx as a test target: HTTP/2 over TLS or h2c, client certificates, gzip and an access
 * log a test can read, things a Node server would only imitate. Every file nginx writes stays in its own
 * temp folder, so it runs as root and as a normal user alike.
 */
export async function startNginx(options: StartNginxOptions = {}): Promise<NginxServer> {
  const binary = binaryCandidates.find(isExecutable);
  if (binary === undefined) throw new Error('nginx is missing: apt-get install nginx-light');
  const workerProcesses = options.workerProcesses ?? 1;
  if (!Number.isInteger(workerProcesses) || workerProcesses < 1 || workerProcesses > 64)
    throw new RangeError(
      `workerProcesses ${workerProcesses} is out of range: give a whole number from 1 to 64`,
    );

  const dir = await mkdtemp(join(tmpdir(), 'fpt-nginx-'));
  try {
    const { child, port, exited } = await launch(binary, dir, options, workerProcesses);
    const origin = `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
    let stopping: Promise<void> | undefined;
    return {
      origin,
      port,
      accessLog: (query = {}) => readAccessLog(join(dir, 'access.log'), query),
      stop() {
        stopping ??= (async () => {
          await stopChild(child, exited);
          await rm(dir, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

type Launched = { child: ChildProcess; port: number; exited: Promise<void> };

async function launch(
  binary: string,
  dir: string,
  options: StartNginxOptions,
  workerProcesses: number,
): Promise<Launched> {
  const configPath = join(dir, 'nginx.conf');
  const errorLogPath = join(dir, 'error.log');
  const pidPath = join(dir, 'nginx.pid');
  for (let attempt = 1; ; attempt++) {
    // Another process can take the port between our probe and nginx's bind; then we try another one.
    const port = await freePort();
    await writeFile(configPath, nginxConfig(dir, port, options, workerProcesses));
    await unlink(errorLogPath).catch(() => {});
    const child = spawn(binary, ['-p', `${dir}/`, '-c', configPath, '-e', errorLogPath], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    let spawnError: Error | undefined;
    const exited = new Promise<void>((resolveExit) => {
      child.once('error', (error) => {
        spawnError = error;
        resolveExit();
      });
      child.once('exit', () => resolveExit());
    });
    let hasExited = false;
    void exited.then(() => {
      hasExited = true;
      running.delete(child);
    });
    running.add(child);
    installExitHook();

    const outcome = await waitForListening(port, pidPath, () => hasExited);
    if (outcome === 'listening') return { child, port, exited };

    await stopChild(child, exited);
    // nginx copies its startup errors to stderr; the log file alone says it once.
    const errorLog = ((await readFile(errorLogPath, 'utf8').catch(() => '')) || stderr).trim();
    if (outcome === 'exited' && /Address already in use/.test(errorLog) && attempt < bindAttempts) continue;
    const what =
      outcome === 'exited'
        ? `nginx exited (${spawnError?.message ?? describeExit(child)}) before listening on 127.0.0.1:${port}`
        : `nginx did not accept connections on 127.0.0.1:${port} within ${startTimeoutMs} ms`;
    throw new Error(
      `${what}; check the tls paths and the locations option. nginx's error log:\n${errorLog || '(empty)'}` +
        (await quoteConfigLine(configPath, errorLog)),
    );
  }
}

function nginxConfig(dir: string, port: number, options: StartNginxOptions, workerProcesses: number): string {
  const path = (name: string) => quote(join(dir, name));
  const { tls } = options;
  const listenFlags = [tls === undefined ? '' : ' ssl', options.http2 ? ' http2' : ''].join('');
  const tlsLines =
    tls === undefined
      ? []
      : [
          `ssl_certificate ${quote(resolve(tls.certPath))};`,
          `ssl_certificate_key ${quote(resolve(tls.keyPath))};`,
          ...(tls.clientCaPath === undefined
            ? []
            : [`ssl_client_certificate ${quote(resolve(tls.clientCaPath))};`, 'ssl_verify_client on;']),
        ];
  const gzipLines = options.gzip
    ? ['gzip on;', 'gzip_types text/plain application/json;', 'gzip_min_length 1;']
    : ['gzip off;'];
  // Tabs cannot occur unescaped in logged values (nginx writes control characters as \xHH).
  const logFormat = [
    '$server_protocol',
    '$request_method',
    '$request_uri',
    '$status',
    '$http_user_agent',
    '$http_authorization',
  ].join('\t');
  return `# Written by @fpt/testkit startNginx; every path nginx writes is inside ${dir}
daemon off;
master_process on;
worker_processes ${workerProcesses};
pid ${path('nginx.pid')};
lock_file ${path('nginx.lock')};
error_log ${path('error.log')} warn;
${
  // As root, workers would switch to "nobody", who cannot enter the private temp folder (mode 0700).
  process.getuid?.() === 0 ? 'user root;\n' : ''
}
events {
  worker_connections 4096;
}

http {
  default_type application/octet-stream;
  log_format fpt '${logFormat}';
  access_log ${path('access.log')} fpt;
  client_body_temp_path ${path('client_body_temp')};
  proxy_temp_path ${path('proxy_temp')};
  fastcgi_temp_path ${path('fastcgi_temp')};
  uwsgi_temp_path ${path('uwsgi_temp')};
  scgi_temp_path ${path('scgi_temp')};
  # Load tests hold connections for the whole run; nginx's defaults (75 s, 1000 requests) would cut them.
  keepalive_timeout 120s;
  keepalive_requests 1000000;
  ${gzipLines.join('\n  ')}

  server {
    listen 127.0.0.1:${port}${listenFlags};
    server_name localhost;
    ${tlsLines.join('\n    ')}

    location = / {
      default_type text/plain;
      return 200 ${quote(nginxDefaultBodies.root)};
    }
    location = /json {
      default_type application/json;
      return 200 ${quote(nginxDefaultBodies.json)};
    }
    location = /text {
      default_type text/plain;
      return 200 ${quote(nginxDefaultBodies.text)};
    }
${options.locations ?? ''}
  }
}
`;
}

// The temp folder with the config goes away with the failure; the line nginx complained about must not.
async function quoteConfigLine(configPath: string, errorLog: string): Promise<string> {
  const lineNumber = Number(/nginx\.conf:(\d+)/.exec(errorLog)?.[1] ?? 0);
  if (lineNumber === 0) return '';
  const config = await readFile(configPath, 'utf8').catch(() => '');
  const line = config.split('\n')[lineNumber - 1];
  return line === undefined ? '' : `\nnginx.conf line ${lineNumber}: ${line.trim()}`;
}

// An nginx double-quoted string; nginx turns \n back into a newline. ("$" would still start a variable.)
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

async function waitForListening(
  port: number,
  pidPath: string,
  hasExited: () => boolean,
): Promise<'listening' | 'exited' | 'timeout'> {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) return 'exited';
    // nginx writes its pid file only after binding, so a connection before that would reach someone else.
    if (existsSync(pidPath) && (await acceptsConnections(port))) return 'listening';
    await sleep(pollIntervalMs);
  }
  return hasExited() ? 'exited' : 'timeout';
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolveProbe(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolveProbe(false);
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolveListen);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  return port;
}

// SIGQUIT lets workers finish what they are answering; SIGTERM makes the master end its workers at once;
// SIGKILL only for a master that ignores both (its workers would then outlive it).
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    await exited;
    return;
  }
  child.kill('SIGQUIT');
  const terminate = setTimeout(() => child.kill('SIGTERM'), quitGraceMs);
  const kill = setTimeout(() => child.kill('SIGKILL'), quitGraceMs + terminateGraceMs);
  try {
    await exited;
  } finally {
    clearTimeout(terminate);
    clearTimeout(kill);
  }
}

async function readAccessLog(logPath: string, query: NginxAccessLogQuery): Promise<NginxAccessLogEntry[]> {
  const atLeast = query.atLeast ?? 0;
  const deadline = Date.now() + (query.timeoutMs ?? defaultAccessLogTimeoutMs);
  for (;;) {
    // latin1 keeps nginx's \xHH escapes and ASCII as they are; unescapeLogValue() decodes the bytes.
    const text = await readFile(logPath, 'latin1').catch(() => '');
    const entries = text
      .split('\n')
      .filter((line) => line !== '')
      .map(parseAccessLogLine);
    if (entries.length >= atLeast || Date.now() >= deadline) return entries;
    await sleep(pollIntervalMs);
  }
}

function parseAccessLogLine(line: string): NginxAccessLogEntry {
  const [protocol = '', method = '', uri = '', status = '0', userAgent = '-', authorization = '-'] =
    line.split('\t');
  // nginx logs an empty or missing variable as "-".
  const optional = (value: string) => (value === '-' ? undefined : unescapeLogValue(value));
  return {
    protocol,
    method: unescapeLogValue(method),
    uri: unescapeLogValue(uri),
    status: Number(status),
    userAgent: optional(userAgent),
    authorization: optional(authorization),
  };
}

function unescapeLogValue(value: string): string {
  if (!value.includes('\\x')) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; ) {
    const hex = value.slice(i + 2, i + 4);
    if (value.startsWith('\\x', i) && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 4;
    } else {
      bytes.push(value.charCodeAt(i));
      i++;
    }
  }
  // UTF-8 when the bytes are UTF-8; otherwise latin1, which is how Node's http client sends header strings.
  const buffer = Buffer.from(bytes);
  try {
    return utf8.decode(buffer);
  } catch {
    return buffer.toString('latin1');
  }
}

function describeExit(child: ChildProcess): string {
  return child.signalCode === null ? `code ${child.exitCode}` : `signal ${child.signalCode}`;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGTERM');
  });
}
