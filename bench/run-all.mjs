// FPT's benchmark: see bench/README.md. Run with `npm run bench` (it builds first).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const fptBin = join(root, 'packages/cli/dist/bin.js');
const autocannonBin = join(root, 'node_modules/autocannon/autocannon.js');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const allSections = 'startup,throughput,http2,outputs,scripts,memory,soak,open';
const only = new Set((process.env.BENCH_ONLY ?? allSections).split(','));
const work = mkdtempSync(join(tmpdir(), 'fpt-bench-'));
const has = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

if (!has('nginx')) {
  console.error(
    'nginx is missing: install the target with `apt-get install nginx-light` (as root), then rerun.',
  );
  process.exit(2);
}
for (const tool of ['taskset', '/usr/bin/time']) {
  if (!has(tool)) {
    console.error(`${tool} is missing: apt-get install util-linux time`);
    process.exit(2);
  }
}
const wrkAvailable = has('wrk');
const h2loadAvailable = has('h2load');
if (!h2loadAvailable && only.has('http2'))
  console.error(
    'h2load is not installed (apt-get install nghttp2-client): the HTTP/2 rows have no reference.',
  );
if (!wrkAvailable)
  console.error('wrk is not installed (apt-get install wrk): it is left out of the comparison.');

const twoCores = cpus().length >= 2;
const targetCpu = '0';
const toolCpu = twoCores ? '1' : '0';

// ---- the target: nginx answering a fixed 200 on loopback, on its own core ----
const port = 18_000 + Math.floor(Math.random() * 2000);
const tlsPort = port + 2000;
const url = `http://127.0.0.1:${port}/`;
const tlsUrl = `https://127.0.0.1:${tlsPort}/`;
// A throwaway certificate for the HTTPS server (HTTP/2 by ALPN, HTTP/1.1 for clients that ask for it).
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
  ].concat([
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    join(work, 'key.pem'),
    '-out',
    join(work, 'cert.pem'),
  ]),
  { stdio: 'ignore' },
);
writeFileSync(
  join(work, 'nginx.conf'),
  `worker_processes 1;
worker_rlimit_nofile 40000;
daemon off;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log warn;
events { worker_connections 30000; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 120s;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / { return 200 "ok\\n"; }
  }
  server {
    listen 127.0.0.1:${tlsPort} ssl http2;
    ssl_certificate ${work}/cert.pem;
    ssl_certificate_key ${work}/key.pem;
    location / { return 200 "ok\\n"; }
  }
}
`,
);
const nginx = spawn('taskset', ['-c', targetCpu, 'nginx', '-c', join(work, 'nginx.conf'), '-p', work], {
  stdio: 'inherit',
});
const stopNginx = () => {
  if (nginx.exitCode === null) nginx.kill('SIGQUIT');
};
process.on('exit', stopNginx);
process.on('SIGINT', () => process.exit(130));
await waitForTarget(url);

// ---- helpers ----
async function waitForTarget(target) {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(target);
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not answer on ${target}`);
}

/** Runs a command pinned to the tool core under GNU time; returns stdout, stderr and CPU/RSS figures. */
function timed(command, args, { nofile } = {}) {
  return new Promise((resolve, reject) => {
    const timeFile = join(work, `time-${Date.now()}-${Math.random()}.txt`);
    const shell = `${nofileLimit(nofile)}exec taskset -c ${toolCpu} /usr/bin/time -o ${timeFile} -f '%e %U %S %M' "$@"`;
    const child = spawn('bash', ['-c', shell, 'bench', command, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (!existsSync(timeFile)) {
        reject(new Error(`${command} did not run (exit ${code}):\n${stderr}`));
        return;
      }
      const [elapsedS, userS, sysS, maxRssKb] = readFileSync(timeFile, 'utf8')
        .trim()
        .split('\n')
        .at(-1)
        .split(' ')
        .map(Number);
      resolve({ code, stdout, stderr, elapsedS, cpuS: userS + sysS, peakRssMb: maxRssKb / 1024 });
    });
  });
}

function writePreset(name, body, base = url) {
  const file = join(work, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\ntarget:\n  baseUrl: ${base.slice(0, -1)}\n  timeout: 10s\n${body}`);
  return file;
}

