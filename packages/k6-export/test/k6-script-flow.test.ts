import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runPreset } from '@fpt/engine';
import { exportK6Script } from '@fpt/k6-export';
import {
  type CounterSink,
  type GaugeSink,
  MetricStore,
  type RateSink,
  type RunSummary,
  type TrendSink,
} from '@fpt/metrics';
import { type LoadedPreset, loadPresetText } from '@fpt/preset';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type K6ScriptRecord, loadK6Scripts } from './load-k6-scripts.js';

/**
 * The preset logic a request can carry (custom metrics and records, groups, when, repeat, sleep, typed
 * templates, teardown), run twice against one loopback server: by FPT's engine, and as the exported k6
 * script with live k6 stand-ins (k6-stand-ins.mjs). The server answers by the iteration, so each
 * iteration takes other branches: iteration 0 finds an empty cart, 1 a cart of 2 items, 2 a cart of 3
 * whose payment is refused (402). The script must send what the engine sends, in the same order, and
 * record into its metrics what the engine records.
 */
const presetBody = `metrics:
  pay_time: { type: trend, isTime: true }
  item_qty: { type: trend }
  items_added: { type: counter }
  pay_ok: { type: rate }
  cart_size: { type: gauge }
setup:
  - name: login
    method: POST
    path: /login
    captures: [{ name: token, jsonPath: $.token }]
scenarios:
  shop:
    executor: per-vu-iterations
    vus: 1
    iterations: 3
    maxDuration: 30s
    selection: sequence
    requests:
      - name: cart
        group: checkout
        path: /cart/{{__ITER}}
        headers: { Authorization: "Bearer {{token}}" }
        captures:
          - { name: items, jsonPath: $.items }
          - { name: count, jsonPath: $.count }
        record:
          - { metric: cart_size, value: { jsonPath: $.count } }
          # Neither is a number: nothing is recorded.
          - { metric: item_qty, value: { header: X-Missing } }
          - { metric: item_qty, value: { jsonPath: $.items } }
      - name: add-item
        group: "checkout::items"
        method: POST
        path: /cart/items
        repeat: { over: items, as: item }
        sleep: 10ms
        body:
          json: { id: "{{= item.id}}", qty: "{{= item.qty}}", name: "{{= item.name}}", label: "{{item.name}} #{{__REPEAT}}", pass: "{{= __REPEAT}}", tags: "{{= item.tags}}" }
        checks:
          - { jsonPath: $.id, equals: "{{item.id}}" }
        record:
          - { metric: items_added }
          - { metric: item_qty, value: { variable: item.qty } }
      - name: pay
        group: checkout
        method: POST
        path: /pay
        when: { variable: count, above: 0 }
        body: { json: { count: "{{= count}}" } }
        record:
          - { metric: pay_time }
          - { metric: pay_ok }
      - name: retry-pay
        group: checkout
        method: POST
        path: /pay/retry
        when: { status: 402 }
        repeat: "{{count}}"
      - name: empty
        path: /empty
        when: { variable: count, equals: 0 }
  browse:
    executor: per-vu-iterations
    vus: 1
    iterations: 3
    maxDuration: 30s
    selection: round-robin
    requests:
      - { name: catalog, group: catalog, path: /catalog }
      - { name: about, path: /about }
teardown:
  - name: logout
    method: POST
    path: /logout
    headers: { Authorization: "Bearer {{token}}" }
    when: { variable: token }
`;

/** The cart iteration n finds holds cartSizes[n] items: ids from 1, quantities 2, 4, 6..., names, tags. */
const cartSizes = [0, 2, 3];

function cart(size: number) {
  const items = Array.from({ length: size }, (_, i) => ({
    id: i + 1,
    qty: (i + 1) * 2,
    name: `item-${i}`,
    tags: [`t${i}`],
  }));
  return { items, count: size };
}

