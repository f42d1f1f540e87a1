import type { TrendSink } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import { count, rate, run, trend, useDemoTarget } from './engine-fixtures.js';

describe('custom metrics', () => {
  const demo = useDemoTarget();

  it('records into declared trends, counters, rates and gauges, and judges thresholds on them', async () => {
    const { summary, store } = await run(
      demo.url,
      `metrics:
  checkout_time: { type: trend, isTime: true }
  items_seen: { type: counter }
  cheap: { type: rate }
  last_price: { type: gauge }
  never_recorded: { type: counter }
scenarios:
  s:
    executor: per-vu-iterations
    vus: 2
    iterations: 3
    selection: sequence
    requests:
      - name: item
        path: /api/items/{{__ITER}}
        expectedStatuses: [200, 404]
        record:
          - { metric: checkout_time }
          - { metric: items_seen, value: 2 }
          - { metric: cheap, value: { jsonPath: $.price } }
          - { metric: last_price, value: { jsonPath: $.price } }
thresholds:
  checkout_time: ["p(95)<5000", "min>0"]
  items_seen: ["count==12"]
  "checkout_time{name:item}": ["max<5000"]
  never_recorded: ["count<1"]
`,
      // Two worker threads: each defines the metrics, and their snapshots merge into one series.
      { workers: 2 },
    );
    expect(store.definition('checkout_time')).toMatchObject({ type: 'trend', contains: 'time' });
    expect((trend(store, 'checkout_time') as TrendSink).count).toBe(6);
    expect(count(store, 'items_seen')).toBe(12);
    // Item 0 does not exist (404, no price): a rate and a gauge get nothing from it, and a warning says so.
    expect(rate(store, 'cheap')?.passes).toBe(4);
    expect(rate(store, 'cheap')?.fails).toBe(0);
    expect(summary.warnings.some((w) => w.includes('nothing recorded into cheap: $.price'))).toBe(true);
    expect(summary.thresholds.map((t) => [t.metric, t.expression, t.ok, t.noData])).toEqual([
      ['checkout_time', 'p(95)<5000', true, false],
      ['checkout_time', 'min>0', true, false],
      ['items_seen', 'count==12', true, false],
      ['checkout_time{name:item}', 'max<5000', true, false],
      ['never_recorded', 'count<1', false, true],
    ]);
    expect(store.definition('never_recorded')?.type).toBe('counter');
  });
});

describe('groups', () => {
  const demo = useDemoTarget();

  it('tags requests and checks with the group path and records group_duration per group, nested too', async () => {
    const { summary, store } = await run(
      demo.url,
      `scenarios:
  s:
    executor: per-vu-iterations
    vus: 2
    iterations: 2
    selection: sequence
    requests:
      - { name: home, path: /fast, checks: [{ status: 200 }] }
      - { name: a1, group: a, path: /fast, checks: [{ status: 200 }] }
      - { name: a2, group: a, path: /delay/30, checks: [{ status: 200 }] }
      - { name: b1, group: b, path: /fast, checks: [{ status: 201 }] }
      - { name: b2, group: "b::inner", path: /delay/40, sleep: 20ms }
thresholds:
  "group_duration{group:::a}": ["min>=30"]
  "http_req_duration{group:::b::inner}": ["min>=40"]
`,
    );
    expect(count(store, 'http_reqs', { group: '::a' })).toBe(8);
    expect(count(store, 'http_reqs', { group: '::b::inner' })).toBe(4);
    const a = trend(store, 'group_duration', { group: '::a' })!;
    const b = trend(store, 'group_duration', { group: '::b' })!;
    const inner = trend(store, 'group_duration', { group: '::b::inner' })!;
    expect([a.count, b.count, inner.count]).toEqual([4, 4, 4]);
    // A group lasts from its first request to its last, pauses included: at least the delays it waited for.
    expect(a.min).toBeGreaterThanOrEqual(30);
    expect(inner.min).toBeGreaterThanOrEqual(60);
    expect(b.min).toBeGreaterThanOrEqual(inner.min);
    expect(summary.checks.map((c) => [c.request, c.group, c.passes, c.fails])).toEqual([
      ['home', undefined, 4, 0],
      ['a1', '::a', 4, 0],
      ['a2', '::a', 4, 0],
      ['b1', '::b', 0, 4],
    ]);
    expect(summary.thresholds.every((t) => t.ok)).toBe(true);
  });
});