/** FPT as every benchmark runs it: one worker (the tool has one core), quiet, summary to a file. */
function fptRunArgs(preset, summaryFile) {
  return [fptBin, 'run', preset, '--quiet', '--no-color', '--workers', '1', '--summary-export', summaryFile];
}

/** A shell prefix raising the open-file limit as far as allowed (10,000 VUs hold 10,000 sockets). */
function nofileLimit(nofile) {
  return nofile ? `ulimit -n $(( $(ulimit -Hn) < ${nofile} ? $(ulimit -Hn) : ${nofile} )); ` : '';
}

async function runFpt(name, presetBody, extraArgs = [], options = {}) {
  const preset = writePreset(name, presetBody, options.base);
  const summaryFile = join(work, `${name}-summary.json`);
  const result = await timed('node', [...fptRunArgs(preset, summaryFile), ...extraArgs], options);
  if (!existsSync(summaryFile))
    throw new Error(`FPT wrote no summary for ${name}:\n${result.stderr}\n${result.stdout}`);
  return { ...result, summary: JSON.parse(readFileSync(summaryFile, 'utf8')) };
}

/**
 * Runs FPT pinned to the tool core while sampling its RSS from /proc every 500 ms: the steady-state
 * figure a long run settles at, besides the peak (VmHWM) that GC timing inflates.
 */
async function sampledFpt(name, presetBody, { nofile } = {}) {
  const preset = writePreset(name, presetBody);
  const summaryFile = join(work, `${name}-summary.json`);
  const child = spawn(
    'bash',
    [
      '-c',
      `${nofileLimit(nofile)}exec taskset -c ${toolCpu} node "$@"`,
      'bench',
      ...fptRunArgs(preset, summaryFile),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const samples = [];
  let peakMb = 0;
  const started = Date.now();
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
      peakMb = Math.max(peakMb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024);
      samples.push({ tS: (Date.now() - started) / 1000, rssMb });
    } catch {}
  }, 500);
  await new Promise((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  if (!existsSync(summaryFile)) throw new Error(`FPT wrote no summary for ${name}:\n${stderr}`);
  return { samples, peakMb, summary: JSON.parse(readFileSync(summaryFile, 'utf8')) };
}

const medianOf = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

// ---- 1. throughput, side by side ----
const tools = {
  fpt: async () => {
    const r = await runFpt(
      'throughput',
      `scenarios:
  load:
    executor: constant-vus
    vus: 50
    duration: ${seconds}s
    gracefulStop: 1s
    requests:
      - name: root
        path: /
        checks: [{ status: 200 }]
`,
    );
    const m = r.summary.metrics;
    const requests = m.http_reqs.values.count;
    return {
      requests,
      durationS: seconds,
      cpuS: r.cpuS,
      p50Ms: m.http_req_duration.values.med,
      p99Ms: m.http_req_duration.values['p(99)'],
      peakRssMb: r.peakRssMb,
    };
  },
  autocannon: async () => {
    const r = await timed('node', [autocannonBin, '-c', '50', '-d', String(seconds), '-j', url]);
    const report = JSON.parse(r.stdout);
    return {
      requests: report.requests.total,
      durationS: report.duration,
      cpuS: r.cpuS,
      p50Ms: report.latency.p50,
      p99Ms: report.latency.p99,
      peakRssMb: r.peakRssMb,
    };
  },
  ...(wrkAvailable
    ? {
        wrk: async () => {
          const r = await timed('wrk', ['-t1', '-c50', `-d${seconds}s`, '--latency', url]);
          const total = Number(/(\d+) requests in/.exec(r.stdout)?.[1]);
          const toMs = (text) => {
            const [, value, unit] = /([\d.]+)(us|ms|s)/.exec(text) ?? [];
            return Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
          };
          const p50 = /50%\s+(\S+)/.exec(r.stdout)?.[1] ?? '';
          const p99 = /99%\s+(\S+)/.exec(r.stdout)?.[1] ?? '';
          return {
            requests: total,
            durationS: seconds,
            cpuS: r.cpuS,
            p50Ms: toMs(p50),
            p99Ms: toMs(p99),
            peakRssMb: r.peakRssMb,
          };
        },
      }
    : {}),
};

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, pinned: twoCores },
  settings: { rounds, seconds, target: 'nginx-light, return 200, worker_processes 1' },
};

