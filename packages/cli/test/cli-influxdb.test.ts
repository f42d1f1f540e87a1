import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fptDashboards } from '@fpt/influx';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { chromiumMissingReason } from '../../../tools/test-support/chromium.js';
import {
  interpolateGrafanaQuery,
  type VariableValue,
} from '../../../tools/test-support/grafana-interpolate.js';
import {
  type InfluxdProcess,
  influxdMissingReason,
  influxQuery,
  spawnInfluxd,
} from '../../../tools/test-support/influxd-process.js';
import { runFpt } from './cli-process.js';

const missing = influxdMissingReason();
if (missing)
  console.warn(`skipping fpt run --out influxdb tests: ${missing} (CI installs the Debian package influxdb)`);

describe.skipIf(missing !== undefined)('fpt run --out influxdb', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-cli-influx-'));
  let target: DemoTarget;
  let influx: InfluxdProcess;
  beforeAll(async () => {
    target = await startDemoTarget();
    influx = await spawnInfluxd();
    await influx.ready;
  });
  afterAll(async () => {
    await influx?.stop();
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const preset = (duration: string) => {
    const file = join(dir, `influx-${duration}.yaml`);
    writeFileSync(
      file,
      `name: influx-e2e
target: { baseUrl: "${target.url}" }
metrics:
  fast_time: { type: trend, isTime: true }
scenarios:
  api:
    executor: constant-vus
    vus: 2
    duration: ${duration}
    requests:
      - { name: fast, path: /fast, checks: [{ status: 200 }], record: { metric: fast_time } }
      - { name: flaky, path: /fail, query: { ratio: 0.5, key: influx-e2e } }
`,
    );
    return file;
  };

  it('writes the run into InfluxDB with the run, preset and region tags, and the counts agree', async () => {
    const summaryFile = join(dir, 'summary.json');
    const result = await runFpt(
      [
        'run',
        preset('2s'),
        '--quiet',
        '--region',
        'eu-near',
        '--out',
        `influxdb=${influx.url}/fpt_e2e`,
        '--summary-export',
        summaryFile,
      ],
      { env: { FPT_AGENT_ID: 'agent-1' } },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/InfluxDB: \d+ points written, 0 dropped/);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    const [series] = await influxQuery(influx.url, 'fpt_e2e', 'SELECT sum("value") FROM "http_reqs"');
    expect(series?.values[0]?.[1]).toBe(summary.metrics.http_reqs.values.count);
    const tags = await influxQuery(
      influx.url,
      'fpt_e2e',
      'SHOW TAG VALUES FROM "http_req_duration" WITH KEY IN ("preset", "region", "agent", "name", "status")',
    );
    const values = tags.flatMap((s) => s.values.map((v) => `${v[0]}=${v[1]}`)).sort();
    expect(values).toEqual([
      'agent=agent-1',
      'name=fast',
      'name=flaky',
      'preset=influx-e2e',
      'region=eu-near',
      'status=200',
      'status=500',
    ]);
    const [testids] = await influxQuery(
      influx.url,
      'fpt_e2e',
      'SHOW TAG VALUES FROM "vus" WITH KEY = "testid"',
    );
    expect(testids?.values[0]?.[1]).toMatch(/^influx-e2e-\d{8}T\d{6}Z-[a-z0-9]+$/);
    const [p95] = await influxQuery(
      influx.url,
      'fpt_e2e',
      'SELECT percentile("value", 95) FROM "http_req_duration"',
    );
    expect(p95?.values[0]?.[1]).toBeGreaterThan(0);
    // A custom metric (metrics: + record:) is written like a built-in one, with the request's tags.
    const [custom] = await influxQuery(
      influx.url,
      'fpt_e2e',
      'SHOW TAG VALUES FROM "fast_time" WITH KEY IN ("name", "preset")',
    );
    expect(custom?.values.map((v) => `${v[0]}=${v[1]}`).sort()).toEqual(['name=fast', 'preset=influx-e2e']);
    // Trends go in as pseudo-samples of each interval's histogram, downsampled past a cap, so the largest
    // one is at most the run's max (HDR rounding aside), in milliseconds like the summary's.
    const [customMax] = await influxQuery(
      influx.url,
      'fpt_e2e',
      'SELECT count("value"), max("value") FROM "fast_time"',
    );
    expect(customMax?.values[0]?.[1]).toBeGreaterThan(0);
    expect(customMax?.values[0]?.[2]).toBeGreaterThan(0);
    expect(customMax?.values[0]?.[2]).toBeLessThanOrEqual(
      summary.metrics.fast_time.values.max * 1.001 + 0.001,
    );
  });

  it('finishes the run and writes the summary when InfluxDB stops in the middle, reporting the dropped points', async () => {
    // An InfluxDB of its own, since this test stops it.
    const doomed = await spawnInfluxd();
    onTestFinished(() => doomed.stop());
    await doomed.ready;
    const summaryFile = join(dir, 'outage.json');
    const reportFile = join(dir, 'outage.html');
    const result = await runFpt(
      [
        'run',
        preset('3s'),
        '--quiet',
        '--out',
        `influxdb=${doomed.url}/fpt_outage`,
        '--summary-export',
        summaryFile,
        '--report',
        reportFile,
      ],
      {
        onSpawn: (child) => {
          let stopped = false;
          child.stderr?.on('data', () => undefined);
          setTimeout(() => {
            if (!stopped) {
              stopped = true;
              void doomed.stop();
            }
          }, 1200);
        },
      },
    );
    expect(result.code).toBe(0);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    expect(summary.metrics.http_reqs.values.count).toBeGreaterThan(0);
    expect(readFileSync(reportFile, 'utf8')).toContain('FPT report');
    const match = /InfluxDB: (\d+) points written, (\d+) dropped/.exec(result.stdout);
    expect(match).not.toBeNull();
    expect(Number(match![2])).toBeGreaterThan(0);
    // Lost metrics are a warning of the run, in the CLI summary, the summary JSON and the report.
    const lost = summary.fpt.warnings.find((w: string) => w.startsWith('InfluxDB lost'));
    expect(lost).toMatch(
      new RegExp(
        `InfluxDB lost ${match![2]} of \\d+ metric points( \\(none arrived\\))?: its dashboards miss part of this run`,
      ),
    );
    expect(result.stdout).toMatch(/WARNINGS[\s\S]*InfluxDB lost/);
    expect(readFileSync(reportFile, 'utf8')).toContain('InfluxDB lost');
  }, 60_000);

  it('warns that every metric was lost when InfluxDB is unreachable for the whole run', async () => {
    const summaryFile = join(dir, 'unreachable.json');
    const result = await runFpt([
      'run',
      preset('1s'),
      '--quiet',
      '--out',
      'influxdb=http://127.0.0.1:9/fpt_nowhere',
      '--summary-export',
      summaryFile,
    ]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    expect(summary.fpt.warnings.find((w: string) => w.startsWith('InfluxDB lost'))).toMatch(
      /\(none arrived\)/,
    );
  }, 60_000);

  it.skipIf(chromiumMissingReason() !== undefined)(
    'after a real hybrid run, every query of every panel of both dashboards returns data',
    async () => {
      const file = join(dir, 'hybrid-influx.yaml');
      writeFileSync(
        file,
        `name: hybrid-influx
target: { baseUrl: "${target.url}" }
scenarios:
  api:
    executor: constant-arrival-rate
    rate: 30
    duration: 3s
    preAllocatedVUs: 5
    requests:
      - { name: items, path: /api/items }
      - { name: flaky, path: /fail, query: { ratio: 0.2, key: dashboards } }
  web:
    executor: per-vu-iterations
    vus: 1
    iterations: 2
    maxDuration: 1m
    browser:
      steps:
        - goto: /pages/home
        - click: "#buy"
        - expect: { text: "Clicked!" }
`,
      );
      const startMs = Date.now();
      const result = await runFpt([
        'run',
        file,
        '--quiet',
        '--workers',
        '1',
        '--region',
        'eu-near',
        '--out',
        `influxdb=${influx.url}/fpt_dash`,
      ]);
      const endMs = Date.now();
      expect(result.code, result.stderr).toBe(0);
      const q = (query: string) => influxQuery(influx.url, 'fpt_dash', query);
      let queries = 0;
      for (const dashboard of Object.values(fptDashboards())) {
        const variables: Record<string, VariableValue> = {};
        for (const variable of dashboard.templating.list) {
          const series = await q(
            interpolateGrafanaQuery(variable.query, {
              variables,
              fromMs: startMs,
              toMs: endMs,
              intervalMs: 1000,
            }),
          );
          const values = [...new Set(series.flatMap((s) => s.values.map((v) => String(v[1]))))].sort();
          expect(values.length, `variable ${variable.name} of "${dashboard.title}"`).toBeGreaterThan(0);
          variables[variable.name] =
            variable.name === 'testid'
              ? { regex: false, values: [values[0]!] }
              : { regex: true, values: 'All', allValue: '.*' };
        }
        for (const panel of dashboard.panels) {
          if (panel.type === 'row') continue;
          for (const target of panel.targets) {
            const query = interpolateGrafanaQuery(target.query, {
              variables,
              fromMs: startMs - 1000,
              toMs: endMs + 1000,
              intervalMs: 2000,
            });
            const series = await q(query);
            const hasValue = series.some((s) =>
              s.values.some((row) => row.slice(1).some((v) => typeof v === 'number')),
            );
            expect(hasValue, `"${dashboard.title}" / "${panel.title}" ${target.refId}: ${query}`).toBe(true);
            queries++;
          }
        }
      }
      expect(queries).toBeGreaterThan(15);
    },
    90_000,
  );
});