describe('teardown', () => {
  const demo = useDemoTarget();

  it('runs once after the scenarios, with setup captures, also when a threshold aborted the run', async () => {
    const { store } = await run(
      demo.url,
      `setup:
  - name: create-fixture
    method: POST
    path: /api/items
    body: { json: { name: fixture } }
    captures: [{ name: fixtureId, jsonPath: $.id }]
scenarios:
  s:
    executor: constant-vus
    vus: 2
    duration: 5s
    requests: [{ name: failing, path: /status/500 }]
teardown:
  - name: delete-fixture
    method: DELETE
    path: /api/items/{{fixtureId}}
    checks: [{ status: 204 }]
thresholds:
  http_req_failed: [{ threshold: "rate<0.5", abortOnFail: true }]
`,
    );
    expect(count(store, 'http_reqs', { name: 'delete-fixture', scenario: 'teardown' })).toBe(1);
    expect(rate(store, 'checks', { name: 'delete-fixture' })?.passes).toBe(1);
    // The fixture setup made is gone: teardown deleted what setup created (ids from 21 up).
    const created = (await (await fetch(`${demo.url}/api/items/21`)).json()) as { error?: string };
    expect(created.error).toBe('item not found');
  });
});

describe('repeat and when', () => {
  const demo = useDemoTarget();

  it('repeats a count, a captured count and a captured list; when takes the branch its data says', async () => {
    const { store } = await run(
      demo.url,
      `scenarios:
  s:
    executor: per-vu-iterations
    vus: 1
    iterations: 4
    selection: sequence
    requests:
      - name: list
        method: POST
        path: /echo
        body: { json: { items: [{ id: 1, tag: x }, { id: 2, tag: y }, { id: 3, tag: z }], n: "{{= __ITER}}" } }
        captures: [{ name: items, jsonPath: $.json.items }, { name: n, jsonPath: $.json.n }]
      - name: each
        method: POST
        path: /echo
        repeat: { over: items, as: item }
        body: { json: { id: "{{= item.id}}", tag: "{{item.tag}}", at: "{{= __REPEAT}}" } }
        checks: [{ jsonPath: $.json.id, exists: true }]
        captures: [{ name: lastId, jsonPath: $.json.id }]
      - { name: twice, path: /fast, repeat: 2 }
      - { name: ntimes, path: /fast, repeat: "{{n}}" }
      - { name: even, path: /fast, when: { variable: n, equals: 2 } }
      - { name: big, path: /status/404, when: { variable: n, above: 1 }, expectedStatuses: [404] }
      - { name: after404, path: /fast, when: { status: 404 } }
      - { name: after200, path: /fast, when: { status: [200, 201] } }
      - { name: nolast, path: /fast, when: { variable: missing, exists: false } }
`.replace('{ variable: missing, exists: false }', '{ variable: lastId, exists: false }'),
    );
    expect(count(store, 'http_reqs', { name: 'each' })).toBe(12);
    expect(count(store, 'http_reqs', { name: 'twice' })).toBe(8);
    // n is the iteration: 0 + 1 + 2 + 3.
    expect(count(store, 'http_reqs', { name: 'ntimes' })).toBe(6);
    expect(count(store, 'http_reqs', { name: 'even' })).toBe(1);
    expect(count(store, 'http_reqs', { name: 'big' })).toBe(2);
    expect(count(store, 'http_reqs', { name: 'after404' })).toBe(2);
    // The previous response is the last one sent: after404 answered 200 where it ran, and where it did not,
    // the one before it did.
    expect(count(store, 'http_reqs', { name: 'after200' })).toBe(4);
    expect(count(store, 'http_reqs', { name: 'nolast' })).toBe(0);
    expect(rate(store, 'checks', { name: 'each' })?.passes).toBe(12);
  });

  it('sends typed templates as JSON values and element fields per repetition', async () => {
    const { store } = await run(
      demo.url,
      `variables: { price: 12.5, flag: "true", word: hello }
scenarios:
  s:
    executor: per-vu-iterations
    vus: 1
    iterations: 1
    selection: sequence
    requests:
      - name: typed
        method: POST
        path: /echo
        body: { json: { price: "{{= price}}", flag: "{{= flag}}", word: "{{= word}}", text: "{{price}}", vu: "{{= __VU}}" } }
        checks:
          - { jsonPath: $.json.price, equals: 12.5 }
          - { jsonPath: $.json.flag, equals: true }
          - { jsonPath: $.json.word, equals: hello }
          - { jsonPath: $.json.text, equals: "12.5" }
          - { jsonPath: $.json.vu, equals: 1 }
`,
    );
    const checks = rate(store, 'checks', { name: 'typed' })!;
    expect([checks.passes, checks.fails]).toEqual([5, 0]);
  });
});