if (only.has('throughput')) {
  const runs = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const [name, run] of Object.entries(tools)) {
      const r = await run();
      r.rps = r.requests / r.durationS;
      r.requestsPerCpuS = r.requests / r.cpuS;
      runs[name].push(r);
      console.error(
        `round ${round} ${name}: ${Math.round(r.rps)} req/s, ${Math.round(r.requestsPerCpuS)} req/CPU-s`,
      );
    }
  }
  const median = medianOf;
  const summary = Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [
      name,
      {
        rps: median(list.map((r) => r.rps)),
        requestsPerCpuS: median(list.map((r) => r.requestsPerCpuS)),
        p50Ms: median(list.map((r) => r.p50Ms)),
        p99Ms: median(list.map((r) => r.p99Ms)),
        peakRssMb: median(list.map((r) => r.peakRssMb)),
      },
    ]),
  );
  // Each round's tools ran back to back, so a round's own ratio is the one least touched by the machine's
  // drift; the median of those is reported beside the ratio of the medians.
  const roundRatios = (other) => runs.fpt.map((r, i) => r.requestsPerCpuS / runs[other][i].requestsPerCpuS);
  const ratios = {
    fptOverAutocannon: summary.fpt.requestsPerCpuS / summary.autocannon.requestsPerCpuS,
    ...(summary.wrk ? { fptOverWrk: summary.fpt.requestsPerCpuS / summary.wrk.requestsPerCpuS } : {}),
    fptOverAutocannonByRound: roundRatios('autocannon'),
    fptOverAutocannonMedianOfRounds: medianOf(roundRatios('autocannon')),
    ...(summary.wrk ? { fptOverWrkMedianOfRounds: medianOf(roundRatios('wrk')) } : {}),
  };
  results.throughput = { runs, median: summary, ratios };
  console.log('\nthroughput (median of rounds)');
  console.table(
    Object.fromEntries(
      Object.entries(summary).map(([name, s]) => [
        name,
        {
          'req/s': Math.round(s.rps),
          'req/CPU-s': Math.round(s.requestsPerCpuS),
          'p50 ms': s.p50Ms.toFixed(2),
          'p99 ms': s.p99Ms.toFixed(2),
          'peak RSS MB': s.peakRssMb.toFixed(1),
        },
      ]),
    ),
  );
  console.log('ratios on requests per CPU-second:', JSON.stringify(ratios));
}

