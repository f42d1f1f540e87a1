import { exportK6Script } from '@fpt/k6-export';
import { loadPresetText } from '@fpt/preset';
import { describe, expect, it } from 'vitest';
import { allCases } from './export-cases.js';

function exported(body: string) {
  const text = `name: small\ntarget: { baseUrl: "http://127.0.0.1:8787" }\n${body}`;
  return exportK6Script(loadPresetText(text, '/virtual/small.yaml', { env: {} }));
}

const apiScenario = `scenarios:
  api:
    executor: constant-vus
    duration: 5s
    requests: [{ name: r, path: /fast }]
`;

describe('what k6 cannot express is warned about and written in the script, never dropped silently', () => {
  for (const { name, exported: result } of allCases) {
    it(`${name}: each warning is also a comment in the script`, () => {
      for (const warning of result.warnings) {
        expect(result.script).toContain(`//   - ${warning.field}: ${warning.message}`);
      }
    });
  }

  it('warns about every FPT-only setting of the kitchen-sink fixture', () => {
    const fixture = allCases.find((c) => c.name === 'everything')!.exported;
    expect(fixture.warnings.map((w) => w.field).sort()).toEqual([
      'baseline',
      'safety',
      'safety.maxRequestRate',
      'scenarios.2nd-wave.maxStartDelay',
      'scenarios.2nd-wave.requests.add-item.group',
      'scenarios.walk.browser.webVitals',
      'setup.warm-up.group',
      'thresholds',
      'thresholds.iteration_start_delay',
    ]);
  });

  it('leaves out a threshold on an FPT-only metric, which k6 would refuse, and says so', () => {
    const result = exported(
      `${apiScenario}thresholds:\n  http_req_duration_corrected: ["p(95)<100"]\n  http_reqs: ["count>0"]\n`,
    );
    expect(result.script).not.toMatch(/^\s+http_req_duration_corrected:/m);
    expect(result.script).toMatch(/^ {2}thresholds: \{ http_reqs: \['count>0'\] \},$/m);
    expect(result.warnings).toContainEqual({
      field: 'thresholds.http_req_duration_corrected',
      message: expect.stringContaining('left out'),
    });
  });

  it('carries custom metrics, records, groups, when, repeat, sleep, teardown and typed templates without a warning', () => {
    const result = exported(`metrics:
  pay_time: { type: trend, isTime: true }
setup:
  - { name: login, method: POST, path: /login, captures: [{ name: token, jsonPath: $.token }] }
scenarios:
  api:
    executor: constant-vus
    duration: 5s
    selection: sequence
    requests:
      - name: pay
        method: POST
        path: /pay
        group: "checkout::pay"
        repeat: 2
        sleep: { min: 1s, max: 2s }
        record: { metric: pay_time }
        body: { json: { token: "{{= token}}" } }
      - { name: receipt, path: /receipt, when: { variable: token }, repeat: "{{token}}" }
teardown:
  - { name: logout, method: POST, path: /logout, when: { status: 200 } }
thresholds:
  pay_time: [{ threshold: "p(95)<100", allowNoData: true }]
`);
    expect(result.warnings.map((w) => w.field)).toEqual(['safety', 'baseline']);
    // A threshold on a metric the preset declares stays: the script declares the metric too.
    expect(result.script).toMatch(/^ {2}thresholds: \{ pay_time: \['p\(95\)<100'\] \},$/m);
    expect(result.script).toContain("const pay_time = new Trend('pay_time', true);");
  });

  it('warns once about a group whose requests when or repeat may all skip, where k6 still times the group', () => {
    const scenario = (requests: string) =>
      exported(`scenarios:
  api:
    executor: constant-vus
    duration: 5s
    selection: sequence
    requests:
${requests}`).warnings.filter((w) => w.field.endsWith('.group'));
    const skippable = scenario(`      - { name: a, path: /a, group: "checkout::pay", when: { status: 200 } }
      - { name: b, path: /b, group: "checkout::pay", repeat: 0 }
`);
    expect(skippable.map((w) => w.field)).toEqual(['scenarios.api.requests.a.group']);
    expect(skippable[0]!.message).toContain('group_duration gets a sample for checkout even in an iteration');
    // One request of the group always runs: the group is timed in FPT too.
    const timed = scenario(`      - { name: a, path: /a, group: checkout, when: { status: 200 } }
      - { name: b, path: /b, group: checkout, repeat: 1 }
`);
    expect(timed).toEqual([]);
  });

  it('warns that k6 keeps cookies when the preset turns them off', () => {
    expect(exported(apiScenario).warnings.map((w) => w.field)).not.toContain('target.cookies');
    const text = `name: small\ntarget: { baseUrl: "http://127.0.0.1:8787", cookies: off }\n${apiScenario}`;
    const result = exportK6Script(loadPresetText(text, '/virtual/small.yaml', { env: {} }));
    expect(result.warnings).toContainEqual({
      field: 'target.cookies',
      message: expect.stringContaining('k6 always keeps'),
    });
  });

  it('says nothing of no-data thresholds or regions when the preset has neither difference', () => {
    const result = exported(
      `${apiScenario}thresholds:\n  http_reqs: [{ threshold: "count>0", allowNoData: true }]\n`,
    );
    expect(result.warnings.map((w) => w.field)).toEqual(['safety', 'baseline']);
  });

  it('warns about a no-data threshold, regions, a start delay and a Web Vitals subset when there are some', () => {
    const result = exported(`scenarios:
  open:
    executor: constant-arrival-rate
    rate: 1
    duration: 5s
    preAllocatedVUs: 1
    maxStartDelay: 1s
    requests: [{ name: r, path: /fast }]
  page:
    executor: per-vu-iterations
    maxDuration: 1m
    browser: { webVitals: [lcp], steps: [{ goto: / }] }
thresholds:
  http_reqs: ["count>0"]
regions: [eu, us]
safety: { maxDuration: 15m, browser: { maxDuration: 2m } }
`);
    expect(result.warnings.map((w) => w.field)).toEqual([
      'safety',
      'baseline',
      'regions',
      'scenarios.page.browser.webVitals',
      'scenarios.open.maxStartDelay',
      'thresholds',
    ]);
    expect(result.warnings.find((w) => w.field === 'regions')!.message).toContain('eu, us');
  });
});
