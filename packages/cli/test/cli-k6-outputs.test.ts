import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runFpt } from './cli-process.js';

let target: DemoTarget;
let dir: string;
beforeAll(async () => {
  target = await startDemoTarget();
  dir = mkdtempSync(join(tmpdir(), 'fpt-k6-outputs-'));
});
afterAll(async () => {
  await target?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Two groups, a custom trend with a threshold, checks in and out of groups: 12 iterations on 2 workers. */
function groupedPreset(): string {
  const file = join(dir, 'grouped.yaml');
  writeFileSync(
    file,
    `name: grouped
target: { baseUrl: "${target.url}" }
metrics:
  checkout_time: { type: trend, isTime: true }
scenarios:
  shop:
    executor: shared-iterations
    vus: 3
    iterations: 12
    selection: sequence
    requests:
      - { name: home, path: /fast, checks: [{ status: 200 }] }
      - { name: browse, group: a, path: /fast, checks: [{ status: 200 }] }
      - name: buy
        group: b
        path: /delay/5
        checks: [{ status: 200 }, { jsonPath: $.delayMs, equals: 5 }]
        record: { metric: checkout_time }
thresholds:
  http_req_duration: ["p(95)<5000"]
  "http_req_duration{group:::a}": ["p(95)<5000"]
  checkout_time: [{ threshold: "p(95)<5000", abortOnFail: true }]
`,
  );
  return file;
}

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('k6 per-sample outputs', () => {
  it('writes --out json as k6 Point and Metric lines, one Point per sample, valid against the committed schema', async () => {
    const json = join(dir, 'samples.ndjson');
    const gz = join(dir, 'samples.ndjson.gz');
    const summaryFile = join(dir, 'summary.json');
    const result = await runFpt([
      'run',
      groupedPreset(),
      '--quiet',
      '--workers',
      '2',
      '--tag',
      'build=7',
      '--out',
      `json=${json}`,
      '--out',
      `json=${gz}`,
      '--summary-export',
      summaryFile,
    ]);
    expect(result.stderr).not.toContain('WARN');
    expect(result.code).toBe(0);
    const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/k6-json-output.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    const all = lines(readFileSync(json, 'utf8'));
    for (const line of all) expect(validate(line), JSON.stringify(validate.errors)).toBe(true);
    // The .gz file is the same stream, compressed.
    expect(lines(gunzipSync(readFileSync(gz)).toString('utf8')).length).toBe(all.length);

    // A Metric line comes once per metric, before that metric's first Point.
    const described = new Set<string>();
    for (const line of all) {
      if (line.type === 'Metric') {
        expect(described.has(line.metric)).toBe(false);
        described.add(line.metric);
      } else expect(described.has(line.metric), `${line.metric} described first`).toBe(true);
    }
    const points = (metric: string) => all.filter((l) => l.type === 'Point' && l.metric === metric);
    const metricLine = (metric: string) => all.find((l) => l.type === 'Metric' && l.metric === metric);

    expect(points('http_reqs')).toHaveLength(36);
    expect(points('http_reqs').every((p) => p.data.value === 1)).toBe(true);
    expect(points('http_req_duration').filter((p) => p.data.tags.group === '::a')).toHaveLength(12);
    expect(points('http_req_duration')[0].data.tags).toMatchObject({
      scenario: 'shop',
      build: '7',
      status: '200',
    });
    expect(points('checks')).toHaveLength(48);
    expect(points('group_duration').filter((p) => p.data.tags.group === '::b')).toHaveLength(12);
    expect(metricLine('http_req_duration').data).toEqual({
      name: 'http_req_duration',
      type: 'trend',
      contains: 'time',
      thresholds: ['p(95)<5000'],
      submetrics: [{ name: 'http_req_duration{group:::a}', suffix: 'group:::a', tags: { group: '::a' } }],
    });
    expect(metricLine('checkout_time').data).toEqual({
      name: 'checkout_time',
      type: 'trend',
      contains: 'time',
      thresholds: [{ threshold: 'p(95)<5000', abortOnFail: true }],
      submetrics: null,
    });

    // Every sample is there: the points add up to what the summary aggregated.
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    const durations = points('http_req_duration').map((p) => p.data.value as number);
    expect(durations).toHaveLength(36);
    const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
    expect(mean).toBeCloseTo(summary.metrics.http_req_duration.values.avg, 6);
    const checkout = points('checkout_time').map((p) => p.data.value as number);
    expect(checkout).toHaveLength(12);
    expect(Math.max(...checkout)).toBeCloseTo(summary.metrics.checkout_time.values.max, 6);

    // The summary has the custom trend as k6 would, and the groups with their checks.
    expect(summary.metrics.checkout_time).toMatchObject({ type: 'trend', contains: 'time' });
    expect(summary.metrics.checkout_time.thresholds).toEqual({ 'p(95)<5000': { ok: true } });
    expect(
      summary.root_group.checks.map((c: { path: string; passes: number }) => [c.path, c.passes]),
    ).toEqual([['::status is 200', 12]]);
    expect(
      summary.root_group.groups.map((g: { path: string; checks: { path: string; passes: number }[] }) => [
        g.path,
        g.checks.map((c) => [c.path, c.passes]),
      ]),
    ).toEqual([
      ['::a', [['::a::status is 200', 12]]],
      [
        '::b',
        [
          ['::b::status is 200', 12],
          ['::b::$.delayMs equals 5', 12],
        ],
      ],
    ]);
  });

  it('writes --out csv with k6 columns: one row per sample, system tags in columns, others in extra_tags', async () => {
    const csv = join(dir, 'samples.csv');
    const result = await runFpt([
      'run',
      groupedPreset(),
      '--quiet',
      '--tag',
      'build=7',
      '--out',
      `csv=${csv}`,
    ]);
    expect(result.code).toBe(0);
    const [header, ...rows] = readFileSync(csv, 'utf8').trim().split('\n');
    expect(header).toBe(
      'metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata',
    );
    const columns = header!.split(',');
    const records = rows.map((row) =>
      Object.fromEntries(row.split(',').map((cell, i) => [columns[i], cell])),
    );
    const reqs = records.filter((r) => r.metric_name === 'http_reqs');
    expect(reqs).toHaveLength(36);
    expect(reqs.filter((r) => r.group === '::b').map((r) => r.name)).toEqual(Array(12).fill('buy'));
    const now = Date.now() / 1000;
    for (const r of reqs) {
      expect(r.metric_value).toBe('1.000000');
      expect(Number(r.timestamp)).toBeGreaterThan(now - 120);
      expect(r.extra_tags).toBe('build=7');
      expect(r).toMatchObject({ method: 'GET', status: '200', proto: 'HTTP/1.1', scenario: 'shop' });
    }
    // A check name holding a comma or a quote would be quoted; these hold neither, so each row has every column.
    expect(rows.every((row) => row.split(',').length === columns.length)).toBe(true);
  });
});