// ---- 1b. HTTP/2 over TLS: FPT next to h2load (one stream per connection, as a k6 VU sends), and FPT's
// HTTP/1.1 over the same TLS server; ratios against FPT's own plain HTTP/1.1 figure from section 1 ----
if (only.has('http2')) {
  const fptOverTls = (name, http) => async () => {
    const r = await runFpt(
      name,
      `  insecureSkipTLSVerify: true
  http: ${http}
scenarios:
  load:
    executor: constant-vus
    vus: 50
    duration: ${seconds}s
    gracefulStop: 1s
    requests:
      - name: root
        path: /
        checks: [{ status: 200 }]
`,
      [],
      { base: tlsUrl },
    );
    const m = r.summary.metrics;
    return {
      requests: m.http_reqs.values.count,
      durationS: seconds,
      cpuS: r.cpuS,
      p99Ms: m.http_req_duration.values['p(99)'],
    };
  };
  const h2Tools = {
    'fpt-h2': fptOverTls('h2', 'auto'),
    'fpt-h1-tls': fptOverTls('h1-tls', 'http1'),
    ...(h2loadAvailable
      ? {
          h2load: async () => {
            const r = await timed('h2load', [
              '-c',
              '50',
              '-m',
              '1',
              '-t',
              '1',
              '-D',
              String(seconds),
              tlsUrl,
            ]);
            const done = Number(/requests: \d+ total, \d+ started, (\d+) done/.exec(r.stdout)?.[1]);
            return { requests: done, durationS: seconds, cpuS: r.cpuS, p99Ms: Number.NaN };
          },
        }
      : {}),
  };
  const runs = Object.fromEntries(Object.keys(h2Tools).map((name) => [name, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const [name, run] of Object.entries(h2Tools)) {
      const r = await run();
      r.rps = r.requests / r.durationS;
      r.requestsPerCpuS = r.requests / r.cpuS;
      runs[name].push(r);
      console.error(
        `round ${round} ${name}: ${Math.round(r.rps)} req/s, ${Math.round(r.requestsPerCpuS)} req/CPU-s`,
      );
    }
  }
  const median = Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [
      name,
      {
        rps: medianOf(list.map((r) => r.rps)),
        requestsPerCpuS: medianOf(list.map((r) => r.requestsPerCpuS)),
      },
    ]),
  );
  const plainHttp1 = results.throughput?.median.fpt.requestsPerCpuS;
  const ratios = {
    fptHttp2OverFptHttp1Plain: plainHttp1 ? median['fpt-h2'].requestsPerCpuS / plainHttp1 : null,
    fptHttp2OverFptHttp1Tls: median['fpt-h2'].requestsPerCpuS / median['fpt-h1-tls'].requestsPerCpuS,
    ...(median.h2load
      ? { fptHttp2OverH2load: median['fpt-h2'].requestsPerCpuS / median.h2load.requestsPerCpuS }
      : {}),
  };
  results.http2 = {
    runs,
    median,
    ratios,
    target: 'nginx-light over TLS (self-signed), ALPN h2; 50 connections',
  };
  console.log('\nHTTP/2 and HTTP/1.1 over TLS (median of rounds)');
  console.table(
    Object.fromEntries(
      Object.entries(median).map(([name, m]) => [
        name,
        { 'req/s': Math.round(m.rps), 'req/CPU-s': Math.round(m.requestsPerCpuS) },
      ]),
    ),
  );
  console.log('ratios on requests per CPU-second:', JSON.stringify(ratios));
}

// ---- 1c. the cost of per-sample outputs ----
// k6's --out json and --out csv write a line per sample: every sample crosses from the worker to the main
// thread and becomes text. Measured as requests per CPU-second beside the same run without outputs.
if (only.has('outputs')) {
  const preset = `scenarios:
  load:
    executor: constant-vus
    vus: 50
    duration: ${seconds}s
    gracefulStop: 1s
    requests: [{ name: root, path: /, checks: [{ status: 200 }] }]
`;
  const variants = {
    none: [],
    jsonIntervals: ['--out', `json-intervals=${join(work, 'intervals.ndjson')}`],
    k6Json: ['--out', `json=${join(work, 'samples.ndjson')}`],
    k6Csv: ['--out', `csv=${join(work, 'samples.csv')}`],
  };
  const runs = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const [name, args] of Object.entries(variants)) {
      const r = await runFpt(`outputs-${name}`, preset, args);
      const requests = r.summary.metrics.http_reqs.values.count;
      runs[name].push({ requests, cpuS: r.cpuS, requestsPerCpuS: requests / r.cpuS, peakRssMb: r.peakRssMb });
      console.error(`round ${round} outputs ${name}: ${Math.round(requests / r.cpuS)} req/CPU-s`);
    }
  }
  const median = Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [
      name,
      {
        requestsPerCpuS: medianOf(list.map((r) => r.requestsPerCpuS)),
        peakRssMb: medianOf(list.map((r) => r.peakRssMb)),
      },
    ]),
  );
  const ratios = Object.fromEntries(
    Object.keys(variants)
      .filter((name) => name !== 'none')
      .map((name) => [`${name}OverNone`, median[name].requestsPerCpuS / median.none.requestsPerCpuS]),
  );
  results.outputs = {
    runs,
    median,
    ratios,
    lines: 'one per sample (k6Json, k6Csv), one per series per second (jsonIntervals)',
  };
  console.log(
    '\nper-sample outputs (median req/CPU-s):',
    JSON.stringify(median),
    'ratios:',
    JSON.stringify(ratios),
  );
}

