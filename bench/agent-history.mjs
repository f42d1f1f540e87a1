// History at scale: fills an agent's index with 100 and with 10,000 runs, starts a real agent on each, and
// times the history API (first page, a filtered page, a deep page) and, when the web UI is built, the
// history page's first screen in headless Chromium. Goal: under 100 ms each at 10,000 runs.
// Run after `npm run build`: node bench/agent-history.mjs (figures to bench/results/<date>-agent-history.json).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noFigures, openRunIndex } from '@fpt/agent';
import { compactUtcTimestamp } from '@fpt/metrics';
import { startAgentProcess } from '../tools/test-support/agent-process.ts';

const sizes = [100, 10_000];
const requestsPerCase = 60;
const presets = ['quick', 'standard', 'stress', 'pr', 'api'];
const statuses = ['passed', 'passed', 'passed', 'failed', 'stopped', 'aborted'];
const regions = ['eu-near', 'eu-far', 'us-east'];

async function fill(dataDir, count) {
  mkdirSync(dataDir, { recursive: true });
  const index = await openRunIndex(join(dataDir, 'index.sqlite'));
  const start = Date.UTC(2026, 0, 1);
  const records = [];
  for (let i = 0; i < count; i++) {
    const startedAt = start + i * 60_000;
    records.push({
      ...noFigures,
      id: `${compactUtcTimestamp(new Date(startedAt))}-${presets[i % presets.length]}-${i.toString(16).padStart(6, '0')}`,
      preset: presets[i % presets.length],
      region: regions[i % regions.length],
      agentId: 'bench',
      tags: { build: String(i) },
      status: statuses[i % statuses.length],
      reason: null,
      startedAt,
      endedAt: startedAt + 30_000,
      durationMs: 30_000,
      plannedMs: 30_000,
      exitCode: 0,
      verdict: i % 10 === 0 ? 'regression' : 'pass',
      segment: null,
      requests: 10_000 + i,
      requestRate: 333,
      errorRate: (i % 7) / 1000,
      p50Ms: 20 + (i % 13),
      p95Ms: 80 + (i % 31),
      p99Ms: 150 + (i % 47),
      maxVus: 50,
      iterations: 10_000 + i,
      checksPassed: 10_000,
      checksFailed: i % 5,
      thresholdsPassed: 3,
      thresholdsFailed: statuses[i % statuses.length] === 'failed' ? 1 : 0,
    });
  }
  index.insertMany(records);
  index.close();
  return records;
}

async function timeRequests(agent, path) {
  const times = [];
  for (let i = 0; i < requestsPerCase; i++) {
    const t = performance.now();
    const response = await fetch(`${agent.url}${path}`, { headers: agent.headers() });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    p50Ms: round(times[Math.floor(times.length / 2)]),
    p95Ms: round(times[Math.floor(times.length * 0.95)]),
  };
}

async function timeHistoryPage(agent) {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return { skipped: 'playwright-core is not installed' };
  }
  const browser = await chromium.launch({
    executablePath: process.env.FPT_CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--no-sandbox', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = await fetch(`${agent.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: agent.token }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0].split('=');
    await context.addCookies([{ name: cookie[0], value: cookie.slice(1).join('='), url: agent.url }]);
    // Measured by the page itself: from the start of its navigation (performance.now() in the page) to the
    // moment the first rows are in the document, so the driver's own round trips do not count.
    const times = [];
    for (let i = 0; i < 10; i++) {
      // A full page load each time (a hash change alone would not reload the app).
      await page.goto('about:blank');
      await page.goto(`${agent.url}/#/history`);
      times.push(
        await page.evaluate(
          () =>
            new Promise((resolve) => {
              const check = () =>
                document.querySelector('#runs-table tr[data-run]')
                  ? resolve(performance.now())
                  : requestAnimationFrame(check);
              check();
            }),
        ),
      );
    }
    times.sort((a, b) => a - b);
    return { p50Ms: round(times[5]), p95Ms: round(times[9]) };
  } catch (error) {
    return { skipped: `the history page did not show rows: ${error.message.split('\n')[0]}` };
  } finally {
    await browser.close();
  }
}

const round = (value) => Math.round(value * 10) / 10;
const results = {};
for (const size of sizes) {
  const dataDir = mkdtempSync(join(tmpdir(), 'fpt-bench-history-'));
  const records = await fill(dataDir, size);
  const agent = await startAgentProcess({ dataDir, env: { FPT_RETAIN_RUNS: '0' } });
  try {
    const middle = records[Math.floor(records.length / 2)].startedAt;
    results[size] = {
      firstPage: await timeRequests(agent, '/api/runs?limit=50'),
      filteredPage: await timeRequests(agent, '/api/runs?limit=50&preset=stress&status=failed&region=eu-far'),
      deepPage: await timeRequests(agent, `/api/runs?limit=50&before=${middle}`),
      historyPage: await timeHistoryPage(agent),
    };
  } finally {
    await agent.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const ratio = (key) =>
  results[10_000][key].p50Ms && results[100][key].p50Ms
    ? round(results[10_000][key].p50Ms / results[100][key].p50Ms)
    : null;
const report = {
  date: new Date().toISOString(),
  requestsPerCase,
  results,
  ratios10000to100: {
    firstPage: ratio('firstPage'),
    filteredPage: ratio('filteredPage'),
    deepPage: ratio('deepPage'),
  },
  goalMs: 100,
};
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/${report.date.slice(0, 10)}-agent-history.json`;
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log('history at 100 and 10,000 runs (ms, p50 / p95 of', requestsPerCase, 'requests)');
for (const size of sizes) {
  for (const [name, figures] of Object.entries(results[size])) {
    console.log(
      `${String(size).padStart(6)}  ${name.padEnd(13)} ${figures.skipped ?? `${figures.p50Ms} / ${figures.p95Ms}`}`,
    );
  }
}
console.log('ratios 10,000/100 (p50):', JSON.stringify(report.ratios10000to100));
console.log(`written to ${file}`);
