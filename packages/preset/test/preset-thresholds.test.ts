import { describe, expect, it } from 'vitest';
import { load, minimalPreset, problemsOf, summarise } from './preset-fixtures.js';

const withThresholds = (yaml: string) => `${minimalPreset}\nthresholds:\n${yaml}`;

describe('thresholds in a preset', () => {
  it('accept every operator and aggregation that fits the metric type', () => {
    const { preset } = load(
      withThresholds(`  http_req_duration: ["p(95)<500", "p(99.9) <= 2000", "avg<=200", "min>0", "max<3000", "med==100", "p(50)!=0"]
  http_req_failed: ["rate<0.01"]
  http_reqs: ["count>10", "rate>=5"]
  vus: ["value<5"]
  checks: ["rate===1"]
  iteration_duration: ["p(90) > 1"]`),
    );
    expect(Object.keys(preset.thresholds ?? {})).toHaveLength(6);
  });

  it('take the long form with abortOnFail, delayAbortEval and allowNoData', () => {
    const { preset } = load(
      withThresholds(
        `  http_req_failed:\n    - threshold: rate<0.05\n      abortOnFail: true\n      delayAbortEval: 10s\n      allowNoData: true`,
      ),
    );
    expect(preset.thresholds?.http_req_failed).toEqual([
      { threshold: 'rate<0.05', abortOnFail: true, delayAbortEval: '10s', allowNoData: true },
    ]);
  });

  it('take sub-metric tag filters, with quotes and spaces', () => {
    const { preset } = load(
      withThresholds(`  "http_req_duration{name:home}": ["p(95)<500"]
  "http_req_duration{ scenario : api , name: 'home' }": ["p(95)<500"]
  'http_req_duration{name:"home",region:eu-near}': ["p(95)<500"]`),
    );
    expect(Object.keys(preset.thresholds ?? {})).toHaveLength(3);
  });

  it('reject an aggregation that does not fit, listing the ones that do', () => {
    const problems = summarise(
      problemsOf(withThresholds(`  http_req_failed: ["p(95)<1"]\n  http_reqs: ["avg<1"]\n  vus: ["rate<1"]`)),
    );
    expect(problems).toEqual([
      'thresholds.http_req_failed[0]: p(95) does not apply to http_req_failed, a rate metric (use one of: rate)',
      'thresholds.http_reqs[0]: avg does not apply to http_reqs, a counter metric (use one of: count, rate)',
      'thresholds.vus[0]: rate does not apply to vus, a gauge metric (use one of: value)',
    ]);
  });

  it('reject malformed expressions with a hint', () => {
    const bad = ['p(95)', 'p(95)<', 'p(101)<5', 'p95<5', 'avg<500ms', 'avg<<5', '<5', 'mean<5'];
    const problems = problemsOf(
      withThresholds(`  http_req_duration: [${bad.map((b) => JSON.stringify(b)).join(', ')}]`),
    );
    const paths = problems.map((p) => p.fieldPath);
    for (let i = 0; i < bad.length; i++) expect(paths).toContain(`thresholds.http_req_duration[${i}]`);
    for (const p of problems) expect(p.hint ?? '').toMatch(/\w/);
  });

  it('reject an empty expression', () => {
    expect(summarise(problemsOf(withThresholds(`  http_req_duration: [""]`)))).toEqual([
      'thresholds.http_req_duration[0]: must not be empty',
    ]);
  });

  it('reject unknown metrics with a suggestion, and filters on names nothing has', () => {
    const problems = summarise(
      problemsOf(
        withThresholds(
          `  http_req_duraton: ["p(95)<1"]\n  "http_req_duration{name:hom}": ["p(95)<1"]\n  "http_req_duration{scenario:web}": ["p(95)<1"]`,
        ),
      ),
    );
    expect(problems).toEqual([
      'thresholds.http_req_duraton: unknown metric "http_req_duraton" (did you mean "http_req_duration"?)',
      'thresholds["http_req_duration{name:hom}"]: no request is named "hom", so this threshold would get no data (did you mean "home"?)',
      'thresholds["http_req_duration{scenario:web}"]: no scenario is named "web", so this threshold would get no data (scenario names: api)',
    ]);
  });

  it('reject a filter on url for request metrics: FPT never tags them with the URL', () => {
    const problems = summarise(
      problemsOf(withThresholds(`  "http_req_duration{url:http://127.0.0.1/home}": ["p(95)<1"]`)),
    );
    expect(problems).toEqual([
      'thresholds["http_req_duration{url:http://127.0.0.1/home}"]: FPT does not tag request samples with url, so a filter on url would get no data (filter on the request name instead: name it in the preset (name: ...) and write {name:...})',
    ]);
  });

  it('reject malformed tag filters and browser metrics without a browser scenario', () => {
    const problems = summarise(
      problemsOf(
        withThresholds(`  "http_req_duration{name}": ["p(95)<1"]\n  browser_web_vital_lcp: ["p(75)<2500"]`),
      ),
    );
    expect(problems[0]).toMatch(/^thresholds\["http_req_duration\{name\}"\]: /);
    expect(problems[1]).toBe(
      'thresholds.browser_web_vital_lcp: no browser scenario produces browser_web_vital_lcp',
    );
  });

  it('keep a comment after a quoted threshold out of the expression, and a # inside quotes in it', () => {
    const { preset } = load(
      withThresholds(
        `  http_req_duration:\n    - "p(95)<500" # tight budget\n    - 'p(99)<900'   # another\n`,
      ) + `\ndescription: "not # a comment"`,
    );
    expect(preset.thresholds?.http_req_duration).toEqual(['p(95)<500', 'p(99)<900']);
    expect(preset.description).toBe('not # a comment');
  });
});

describe('thresholds on browser metrics', () => {
  const browserPreset = (thresholds: string) => `name: b
target: { baseUrl: "http://127.0.0.1:1" }
scenarios:
  web:
    executor: constant-vus
    vus: 1
    duration: 5s
    browser:
      steps:
        - goto: /pages/home?x=1
        - goto: /checkout
          name: checkout
thresholds:
${thresholds}`;

  it('filter by page: the goto name, else its path', () => {
    const { preset } = load(
      browserPreset(`  "browser_web_vital_lcp{name:/pages/home}": ["p(75)<2500"]
  "browser_web_vital_cls{name:checkout}": ["p(75)<0.1"]
  "browser_web_vital_not_observed{vital:lcp}": ["count<1"]
  "checks{name:checkout}": ["rate>0.9"]`),
    );
    expect(Object.keys(preset.thresholds ?? {})).toHaveLength(4);
  });

  it('refuse a page name no step has, suggesting the close one', () => {
    expect(
      summarise(problemsOf(browserPreset(`  "browser_web_vital_lcp{name:chekout}": ["p(75)<2500"]`))),
    ).toEqual([
      'thresholds["browser_web_vital_lcp{name:chekout}"]: no page is named "chekout", so this threshold would get no data (did you mean "checkout"?)',
    ]);
  });
});
