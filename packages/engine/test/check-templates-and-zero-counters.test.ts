import { describe, expect, it } from 'vitest';
import { run, useDemoTarget } from './engine-fixtures.js';

describe('templated checks', () => {
  const demo = useDemoTarget();

  it('renders {{…}} in check values per response, with the variables the request was sent with', async () => {
    const { summary } = await run(
      demo.url,
      `variables: { greeting: Welcome }
scenarios:
  s:
    executor: per-vu-iterations
    vus: 3
    iterations: 4
    selection: sequence
    requests:
      - name: echo
        method: POST
        path: /echo
        body: { json: { who: "Croc {{__VU}}-{{__ITER}}", hello: "{{greeting}} {{__VU}}" } }
        checks:
          - { jsonPath: $.json.who, equals: "Croc {{__VU}}-{{__ITER}}" }
          - { bodyContains: "{{greeting}} {{__VU}}" }
          - { bodyNotContains: "Croc {{__ITER}}-{{__VU}}x" }
          - { header: content-type, contains: "{{contentWord}}" }
        captures: [{ name: echoed, jsonPath: $.json.who }]
      - name: again
        method: POST
        path: /echo
        body: { raw: "{{echoed}}" }
        checks: [{ jsonPath: $.body, equals: "{{echoed}}" }, { jsonPath: $.body, equals: "Croc {{__ITER}}-{{__VU}}" }]
`.replace('variables: { greeting: Welcome }', 'variables: { greeting: Welcome, contentWord: json }'),
    );
    expect(summary.checks.map((c) => [c.request, c.name, c.passes, c.fails])).toEqual([
      ['echo', '$.json.who equals "Croc {{__VU}}-{{__ITER}}"', 12, 0],
      ['echo', 'body contains "{{greeting}} {{__VU}}"', 12, 0],
      ['echo', 'body does not contain "Croc {{__ITER}}-{{__VU}}x"', 12, 0],
      ['echo', 'header content-type contains "{{contentWord}}"', 12, 0],
      ['again', '$.body equals "{{echoed}}"', 12, 0],
      // VU and iteration swapped: equal only where the VU (1-3) and its iteration (0-3) are the same number.
      ['again', '$.body equals "Croc {{__ITER}}-{{__VU}}"', 3, 9],
    ]);
  });
});

describe('counters the engine owns', () => {
  const demo = useDemoTarget();

  it('dropped_iterations: count<50 passes when an arrival-rate scenario dropped nothing', async () => {
    const { summary } = await run(
      demo.url,
      `scenarios:
  open:
    executor: constant-arrival-rate
    rate: 20
    duration: 1s
    preAllocatedVUs: 5
    requests: [{ name: fast, path: /fast }]
thresholds:
  dropped_iterations: ["count<50"]
  interrupted_iterations: ["count==0"]
`,
    );
    expect(summary.thresholds.map((t) => [t.metric, t.ok, t.noData, t.observed])).toEqual([
      ['dropped_iterations', true, false, 0],
      ['interrupted_iterations', true, false, 0],
    ]);
    expect(summary.exitCode).toBe(0);
  });

  it('fails it as "no data" with the reason when no scenario of the run can drop iterations', async () => {
    const { summary } = await run(
      demo.url,
      `scenarios:
  closed:
    executor: constant-vus
    vus: 1
    duration: 500ms
    requests: [{ name: fast, path: /fast }]
thresholds:
  dropped_iterations: ["count<50"]
`,
    );
    const [threshold] = summary.thresholds;
    expect(threshold).toMatchObject({ ok: false, noData: true });
    expect(threshold!.noDataReason).toMatch(
      /no scenario of this run can drop iterations \(it runs only constant-vus/,
    );
    expect(summary.exitCode).toBe(99);
  });
});