// ---- 1d. script VUs ----
// A k6-style script doing what the throughput preset does (GET /, a status check), beside the preset, in
// the same rounds; then the memory of 5,000 idle script VUs against one, as the preset's memory row does.
function writeScript(name, body) {
  const file = join(work, `${name}.js`);
  writeFileSync(file, body);
  return file;
}

async function runFptFile(name, file, extraArgs = []) {
  const summaryFile = join(work, `${name}-summary.json`);
  const result = await timed('node', [...fptRunArgs(file, summaryFile), ...extraArgs]);
  if (!existsSync(summaryFile))
    throw new Error(`FPT wrote no summary for ${name}:\n${result.stderr}\n${result.stdout}`);
  return { ...result, summary: JSON.parse(readFileSync(summaryFile, 'utf8')) };
}

if (only.has('scripts')) {
  const script = writeScript(
    'script-throughput',
    `import http from 'k6/http';
import { check } from 'k6';
export const options = { vus: 50, duration: '${seconds}s', ext: { fpt: { target: { timeout: '10s' } } } };
export default async function () {
  const res = await http.get('${url}', { tags: { name: 'root' } });
  check(res, { 'status is 200': (r) => r.status === 200 });
}
`,
  );
  const presetBody = `scenarios:
  load:
    executor: constant-vus
    vus: 50
    duration: ${seconds}s
    gracefulStop: 1s
    requests: [{ name: root, path: /, checks: [{ status: 200 }] }]
`;
  const runs = { preset: [], script: [] };
  for (let round = 1; round <= rounds; round++) {
    const preset = await runFpt('scripts-preset', presetBody);
    const scripted = await runFptFile('scripts-script', script);
    for (const [name, r] of [
      ['preset', preset],
      ['script', scripted],
    ]) {
      const requests = r.summary.metrics.http_reqs.values.count;
      runs[name].push({ requests, cpuS: r.cpuS, requestsPerCpuS: requests / r.cpuS, peakRssMb: r.peakRssMb });
      console.error(`round ${round} scripts ${name}: ${Math.round(requests / r.cpuS)} req/CPU-s`);
    }
  }
  const median = Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [
      name,
      { requestsPerCpuS: medianOf(list.map((r) => r.requestsPerCpuS)) },
    ]),
  );
  const roundRatios = runs.script.map((r, i) => r.requestsPerCpuS / runs.preset[i].requestsPerCpuS);
  const idleScript = (vus) =>
    `import http from 'k6/http';
import { sleep } from 'k6';
export const options = { vus: ${vus}, duration: '30s', ext: { fpt: { safety: { maxVUs: 20000 } } } };
export default async function () {
  await http.get('${url}');
  await sleep(1);
}
`;
  const memoryOf = async (vus) => {
    const file = writeScript(`script-vus-${vus}`, idleScript(vus));
    const summaryFile = join(work, `script-vus-${vus}-summary.json`);
    const child = spawn(
      'bash',
      [
        '-c',
        `${nofileLimit(65536)}exec taskset -c ${toolCpu} node "$@"`,
        'bench',
        ...fptRunArgs(file, summaryFile),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const samples = [];
    const started = Date.now();
    const sampler = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        samples.push({
          tS: (Date.now() - started) / 1000,
          rssMb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024,
        });
      } catch {}
    }, 500);
    await new Promise((resolve) => child.on('close', resolve));
    clearInterval(sampler);
    return medianOf(samples.filter((s) => s.tS >= 10 && s.tS <= 28).map((s) => s.rssMb));
  };
  const one = await memoryOf(1);
  const many = await memoryOf(5000);
  results.scripts = {
    runs,
    median,
    scriptOverPreset: median.script.requestsPerCpuS / median.preset.requestsPerCpuS,
    scriptOverPresetRoundMedian: medianOf(roundRatios),
    memory: { oneVuSteadyRssMb: one, fiveThousandSteadyRssMb: many, perVuKiB: ((many - one) * 1024) / 4999 },
  };
  console.log(
    `\nscript VUs: ${Math.round(median.script.requestsPerCpuS)} req/CPU-s vs preset ${Math.round(median.preset.requestsPerCpuS)} (${results.scripts.scriptOverPreset.toFixed(2)}; round median ${results.scripts.scriptOverPresetRoundMedian.toFixed(2)}); memory ${results.scripts.memory.perVuKiB.toFixed(1)} KiB per script VU (${one.toFixed(1)} MB at 1, ${many.toFixed(1)} MB at 5,000)`,
  );
}

