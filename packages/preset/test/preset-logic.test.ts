import { describe, expect, it } from 'vitest';
import { load, problemsOf, summarise } from './preset-fixtures.js';

const preset = (body: string) => `
name: logic
target:
  baseUrl: http://127.0.0.1:8080
${body}`;

const sequence = (requests: string, extra = '') =>
  preset(`${extra}
scenarios:
  api:
    executor: constant-vus
    vus: 1
    duration: 1s
    selection: sequence
    requests:
${requests}`);

describe('custom metrics in a preset', () => {
  it('are declared under metrics:, recorded into, and take thresholds like built-ins', () => {
    const { preset: loaded } = load(
      sequence(
        `      - name: buy
        path: /buy
        record: [{ metric: checkout_time }, { metric: orders, value: { jsonPath: $.count } }]`,
        `metrics:
  checkout_time: { type: trend, isTime: true }
  orders: { type: counter, description: Orders placed }
thresholds:
  checkout_time: ["p(95)<800"]
  "orders{name:buy}": ["count>0"]`,
      ),
    );
    expect(loaded.metrics).toEqual({
      checkout_time: { type: 'trend', isTime: true },
      orders: { type: 'counter', isTime: false, description: 'Orders placed' },
    });
  });

  it('refuse bad names, built-in names, undeclared metrics, values that do not fit, and aggregations that do not', () => {
    const problems = summarise(
      problemsOf(
        sequence(
          `      - name: buy
        path: /buy
        record:
          - { metric: chekout_time }
          - { metric: ok_rate, value: duration }
          - { metric: orders, value: true }`,
          `metrics:
  checkout_time: { type: trend }
  http_reqs: { type: counter }
  "bad-name": { type: gauge }
  ok_rate: { type: rate }
  orders: { type: counter, isTime: true }
thresholds:
  orders: ["p(95)<1"]
  checkout_tim: ["avg<1"]`,
        ),
      ),
    );
    expect(problems).toEqual([
      'metrics.http_reqs: "http_reqs" is a built-in metric (give your metric a name of its own, for example checkout_duration)',
      'metrics.bad-name: invalid metric name "bad-name" (use 1 to 128 letters, digits or underscores, starting with a letter or underscore (k6 refuses others))',
      'metrics.orders.isTime: isTime applies to a trend; orders is a counter',
      // Problems come in the order of the file: the thresholds sit above the requests here.
      'thresholds.orders[0]: p(95) does not apply to orders, a counter metric (use one of: count, rate)',
      'thresholds.checkout_tim: unknown metric "checkout_tim" (did you mean "checkout_time"?)',
      'scenarios.api.requests[0].record[0].metric: metric "chekout_time" is not declared (did you mean "checkout_time"?)',
      'scenarios.api.requests[0].record[1].value: ok_rate is a rate: it records true or false, not a duration (give true, false, a { jsonPath } or { variable } (non-zero counts as true), or leave value out: the response was expected)',
      'scenarios.api.requests[0].record[2].value: orders is a counter: it records numbers, not true (declare it as a rate to count true and false)',
    ]);
  });
});

