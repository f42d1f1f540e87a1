import { readFileSync } from 'node:fs';
import { MetricStore, RunOutcome } from '@fpt/metrics';
// The named export, because under NodeNext the default import of this CommonJS module types as its namespace.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildSummaryData, type SummaryData } from '../src/index.js';
import { groupedRunSummary } from './report-fixtures.js';
import { counter, evaluate, rate, recordRun, runSummary, trend } from './run-summary-fixture.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../docs/summary.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

function errorsOf(document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const REMOVE = Symbol('remove');

/** A deep copy of `data` with the value at `path` replaced (or removed), to break on purpose. */
function broken(data: SummaryData, path: readonly string[], value: unknown): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(data));
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return copy;
}

describe('docs/summary.schema.json', () => {
  const data = buildSummaryData(runSummary(recordRun()));

  it('accepts the summary of a realistic run', () => {
    expect(errorsOf(data)).toEqual([]);
  });

  it('accepts a run without region, with an abort reason, custom trend stats and no samples', () => {
    const { region: _region, ...interrupted } = runSummary(recordRun(), {
      outcome: RunOutcome.interrupted,
      exitCode: 105,
      abortReason: 'SIGINT',
    });
    expect(errorsOf(buildSummaryData(interrupted, { trendStats: ['count', 'p(99.9)'] }))).toEqual([]);
    const store = new MetricStore();
    const empty = runSummary(store, { thresholds: [evaluate(store, 'vus', 'value<10')], checks: [] });
    expect(errorsOf(buildSummaryData(empty))).toEqual([]);
  });

  it('accepts the report fields with regions, errors and Web Vitals in them', () => {
    const store = recordRun();
    trend(store, 'browser_web_vital_lcp', { name: 'home', rating: 'good' }).add(1200);
    trend(store, 'browser_web_vital_cls', { url: '/cart' }).add(0.02);
    for (const region of ['eu-west', 'us-east']) {
      counter(store, 'http_reqs', { name: 'r', scenario: 'api', region }).add(3);
      rate(store, 'http_req_failed', { name: 'r', scenario: 'api', region }).add(false);
      trend(store, 'http_req_duration', { name: 'r', scenario: 'api', region }).add(12);
    }
    const data = buildSummaryData(runSummary(store));
    expect(data.fpt.webVitals.length).toBe(2);
    expect(data.fpt.regions.length).toBe(2);
    expect(data.fpt.errors.length).toBe(1);
    expect(errorsOf(data)).toEqual([]);
  });

  it('accepts the latency curve and the per-second Web Vitals of a browser run', () => {
    const data = buildSummaryData(
      runSummary(recordRun(), {
        timeline: [
          {
            tMs: 1000,
            vus: 1,
            requests: 0,
            failedRequests: 0,
            iterations: 1,
            droppedIterations: 0,
            lcpP75Ms: 1200,
            inpP75Ms: 80,
            clsP75: 0.01,
          },
        ],
      }),
    );
    expect(data.fpt.latencyByPercentile?.nines.length).toBeGreaterThan(1);
    expect(errorsOf(data)).toEqual([]);
    expect(errorsOf(broken(data, ['fpt', 'latencyByPercentile', 'ms'], 'fast'))).not.toEqual([]);
  });

  it('accepts a run with nested groups, their durations and checks, and custom metrics', () => {
    const grouped = buildSummaryData(groupedRunSummary());
    expect(grouped.root_group.groups.map((g) => g.path)).toEqual(['::checkout', '::browse', '::quiet']);
    expect(errorsOf(grouped)).toEqual([]);
  });

  it.each<[string, string[], unknown, RegExp]>([
    [
      'a request error rate above 1',
      ['fpt', 'requests', '0', 'errorRate'],
      4.5,
      /\/fpt\/requests\/0\/errorRate/,
    ],
    ['a request without methods', ['fpt', 'requests', '0', 'methods'], REMOVE, /\/fpt\/requests\/0/],
    ['missing report fields', ['fpt', 'webVitals'], REMOVE, /\/fpt/],
    ['an error count that is not whole', ['fpt', 'errors', '0', 'count'], 1.5, /\/fpt\/errors\/0\/count/],
    [
      'a counter without its rate',
      ['metrics', 'http_reqs', 'values', 'rate'],
      REMOVE,
      /\/metrics\/http_reqs/,
    ],
    [
      'a threshold verdict that is not a boolean',
      ['metrics', 'http_req_failed', 'thresholds', 'rate<0.01', 'ok'],
      'false',
      /thresholds/,
    ],
    [
      "k6's legacy threshold booleans",
      ['metrics', 'http_req_failed', 'thresholds', 'rate<0.01'],
      true,
      /thresholds/,
    ],
    [
      'a trend stat k6 does not know',
      ['metrics', 'http_req_duration', 'values', 'p95'],
      1,
      /http_req_duration/,
    ],
    ['an unknown metric type', ['metrics', 'vus', 'type'], 'histogram', /\/metrics\/vus/],
    ['a rate above 1', ['metrics', 'checks', 'values', 'rate'], 92, /\/metrics\/checks/],
    ['a missing fpt format', ['fpt', 'format'], REMOVE, /\/fpt/],
    ['an unknown outcome', ['fpt', 'outcome'], 'ok', /\/fpt\/outcome/],
    [
      'a check id that is not an md5',
      ['root_group', 'checks', '0', 'id'],
      'x',
      /\/root_group\/checks\/0\/id/,
    ],
    ['a missing state', ['state'], REMOVE, /state/],
    [
      'a histogram without counts',
      ['fpt', 'histograms', 'http_req_duration', 'histogram', 'counts'],
      REMOVE,
      /histograms/,
    ],
  ])('rejects %s', (_, path, value, where) => {
    const errors = errorsOf(broken(data, path, value));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(where);
  });

  it('describes every property, so editors can show help', () => {
    const undescribed: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const properties = (node as { properties?: Record<string, Record<string, unknown>> }).properties;
      for (const [key, property] of Object.entries(properties ?? {})) {
        const described =
          'description' in property || ('$ref' in property && Object.keys(property).length === 1);
        if (!described) undescribed.push(`${path}.${key}`);
      }
      for (const [key, child] of Object.entries(node)) visit(child, `${path}.${key}`);
    };
    visit(schema, '$');
    expect(undescribed).toEqual([]);
  });
});