// ---- start-up: the fixed CPU every command pays before it does anything ----
if (only.has('startup')) {
  // Interleaved, so that the machine's noise falls on every command alike; medians of CPU seconds.
  // fpt runs the CLI's bundle (packages/cli/scripts/bundle.mjs); the same commands from the compiled modules
  // it is made of (dist/main.js, what fpt runs without a current bundle) show what the bundle saves.
  const { currentBundle } = await import(new URL('../packages/cli/dist/current-bundle.js', import.meta.url));
  const bundled = currentBundle(new URL('../packages/cli/dist/bundle/', import.meta.url)) !== undefined;
  if (!bundled) console.error('the CLI bundle is missing or older than a compile: run npm run build first.');
  const unbundled = join(root, 'packages/cli/dist/main.js');
  const commands = {
    node: ['-e', '0'],
    version: [fptBin, '--version'],
    validate: [fptBin, 'validate', join(root, 'presets/quick.yaml')],
    runHelp: [fptBin, 'run', '--help'],
    versionUnbundled: [unbundled, '--version'],
    validateUnbundled: [unbundled, 'validate', join(root, 'presets/quick.yaml')],
    runHelpUnbundled: [unbundled, 'run', '--help'],
  };
  const cpu = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let round = 0; round < 15; round++) {
    for (const [name, args] of Object.entries(commands)) {
      const r = await timed(process.execPath, args);
      if (r.code !== 0) throw new Error(`${name} exited ${r.code}: ${r.stderr}`);
      cpu[name].push(r.cpuS);
    }
  }
  const median = Object.fromEntries(Object.entries(cpu).map(([name, runs]) => [name, medianOf(runs)]));
  results.startup = {
    rounds: 15,
    bundled,
    cpuS: cpu,
    medianCpuS: median,
    validateOverNode: median.validate / median.node,
  };
  console.log(
    `\nstart-up CPU (median of 15): node -e 0 ${median.node.toFixed(3)} s, fpt --version ${median.version.toFixed(3)} s, fpt validate ${median.validate.toFixed(3)} s, fpt run --help ${median.runHelp.toFixed(3)} s; without the bundle ${median.versionUnbundled.toFixed(3)} s, ${median.validateUnbundled.toFixed(3)} s, ${median.runHelpUnbundled.toFixed(3)} s`,
  );
}