interface Received {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

let received: Received[] = [];
let server: Server;

function startServer(): Promise<string> {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const path = req.url ?? '/';
      received.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      const iteration = /^\/cart\/(\d+)$/.exec(path)?.[1];
      if (path === '/login') json(200, { token: 't-1' });
      else if (iteration !== undefined) json(200, cart(cartSizes[Number(iteration)] ?? 0));
      else if (path === '/cart/items') json(201, { id: (JSON.parse(body) as { id: unknown }).id });
      else if (path === '/pay') json((JSON.parse(body) as { count: number }).count === 3 ? 402 : 200, {});
      else json(200, {});
    });
  });
  return new Promise((listening) =>
    server.listen(0, '127.0.0.1', () =>
      listening(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

let loaded: LoadedPreset;
let script: string;
let record: K6ScriptRecord;
let engine: { summary: RunSummary; store: MetricStore; received: Received[] };
let exported: Received[];

beforeAll(async () => {
  const url = await startServer();
  loaded = loadPresetText(`name: flow\ntarget: { baseUrl: "${url}" }\n${presetBody}`, '/virtual/flow.yaml', {
    env: {},
  });
  const summary = await runPreset({ loaded, workers: 1, intervalMs: 250, thresholdIntervalMs: 250 });
  engine = { summary, store: MetricStore.fromSnapshot(summary.metrics), received };
  received = [];
  script = exportK6Script(loaded).script;
  const [result] = await loadK6Scripts([
    { source: script, env: { TARGET_URL: url }, run: { iterations: 3 } },
  ]);
  if (result?.error !== undefined) throw new Error(result.error);
  record = result!.record!;
  exported = received;
}, 60_000);
afterAll(async () => {
  await new Promise((closed) => server?.close(closed));
});

/** The requests of the shop scenario, setup and teardown, which run one after another in both runs. */
const inOrder = (log: Received[]) => log.filter((r) => r.path !== '/catalog' && r.path !== '/about');

function sent(name: string, scenario = 'shop') {
  return record.requests.filter((r) => r.name === name && r.scenario === scenario);
}

describe('preset logic in the exported k6 script, against the engine on the same server', () => {
  it('sends what the engine sends, in the same order: setup, every branch of each iteration, teardown', () => {
    expect(inOrder(exported)).toEqual(inOrder(engine.received));
    expect(inOrder(exported).map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /login',
      // Iteration 0: an empty cart: nothing to add or pay, the empty-cart branch.
      'GET /cart/0',
      'GET /empty',
      // Iteration 1: two items, paid.
      'GET /cart/1',
      'POST /cart/items',
      'POST /cart/items',
      'POST /pay',
      // Iteration 2: three items; the payment is refused (402), so the retry runs once per item.
      'GET /cart/2',
      'POST /cart/items',
      'POST /cart/items',
      'POST /cart/items',
      'POST /pay',
      'POST /pay/retry',
      'POST /pay/retry',
      'POST /pay/retry',
      'POST /logout',
    ]);
  });

  it("runs teardown once, after the scenarios, with setup's captures", () => {
    const teardown = record.requests.filter((r) => r.scenario === 'teardown');
    expect(teardown.map((r) => r.name)).toEqual(['logout']);
    expect(record.requests.at(-1)).toMatchObject({ scenario: 'teardown', name: 'logout' });
    expect(exported.filter((r) => r.path === '/logout').map((r) => r.authorization)).toEqual(['Bearer t-1']);
  });

  it('sends a typed template as the JSON value it holds: numbers, lists, and text where it is text', () => {
    const adds = exported.filter((r) => r.path === '/cart/items').map((r) => JSON.parse(r.body) as unknown);
    expect(adds[0]).toEqual({ id: 1, qty: 2, name: 'item-0', label: 'item-0 #0', pass: 0, tags: ['t0'] });
    expect(adds[4]).toEqual({ id: 3, qty: 6, name: 'item-2', label: 'item-2 #2', pass: 2, tags: ['t2'] });
    const pays = exported.filter((r) => r.path === '/pay').map((r) => JSON.parse(r.body) as unknown);
    expect(pays).toEqual([{ count: 2 }, { count: 3 }]);
  });

  it('runs adjacent requests of a group in one group() call, nested groups inside it', () => {
    // Every iteration opens checkout once, and items inside it (even for an empty cart: see the report).
    const shopGroups = record.groups.filter((path) => path.startsWith('::checkout'));
    expect(shopGroups).toEqual(Array(3).fill(['::checkout', '::checkout::items']).flat());
    const groupOf = (name: string) => [...new Set(sent(name).map((r) => r.group))];
    expect(groupOf('cart')).toEqual(['::checkout']);
    expect(groupOf('add-item')).toEqual(['::checkout::items']);
    expect(groupOf('pay')).toEqual(['::checkout']);
    expect(groupOf('retry-pay')).toEqual(['::checkout']);
    expect(groupOf('empty')).toEqual(['']);
    // As the engine tags the requests' samples (one series per status, so several per request).
    for (const name of ['cart', 'add-item', 'pay', 'retry-pay', 'empty']) {
      const tagged = [...engine.store.series('http_reqs')]
        .filter((series) => series.tagSet.tags.name === name)
        .map((series) => series.tagSet.tags.group ?? '');
      expect([...new Set(tagged)], name).toEqual(groupOf(name));
    }
  });

  it('opens the group of a request drawn by a round-robin around that request alone', () => {
    expect(record.requests.filter((r) => r.scenario === 'browse').map((r) => [r.name, r.group])).toEqual([
      ['catalog', '::catalog'],
      ['about', ''],
      ['catalog', '::catalog'],
    ]);
  });

  it('pauses after each pass of a request that sleeps, inside its group', () => {
    expect(record.sleeps).toEqual(Array(5).fill({ seconds: 0.01, group: '::checkout::items' }));
  });

  it('records into the custom metrics what the engine records, with the same defaults', () => {
    const metric = (name: string) => record.metrics[name]!;
    const values = (name: string) => metric(name).adds.map((add) => add.value);
    expect(metric('pay_time')).toMatchObject({ kind: 'trend', isTime: true });
    expect(metric('item_qty')).toMatchObject({ kind: 'trend', isTime: false });

    // Counter: 1 per item added, by default.
    const counter = engine.store.aggregate('items_added') as CounterSink;
    expect(values('items_added')).toEqual(Array(5).fill(1));
    expect(counter.count).toBe(5);

    // Rate: whether the payment was expected (200-399): yes for 2 items, no for the refused 3.
    const rate = engine.store.aggregate('pay_ok') as RateSink;
    expect(values('pay_ok')).toEqual([true, false]);
    expect([rate.passes, rate.fails]).toEqual([1, 1]);

    // Trend without a value: the response time, once per payment.
    expect(values('pay_time')).toHaveLength((engine.store.aggregate('pay_time') as TrendSink).count);
    expect(values('pay_time')).toHaveLength(2);

    // Trend from a variable (item.qty, text): the numbers; the header and the list were no numbers.
    const quantities = engine.store.aggregate('item_qty') as TrendSink;
    expect(values('item_qty')).toEqual([2, 4, 2, 4, 6]);
    expect([quantities.count, quantities.sum, quantities.min, quantities.max]).toEqual([5, 18, 2, 6]);

    // Gauge from the JSON body: each cart's size, the last one kept.
    const gauge = engine.store.aggregate('cart_size') as GaugeSink;
    expect(values('cart_size')).toEqual([0, 2, 3]);
    expect([gauge.value, gauge.min, gauge.max]).toEqual([3, 0, 3]);
  });

  it('tags each record with its request name and group, as the engine tags the sample', () => {
    expect(record.metrics['pay_ok']!.adds.map((add) => [add.tags, add.group])).toEqual(
      Array(2).fill([{ name: 'pay' }, '::checkout']),
    );
    const engineTags = [...engine.store.series('pay_ok')].map((series) => series.tagSet.tags);
    expect(engineTags).toEqual([expect.objectContaining({ name: 'pay', group: '::checkout' })]);
  });

  it('judges the checks of repeated requests as the engine does, with templates rendered per pass', () => {
    expect(record.checks['shop|add-item|$.id equals "{{item.id}}"']).toEqual({ passes: 5, fails: 0 });
    const engineCheck = engine.summary.checks.find((c) => c.request === 'add-item');
    expect(engineCheck).toMatchObject({ passes: 5, fails: 0 });
  });
});