describe('groups, when, repeat and sleep in a preset', () => {
  it('take a group threshold on a group that exists, nested ones included', () => {
    const { preset: loaded } = load(
      sequence(
        `      - { name: a, path: /a, group: checkout }
      - { name: b, path: /b, group: "checkout::pay", sleep: { min: 1s, max: 2s } }`,
        `thresholds:
  "group_duration{group:::checkout}": ["p(95)<2000"]
  "http_req_duration{group:::checkout::pay}": ["p(95)<2000"]`,
      ),
    );
    expect(loaded.scenarios.api?.requests?.[1]?.group).toBe('checkout::pay');
  });

  it('refuse a group filter on no group, when and repeat outside a sequence, and conditions that test nothing', () => {
    const problems = summarise(
      problemsOf(
        preset(`scenarios:
  api:
    executor: constant-vus
    vus: 1
    duration: 1s
    requests:
      - { name: a, path: /a, group: checkout, when: { status: 200 }, repeat: 2 }
  seq:
    executor: constant-vus
    vus: 1
    duration: 1s
    selection: sequence
    requests:
      - { name: b, path: /b, when: { exists: true }, sleep: { min: 2s, max: 1s } }
      - { name: c, path: /c, when: { variable: x, exists: true, equals: 1 } }
      - { name: d, path: /d, when: { variable: x, above: 5, below: 2 } }
variables: { x: 1 }
thresholds:
  "group_duration{group:checkout}": ["p(95)<2000"]`),
      ),
    );
    expect(problems).toEqual([
      'scenarios.api.requests[0].when: when applies to requests that run in order: this scenario picks one request per iteration (selection: weighted) (set selection: sequence on the scenario)',
      'scenarios.api.requests[0].repeat: repeat applies to requests that run in order: this scenario picks one request per iteration (selection: weighted) (set selection: sequence on the scenario)',
      'scenarios.seq.requests[0].when: when needs a status or a variable to test (for example when: { status: 200 } or when: { variable: orderId, exists: true })',
      'scenarios.seq.requests[0].when.exists: exists tests a variable: add variable: <name>',
      'scenarios.seq.requests[0].sleep: sleep.min is longer than sleep.max',
      'scenarios.seq.requests[1].when.exists: exists cannot go with equals, above or below (they need the variable to exist already)',
      'scenarios.seq.requests[2].when.above: no number is above 5 and below 2',
      'thresholds["group_duration{group:checkout}"]: no group is named "checkout", so this threshold would get no data (did you mean "::checkout"?)',
    ]);
  });

  it('check the variables a loop and a condition name: __REPEAT and the element inside the loop only', () => {
    const problems = summarise(
      problemsOf(
        sequence(
          `      - name: list
        path: /list
        captures: [{ name: items, jsonPath: $.items }]
      - name: each
        path: /items/{{item.id}}/{{__REPEAT}}
        repeat: { over: items, as: item }
        when: { variable: item, exists: true }
      - { name: after, path: "/x/{{item}}/{{__REPEAT}}", repeat: "{{count}}" }
      - { name: wrong, path: /y, repeat: { over: itemz } }
      - { name: rec, path: /z, record: { metric: m, value: { variable: total } }, captures: [{ name: total, jsonPath: $.t }] }`,
          'metrics: { m: { type: trend } }',
        ),
      ),
    );
    expect(problems).toEqual([
      'scenarios.api.requests[1].when.variable: {{item}} is not defined (did you mean "items"?)',
      'scenarios.api.requests[2].path: {{item}} is not defined (did you mean "items"?)',
      'scenarios.api.requests[2].repeat: {{count}} is not defined (define it under variables, capture it from a response, or read it from a data file ({{file.column}}))',
      'scenarios.api.requests[3].repeat.over: {{itemz}} is not defined (did you mean "items"?)',
    ]);
  });

  it('run teardown with setup captures and its own, and check it like setup', () => {
    const problems = summarise(
      problemsOf(
        preset(`setup:
  - { name: login, path: /login, captures: [{ name: token, jsonPath: $.token }] }
scenarios:
  api:
    executor: constant-vus
    vus: 1
    duration: 1s
    requests: [{ name: a, path: /a, captures: [{ name: mine, jsonPath: $.x }] }]
teardown:
  - { name: logout, path: "/logout/{{token}}" }
  - { name: nope, path: "/x/{{mine}}" }
  - { name: bad, path: nope }`),
      ),
    );
    expect(problems).toEqual([
      'teardown[1].path: {{mine}} is not defined (define it under variables, capture it from a response, or read it from a data file ({{file.column}}))',
      'teardown[2].path: path must start with "/" (write "/nope")',
    ]);
  });

  it('explain a bare number where a pause needs a unit, for sleep as for thinkTime', () => {
    const problems = summarise(problemsOf(sequence('      - { name: a, path: /a, sleep: 5 }')));
    expect(problems).toEqual([
      'scenarios.api.requests[0].sleep: expected a duration with a unit, for example 500ms, 30s, 1m30s or 2h; a bare number has no unit (write "5s" or "5ms")',
    ]);
  });
});
