import { type CounterSink, MetricStore, type RateSink, type TrendSink } from '@fpt/metrics';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  type InfluxdProcess,
  influxdMissingReason,
  influxQuery,
  influxScalar,
  spawnInfluxd,
} from '../../../tools/test-support/influxd-process.js';
import {
  buildDashboards,
  type Dashboard,
  fptDashboards,
  InfluxOutput,
  type InfluxOutputStats,
  parseInfluxOutputSpec,
} from '../src/index.js';
import {
  type GrafanaContext,
  interpolateGrafanaQuery,
  type VariableValue,
} from '../../../tools/test-support/grafana-interpolate.js';
import { type AgentPlan, counterOf, rateOf, simulateAgent, trendOf } from './run-fixtures.js';

const missing = influxdMissingReason();
if (missing !== undefined) console.warn(`Skipping the real-InfluxDB tests: ${missing}`);

const DB = 'fpt_test';
const TESTID = 'run-2026-01-01T10-00-00-abc';
const PRESET = 'checkout-api';
const INTERVALS = 12;
const plans: readonly AgentPlan[] = [
  { region: 'eu-west', agent: 'agent-eu-1', seed: 11, slowdown: 1, regionInSampleTags: true },
  { region: 'us-east', agent: 'agent-us-1', seed: 22, slowdown: 1.6, regionInSampleTags: false },
];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe.skipIf(missing !== undefined)('InfluxOutput against a real InfluxDB 1.6', () => {
  let influxd: InfluxdProcess | undefined;
  // Registered before the process exists, so it is stopped whatever happens in beforeAll.
  afterAll(async () => {
    await influxd?.stop();
  });

  const references = new Map<string, MetricStore>();
  const combined = new MetricStore();
  const stats: InfluxOutputStats[] = [];
  const startMs = Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000;
  const endMs = startMs + INTERVALS * 1000;
  let url = '';
  const q = (query: string) => influxQuery(url, DB, query);
  const scalar = (query: string) => influxScalar(url, DB, query);
  const run = `"testid" = '${TESTID}'`;

  beforeAll(async () => {
    influxd = await spawnInfluxd();
    await influxd.ready;
    url = influxd.url;
    for (const plan of plans) {
      const output = new InfluxOutput(
        parseInfluxOutputSpec(`influxdb=${url}/${DB}`, {}),
        { testid: TESTID, preset: PRESET, region: plan.region, agent: plan.agent },
        { flushIntervalMs: 50 },
      );
      const reference = new MetricStore();
      simulateAgent(plan, { startMs, intervals: INTERVALS }, output, reference);
      references.set(plan.region, reference);
      combined.mergeSnapshot(reference.snapshot());
      stats.push(await output.close());
    }
  });

  it('creates the database and writes every point, dropping none', async () => {
    for (const s of stats) expect(s).toMatchObject({ dropped: 0, failedRequests: 0, buffered: 0 });
    expect(stats.every((s) => s.written > 1000)).toBe(true);
    const databases = await q('SHOW DATABASES');
    expect(databases[0]?.values.flat()).toContain(DB);
    // One count per measurement; together they must be every point the outputs say they wrote.
    const perMeasurement = await q(`SELECT count("value") FROM /.*/ WHERE ${run}`);
    const stored = perMeasurement.reduce((sum, s) => sum + Number(s.values[0]?.[1] ?? 0), 0);
    expect(stored).toBe(stats.reduce((sum, s) => sum + s.written, 0));
  });

  it("uses k6's data model: a measurement per metric, float field value, sample and run tags as tags", async () => {
    const measurements = (await q('SHOW MEASUREMENTS'))[0]?.values.flat();
    for (const name of [
      'http_reqs',
      'http_req_duration',
      'http_req_failed',
      'vus',
      'checks',
      'data_sent',
      'iterations',
    ]) {
      expect(measurements).toContain(name);
    }
    for (const vital of ['lcp', 'fcp', 'ttfb', 'cls', 'inp'])
      expect(measurements).toContain(`browser_web_vital_${vital}`);
    expect((await q('SHOW FIELD KEYS FROM "http_req_duration"'))[0]?.values).toEqual([['value', 'float']]);
    const tagKeys = (await q('SHOW TAG KEYS FROM "http_req_duration"'))[0]?.values.flat();
    expect(tagKeys?.sort()).toEqual(
      [
        'agent',
        'expected_response',
        'method',
        'name',
        'preset',
        'region',
        'scenario',
        'status',
        'testid',
      ].sort(),
    );
    const values = async (key: string) =>
      (await q(`SHOW TAG VALUES FROM "http_req_duration" WITH KEY = "${key}" WHERE ${run}`))[0]?.values.map(
        (v) => v[1],
      );
    expect(await values('region')).toEqual(['eu-west', 'us-east']);
    expect(await values('agent')).toEqual(['agent-eu-1', 'agent-us-1']);
    expect(await values('preset')).toEqual([PRESET]);
    expect(await values('status')).toEqual(['200', '500']);
    expect(await values('name')).toEqual(['GET /api/items', 'POST /api/login']);
    // vus carries no sample tags of its own: the run tags alone.
    const vusTags = (await q('SHOW TAG KEYS FROM "vus"'))[0]?.values.flat();
    expect(vusTags?.sort()).toEqual(['agent', 'preset', 'region', 'testid']);
  });

  it('sum(value) of http_reqs equals the requests recorded, in total, per region and per status', async () => {
    expect(await scalar(`SELECT sum("value") FROM "http_reqs" WHERE ${run}`)).toBe(
      counterOf(combined, 'http_reqs'),
    );
    const byRegion = await q(`SELECT sum("value") FROM "http_reqs" WHERE ${run} GROUP BY "region"`);
    for (const series of byRegion) {
      expect(series.values[0]?.[1]).toBe(counterOf(references.get(series.tags!.region!)!, 'http_reqs'));
    }
    expect(await scalar(`SELECT sum("value") FROM "http_reqs" WHERE ${run} AND "status" = '500'`)).toBe(
      counterOf(combined, 'http_reqs', { status: '500' }),
    );
    expect(await scalar(`SELECT sum("value") FROM "data_received" WHERE ${run}`)).toBe(
      counterOf(combined, 'data_received'),
    );
  });

  it('p95 of http_req_duration from InfluxDB agrees with the HDR p95 within one rank', async () => {
    const check = async (trend: TrendSink, where: string) => {
      const n = trend.count;
      expect(await scalar(`SELECT count("value") FROM "http_req_duration" WHERE ${where}`)).toBe(n);
      for (const p of [50, 95, 99]) {
        const got = await scalar(`SELECT percentile("value", ${p}) FROM "http_req_duration" WHERE ${where}`);
        // InfluxDB picks rank round(n·p/100), the HDR sink ceil(n·p/100): the same rank or the one below.
        // Each point lies in its sample's HDR bucket (narrower than 1/1024 of its value; clamped to the
        // interval's exact min and max, which can put it below the upper edge the merged sink reports).
        expect(got).toBeLessThanOrEqual(trend.percentile(p));
        expect(got).toBeGreaterThanOrEqual(trend.percentile(p - 100 / n) * (1 - 1 / 1024) - 0.001);
        expect(Math.abs(got / trend.percentile(p) - 1)).toBeLessThan(0.02);
      }
      // Every value is within its sample's bucket: the mean is within 0.1% (plus µs rounding) of the exact one.
      const mean = await scalar(`SELECT mean("value") FROM "http_req_duration" WHERE ${where}`);
      expect(mean).toBeGreaterThanOrEqual(trend.avg * (1 - 1 / 1024) - 0.0005);
      expect(mean).toBeLessThanOrEqual(trend.avg * 1.001 + 0.0005);
    };
    await check(trendOf(combined, 'http_req_duration'), run);
    for (const [region, reference] of references) {
      await check(trendOf(reference, 'http_req_duration'), `${run} AND "region" = '${region}'`);
    }
    await check(
      trendOf(combined, 'http_req_duration', { name: 'POST /api/login' }),
      `${run} AND "name" = 'POST /api/login'`,
    );
  });

  it('rates: mean(value) is the sample-weighted rate, sum(value) the true samples, as with k6', async () => {
    const failed = rateOf(combined, 'http_req_failed');
    expect(await scalar(`SELECT mean("value") FROM "http_req_failed" WHERE ${run}`)).toBeCloseTo(
      failed.rate!,
      12,
    );
    expect(await scalar(`SELECT sum("value") FROM "http_req_failed" WHERE ${run}`)).toBe(failed.passes);
    expect(await scalar(`SELECT count("value") FROM "http_req_failed" WHERE ${run}`)).toBe(failed.total);
    const checks = rateOf(combined, 'checks');
    expect(await scalar(`SELECT mean("value") FROM "checks" WHERE ${run}`)).toBeCloseTo(checks.rate!, 12);
  });

  it('gauges: one point per interval holding the last value', async () => {
    const rows =
      (await q(`SELECT "value" FROM "vus" WHERE ${run} AND "region" = 'eu-west'`))[0]?.values ?? [];
    expect(rows.map((row) => row[1])).toEqual(Array.from({ length: INTERVALS }, (_, i) => 5 + i));
    expect(rows.map((row) => row[0])).toEqual(
      Array.from({ length: INTERVALS }, (_, i) => startMs + (i + 1) * 1000),
    );
  });

  it('downsampled series keep percentiles within 1/(2m) in rank, as documented', async () => {
    const m = 100;
    const output = new InfluxOutput(
      parseInfluxOutputSpec(`influxdb=${url}/${DB}`, {}),
      { testid: 'downsampled', preset: PRESET },
      { maxPointsPerSeries: m },
    );
    const store = new MetricStore();
    const reference = new MetricStore();
    let x = 1;
    for (let second = 0; second < 3; second++) {
      const sink = store.sinkFor('http_req_duration', { name: 'hot' }) as TrendSink;
      // The same number of samples each interval, so each interval's m points carry equal weight.
      for (let i = 0; i < 5000; i++) {
        x = (x * 48271) % 2147483647;
        sink.add(1 + 999 * (x / 2147483647) ** 2);
      }
      const delta = store.drainSnapshot();
      reference.mergeSnapshot(delta);
      output.write(delta, new Date(startMs + (second + 1) * 1000));
    }
    expect(await output.close()).toMatchObject({ written: 3 * m, dropped: 0 });
    const trend = trendOf(reference, 'http_req_duration');
    const where = `"testid" = 'downsampled'`;
    expect(await scalar(`SELECT count("value") FROM "http_req_duration" WHERE ${where}`)).toBe(3 * m);
    for (const p of [50, 90, 95, 99]) {
      const got = await scalar(`SELECT percentile("value", ${p}) FROM "http_req_duration" WHERE ${where}`);
      // 1/(2m) from downsampling, one rank of the 3m points from InfluxDB's rounding, and the bucket width.
      const slack = 100 * (1 / (2 * m) + 1 / (3 * m));
      expect(got).toBeGreaterThanOrEqual(trend.percentile(Math.max(p - slack, 0)) * (1 - 1 / 1024) - 0.001);
      expect(got).toBeLessThanOrEqual(trend.percentile(Math.min(p + slack, 100)));
    }
  });

  it('escapes spaces, commas, equals signs, quotes and backslashes so values round-trip', async () => {
    const awkward = [
      'a b',
      'a,b',
      'a=b',
      'say "hi"',
      'C:\\temp\\x',
      'ends with\\',
      'two\nlines',
      'ünïcode ✓',
    ];
    const stored = ['a b', 'a,b', 'a=b', 'say "hi"', 'C:\\temp\\x', 'ends with/', 'two lines', 'ünïcode ✓'];
    const output = new InfluxOutput(parseInfluxOutputSpec(`influxdb=${url}/${DB}?tagsAsFields=note`, {}), {
      testid: 'escaping',
      preset: 'p r,e=s"e\\t',
    });
    const store = new MetricStore();
    store.define({ name: 'odd_metric', type: 'counter', contains: 'default', description: '' });
    awkward.forEach((value, i) => {
      (
        store.sinkFor('odd_metric', { 'tag key, odd=': value, note: `note "${value}" \\` }) as CounterSink
      ).add(i + 1);
    });
    output.write(store.drainSnapshot(), new Date(startMs + 1000));
    expect(await output.close()).toMatchObject({ written: awkward.length, dropped: 0, failedRequests: 0 });
    const tagValues = await q(`SHOW TAG VALUES FROM "odd_metric" WITH KEY = "tag key, odd="`);
    expect(tagValues[0]?.values.map((v) => v[1]).sort()).toEqual([...stored].sort());
    expect((await q(`SHOW TAG VALUES FROM "odd_metric" WITH KEY = "preset"`))[0]?.values).toEqual([
      ['preset', 'p r,e=s"e\\t'],
    ]);
    const rows =
      (await q(`SELECT "value", "note" FROM "odd_metric" WHERE "testid" = 'escaping'`))[0]?.values ?? [];
    const notes = rows.map((row) => row[2]).sort();
    expect(notes).toEqual(awkward.map((v) => `note "${v.replace('\n', ' ')}" \\`).sort());
  });

  describe('dashboard queries', () => {
    const dashboards = Object.entries(fptDashboards());

    async function resolveVariables(
      dashboard: Dashboard,
      pick: (name: string, values: string[]) => VariableValue,
    ): Promise<Record<string, VariableValue>> {
      const variables: Record<string, VariableValue> = {};
      for (const variable of dashboard.templating.list) {
        const context: GrafanaContext = { variables, fromMs: startMs, toMs: endMs, intervalMs: 1000 };
        const series = await q(interpolateGrafanaQuery(variable.query, context));
        const values = [...new Set(series.flatMap((s) => s.values.map((v) => String(v[1]))))].sort();
        expect(values.length, `variable ${variable.name} of "${dashboard.title}" has values`).toBeGreaterThan(
          0,
        );
        variables[variable.name] = pick(variable.name, values);
        if (variable.name === 'testid') expect(values).toContain(TESTID);
      }
      return variables;
    }

    async function expectEveryPanelHasData(dashboard: Dashboard, variables: Record<string, VariableValue>) {
      const context: GrafanaContext = {
        variables,
        fromMs: startMs - 1000,
        toMs: endMs + 1000,
        intervalMs: 2000,
      };
      let queries = 0;
      for (const panel of dashboard.panels) {
        if (panel.type === 'row') continue;
        for (const target of panel.targets) {
          const query = interpolateGrafanaQuery(target.query, context);
          expect(query, 'every macro and variable is filled in').not.toMatch(/\$\w|\[\[/);
          const series = await q(query);
          const hasValue = series.some((s) =>
            s.values.some((row) => row.slice(1).some((v) => typeof v === 'number')),
          );
          expect(hasValue, `"${panel.title}" ${target.refId}: ${query}`).toBe(true);
          queries++;
        }
      }
      return queries;
    }

    it.each(dashboards)(
      '%s: every query of every panel returns data with All selected',
      async (_file, dashboard) => {
        const variables = await resolveVariables(dashboard, (name) =>
          name === 'testid'
            ? { regex: false, values: [TESTID] }
            : { regex: true, values: 'All', allValue: '.*' },
        );
        expect(await expectEveryPanelHasData(dashboard, variables)).toBeGreaterThan(5);
      },
    );

    it.each(dashboards)('%s: and with one region and one name picked', async (_file, dashboard) => {
      const variables = await resolveVariables(dashboard, (name, values) => {
        if (name === 'testid') return { regex: false, values: [TESTID] };
        if (name === 'region') return { regex: true, values: ['us-east'] };
        // Names hold spaces and slashes, which the regex escaping must survive.
        if (name === 'name') return { regex: true, values: values.slice(-1) };
        return { regex: true, values };
      });
      await expectEveryPanelHasData(dashboard, variables);
    });

    it('covers both generated dashboards', () => {
      expect(Object.keys(buildDashboards().files).filter((f) => f.endsWith('.json'))).toHaveLength(
        dashboards.length,
      );
    });
  });
});

describe.skipIf(missing !== undefined)('InfluxOutput when InfluxDB stops mid-run', () => {
  it('keeps write() instant, drops the oldest past the buffer, and close() reports it', async () => {
    const server = await spawnInfluxd();
    onTestFinished(() => server.stop());
    await server.ready;
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    onTestFinished(() => {
      process.off('unhandledRejection', onRejection);
    });

    const warnings: string[] = [];
    const output = new InfluxOutput(
      parseInfluxOutputSpec(`influxdb=${server.url}/outage`, {}),
      { testid: 'outage', preset: 'p', region: 'eu-west' },
      {
        flushIntervalMs: 50,
        maxBufferedPoints: 4000,
        retryBaseMs: 50,
        retryMaxMs: 200,
        requestTimeoutMs: 1000,
        closeTimeoutMs: 1000,
        onWarning: (w) => warnings.push(w),
      },
    );
    const store = new MetricStore();
    const startMs = Date.now() - 60_000;
    const perSecond = 200;
    let second = 0;
    let slowestWriteMs = 0;
    const writeSecond = () => {
      const tags = { name: 'GET /', status: '200' };
      for (let i = 0; i < perSecond; i++) {
        (store.sinkFor('http_reqs', tags) as CounterSink).add(1);
        (store.sinkFor('http_req_failed', tags) as RateSink).add(false);
        (store.sinkFor('http_req_duration', tags) as TrendSink).add(5 + (i % 50));
      }
      second++;
      const started = performance.now();
      output.write(store.drainSnapshot(), new Date(startMs + second * 1000));
      slowestWriteMs = Math.max(slowestWriteMs, performance.now() - started);
    };

    for (let i = 0; i < 5; i++) {
      writeSecond();
      await sleep(30);
    }
    while (output.stats.written === 0) await sleep(20);
    await server.stop();
    for (let i = 0; i < 30; i++) {
      writeSecond();
      await sleep(10);
    }
    const stats = await output.close();

    const pointsPerSecond = 1 + 2 * perSecond;
    expect(stats.written).toBeGreaterThan(0);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.written + stats.dropped).toBe(second * pointsPerSecond);
    expect(stats.buffered).toBe(0);
    expect(stats.failedRequests).toBeGreaterThan(0);
    expect(stats.lastError).toMatch(/ECONNREFUSED|fetch failed|aborted/);
    expect(slowestWriteMs).toBeLessThan(100);
    expect(warnings.some((w) => w.includes('failed'))).toBe(true);
    expect(warnings.some((w) => w.includes('dropping the oldest'))).toBe(true);
    await sleep(20);
    expect(rejections).toEqual([]);
  });
});