// ---- 2. memory per VU ----
if (only.has('memory')) {
  const vuPreset = (vus, duration) => `safety: { maxVUs: 20000, maxDuration: 5m }
scenarios:
  idle:
    executor: constant-vus
    vus: ${vus}
    duration: ${duration}
    gracefulStop: 2s
    thinkTime: 1s
    requests: [{ name: root, path: / }]
`;
  const baseline = await sampledFpt('vus-1', vuPreset(1, '30s'), { nofile: 65536 });
  const many = await sampledFpt('vus-10000', vuPreset(10_000, '30s'), { nofile: 65536 });
  // Steady state: the median RSS from 10 s to 28 s, once every VU is connected and sleeping in turn.
  const steady = (run) => medianOf(run.samples.filter((s) => s.tS >= 10 && s.tS <= 28).map((s) => s.rssMb));
  const steadyPerVuKiB = ((steady(many) - steady(baseline)) * 1024) / 9_999;
  const peakPerVuKiB = ((many.peakMb - baseline.peakMb) * 1024) / 9_999;
  results.memoryPerVu = {
    baselineSteadyRssMb: steady(baseline),
    tenThousandSteadyRssMb: steady(many),
    steadyPerVuKiB,
    baselinePeakRssMb: baseline.peakMb,
    tenThousandPeakRssMb: many.peakMb,
    peakPerVuKiB,
    requests: many.summary.metrics.http_reqs.values.count,
    failed: many.summary.metrics.http_req_failed?.values.passes ?? 0,
  };
  console.log(
    `\nmemory per VU: ${steadyPerVuKiB.toFixed(1)} KiB steady (${steady(baseline).toFixed(1)} MB at 1 VU, ${steady(many).toFixed(1)} MB at 10,000), ${peakPerVuKiB.toFixed(1)} KiB at peak RSS`,
  );
}

// ---- 3. memory over a long run ----
if (only.has('soak')) {
  const run = await sampledFpt(
    'soak',
    `safety: { maxDuration: 15m }
scenarios:
  soak:
    executor: shared-iterations
    vus: 50
    iterations: 2000000
    maxDuration: 10m
    requests: [{ name: root, path: /, checks: [{ status: 200 }] }]
`,
  );
  const at10 = run.samples.find((s) => s.tS >= 10) ?? run.samples[0];
  const last = run.samples.at(-1);
  results.memoryOverTime = {
    requests: run.summary.metrics.http_reqs.values.count,
    durationS: run.summary.state.testRunDurationMs / 1000,
    rssAt10sMb: at10?.rssMb,
    rssAtEndMb: last?.rssMb,
    growthMb: (last?.rssMb ?? 0) - (at10?.rssMb ?? 0),
    peakRssMb: run.peakMb,
    samples: run.samples,
  };
  console.log(
    `\nmemory over time: ${results.memoryOverTime.requests} requests in ${results.memoryOverTime.durationS.toFixed(0)} s; RSS ${at10?.rssMb.toFixed(1)} MB at 10 s, ${last?.rssMb.toFixed(1)} MB at the end (growth ${results.memoryOverTime.growthMb.toFixed(1)} MB)`,
  );
}

// ---- 4. open model ----
if (only.has('open')) {
  const r = await runFpt(
    'open',
    `safety: { maxVUs: 500, maxRequestRate: 5000 }
scenarios:
  open:
    executor: constant-arrival-rate
    rate: 2000
    timeUnit: 1s
    duration: 20s
    preAllocatedVUs: 50
    maxVUs: 400
    requests: [{ name: root, path: / }]
`,
  );
  const m = r.summary.metrics;
  const expected = 40_000;
  const achieved = m.iterations.values.count;
  results.openModel = {
    expected,
    achieved,
    achievedPct: (achieved / expected) * 100,
    dropped: m.dropped_iterations?.values.count ?? 0,
    startLatenessP99Ms: m.iteration_start_delay?.values['p(99)'],
    startLatenessMaxMs: m.iteration_start_delay?.values.max,
  };
  console.log(
    `\nopen model: ${achieved}/${expected} iterations (${results.openModel.achievedPct.toFixed(2)}%), start lateness p99 ${results.openModel.startLatenessP99Ms?.toFixed(2)} ms`,
  );
}

mkdirSync(join(root, 'bench/results'), { recursive: true });
// A run of some sections only gets a file of its own, so it never overwrites a whole run's figures.
const partial =
  process.env.BENCH_ONLY && process.env.BENCH_ONLY !== allSections ? `-${[...only].join('+')}` : '';
const out = join(root, 'bench/results', `${results.date.slice(0, 10)}${partial}.json`);
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nfigures written to ${out}`);
stopNginx();
rmSync(work, { recursive: true, force: true });
