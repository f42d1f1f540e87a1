import { describe, expect, it } from 'vitest';
import { load, minimalPreset, problemsOf, request, summarise, withScenario } from './preset-fixtures.js';

describe('a minimal preset', () => {
  it('loads with k6 defaults filled in', () => {
    const { preset } = load(minimalPreset);
    const api = preset.scenarios.api!;
    expect(api).toMatchObject({
      executor: 'constant-vus',
      vus: 2,
      startTime: '0s',
      gracefulStop: '30s',
      selection: 'weighted',
    });
    expect(api.requests?.[0]).toMatchObject({ method: 'GET', weight: 1 });
    expect(preset.target).toMatchObject({ timeout: '60s', maxRedirects: 10 });
    expect(preset.safety).toMatchObject({ maxVUs: 100, maxDuration: '15m', browser: { maxVUs: 5 } });
    expect(preset.baseline).toEqual({ p95IncreasePct: 10, errorRateIncreasePts: 1, minAbsoluteMs: 5 });
  });

  it('loads from JSON as well as YAML', () => {
    const json = JSON.stringify({
      name: 'json',
      target: { baseUrl: 'http://127.0.0.1:1' },
      scenarios: {
        a: { executor: 'shared-iterations', vus: 1, iterations: 3, requests: [{ name: 'x', path: '/' }] },
      },
    });
    expect(load(json).preset.scenarios.a).toMatchObject({
      executor: 'shared-iterations',
      iterations: 3,
      maxDuration: '10m',
    });
  });
});

describe('identity', () => {
  it('takes name, description and tags', () => {
    const { preset } = load(`${minimalPreset}\ndescription: hello\ntags: { team: web, tier: "1" }`);
    expect(preset).toMatchObject({ name: 'minimal', description: 'hello', tags: { team: 'web', tier: '1' } });
  });
  it('requires a name without spaces and string tag values', () => {
    const problems = summarise(
      problemsOf(minimalPreset.replace('name: minimal', 'name: my check') + '\ntags: { a: [1] }'),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: use letters/),
        expect.stringMatching(/^tags\.a: expected a string/),
      ]),
    );
  });
});

describe('target', () => {
  it('rejects a base URL without a scheme and a negative redirect count', () => {
    const text = minimalPreset.replace(
      'baseUrl: http://127.0.0.1:8080',
      'baseUrl: example.test\n  maxRedirects: -1',
    );
    expect(summarise(problemsOf(text))).toEqual([
      'target.baseUrl: expected an http:// or https:// URL',
      'target.maxRedirects: must be at least 0',
    ]);
  });
  it('reports a missing target', () => {
    const text = minimalPreset.replace(/target:\n {2}baseUrl: .*\n/, '');
    expect(summarise(problemsOf(text))).toEqual([
      'target: target.baseUrl is missing: requests and browser steps are joined to it (add target: { baseUrl: ${TARGET_URL:-http://127.0.0.1:8080} })',
    ]);
  });
});

describe('requests', () => {
  const scenario = (requests: string) =>
    withScenario(`executor: constant-vus\nduration: 5s\nrequests:\n${requests}`);

  it('accepts every request feature', () => {
    const { preset } = load(
      scenario(`  - name: create
    method: POST
    path: /api/items/{{id}}
    query: { page: 2, q: "{{id}}" }
    headers: { x-trace: abc }
    body: { json: { name: "x" } }
    expectedStatuses: [201, "200-299"]
    weight: 3
    timeout: 5s
    tags: { kind: write }
    captures:
      - { name: id, jsonPath: "$.id" }
      - { name: rid, header: x-request-id }
      - { name: csrf, regex: "csrf=(\\\\w+)" }
    checks:
      - status: [200, 201]
      - bodyContains: ok
      - bodyNotContains: error
      - { jsonPath: "$.items[0].id", equals: 1 }
      - { jsonPath: "$.token", exists: true }
      - { header: content-type, contains: json }
      - { header: x-id, matches: "^[0-9]+$" }
      - maxDuration: 300ms
  - name: form
    method: POST
    url: http://127.0.0.1:9/login
    body: { form: { user: a, remember: true } }
  - name: raw
    method: PUT
    path: /raw
    body: { raw: "<x/>", contentType: application/xml }`),
    );
    const [create, form, raw] = preset.scenarios.api!.requests!;
    expect(create).toMatchObject({ method: 'POST', weight: 3, expectedStatuses: [201, '200-299'] });
    expect(create!.checks).toHaveLength(8);
    expect(form!.body).toEqual({ form: { user: 'a', remember: true } });
    expect(raw!.body).toEqual({ raw: '<x/>', contentType: 'application/xml' });
  });

  it('rejects a request without a path, with both path and url, and a path without a slash', () => {
    const problems = summarise(
      problemsOf(
        scenario(
          `  - name: a\n  - name: b\n    path: /x\n    url: http://127.0.0.1/x\n  - name: c\n    path: x`,
        ),
      ),
    );
    expect(problems).toEqual([
      'scenarios.api.requests[0]: request "a" needs a path or a url (add path: /api/...)',
      'scenarios.api.requests[1].url: give path or url, not both',
      'scenarios.api.requests[2].path: path must start with "/" (write "/x")',
    ]);
  });

  it('rejects bad methods, weights, statuses and names', () => {
    const problems = summarise(
      problemsOf(
        scenario(
          `  - name: "bad name"\n    method: FETCH\n    path: /\n    weight: 0\n    expectedStatuses: [700, "2xx"]`,
        ),
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^scenarios\.api\.requests\[0\]\.name: use letters/),
      expect.stringMatching(/^scenarios\.api\.requests\[0\]\.method: expected one of "GET", "POST"/),
      'scenarios.api.requests[0].weight: weight must be greater than 0',
      'scenarios.api.requests[0].expectedStatuses[0]: must be at most 599',
      'scenarios.api.requests[0].expectedStatuses[1]: expected a status code or a range such as "200-299"',
    ]);
  });

  it('rejects bodies with two kinds and checks that test two things', () => {
    const problems = summarise(
      problemsOf(
        scenario(`  - name: a
    method: POST
    path: /
    body: { json: {}, raw: "x" }
    checks:
      - { status: 200, bodyContains: ok }
      - { jsonPath: "$.a" }
      - { bodyContains: x, exists: true }
      - {}
      - { header: x, matches: "(" }
    captures:
      - { name: t }
      - { name: u, header: a, regex: b }`),
      ),
    );
    expect(problems).toEqual([
      'scenarios.api.requests[0].body: body has json and raw: give only one',
      'scenarios.api.requests[0].checks[0]: a check tests one thing; this one has status and bodyContains (split it into one check per item)',
      'scenarios.api.requests[0].checks[1]: a jsonPath check needs equals or exists (add exists: true to require the field)',
      'scenarios.api.requests[0].checks[2].exists: exists goes with jsonPath, not bodyContains',
      'scenarios.api.requests[0].checks[3]: a check needs one of status, bodyContains, bodyNotContains, jsonPath, header, maxDuration',
      expect.stringMatching(
        /^scenarios\.api\.requests\[0\]\.checks\[4\]\.matches: not a valid regular expression/,
      ),
      'scenarios.api.requests[0].captures[0]: capture "t" needs one of jsonPath, header, regex',
      'scenarios.api.requests[0].captures[1]: capture "u" has header and regex: give only one',
    ]);
  });

  it('accepts GraphQL requests and refuses a GraphQL request with a body', () => {
    const ok = load(
      scenario(
        `  - name: q\n    method: POST\n    path: /graphql\n    graphql: { query: "{ items { id } }", variables: { a: 1 }, operationName: Q }`,
      ),
    );
    expect(ok.preset.scenarios.api!.requests![0]!.graphql).toEqual({
      query: '{ items { id } }',
      variables: { a: 1 },
      operationName: 'Q',
    });
    const problems = summarise(
      problemsOf(
        scenario(
          `  - name: q\n    method: POST\n    path: /graphql\n    body: { raw: x }\n    graphql: { query: "" }`,
        ),
      ),
    );
    expect(problems).toEqual(['scenarios.api.requests[0].graphql.query: must not be empty']);
    const both = summarise(
      problemsOf(
        scenario(
          `  - name: q\n    method: POST\n    path: /graphql\n    body: { raw: x }\n    graphql: { query: "{a}" }`,
        ),
      ),
    );
    expect(both).toEqual([
      'scenarios.api.requests[0].graphql: a GraphQL request builds its own body: remove body',
    ]);
  });

  it('offers selection modes and think time', () => {
    const { preset } = load(
      withScenario(
        `executor: constant-vus\nduration: 5s\nselection: round-robin\nthinkTime: { min: 1s, max: 2s }\n${request}`,
      ),
    );
    expect(preset.scenarios.api).toMatchObject({
      selection: 'round-robin',
      thinkTime: { min: '1s', max: '2s' },
    });
    const problems = summarise(
      problemsOf(
        withScenario(
          `executor: constant-vus\nduration: 5s\nselection: random\nthinkTime: { min: 3s, max: 2s }\n${request}`,
        ),
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^scenarios\.api\.selection: expected one of "weighted", "round-robin", "sequence"/,
      ),
    ]);
    const order = summarise(
      problemsOf(
        withScenario(`executor: constant-vus\nduration: 5s\nthinkTime: { min: 3s, max: 2s }\n${request}`),
      ),
    );
    expect(order).toEqual(['scenarios.api.thinkTime: thinkTime.min is longer than thinkTime.max']);
  });
});

describe('data and correlation', () => {
  it('rejects a variable nothing defines, with a suggestion', () => {
    const text = withScenario(
      `executor: constant-vus\nduration: 5s\nrequests:\n  - name: a\n    path: /x/{{tokn}}\n    captures: [{ name: token, header: x }]`,
    );
    expect(summarise(problemsOf(text))).toEqual([
      'scenarios.api.requests[0].path: {{tokn}} is not defined (did you mean "token"?)',
    ]);
  });

  it('in a sequence, refuses a capture used before the request that captures it', () => {
    const text = withScenario(`executor: constant-vus
duration: 5s
selection: sequence
requests:
  - name: read
    path: /items/{{id}}
  - name: create
    method: POST
    path: /items
    captures: [{ name: id, jsonPath: $.id }]`);
    expect(summarise(problemsOf(text))).toEqual([
      'scenarios.api.requests[0].path: {{id}} is captured by a later request ("create") of this sequence (move the capturing request before the one that uses it)',
    ]);
  });

  it('lets every scenario read setup captures, constants and built-ins', () => {
    const text = `${withScenario(`executor: constant-vus\nduration: 5s\nrequests:\n  - name: a\n    path: /{{token}}/{{base}}/{{__VU}}/{{$uuid}}`)}
variables: { base: v1 }
setup:
  - name: login
    method: POST
    path: /login
    captures: [{ name: token, jsonPath: $.token }]`;
    expect(load(text).preset.setup?.[0]?.name).toBe('login');
  });
});

describe('browser scenarios', () => {
  const browser = (steps: string, extra = '') =>
    withScenario(`executor: constant-vus\nvus: 1\nduration: 5s\nbrowser:\n  ${extra}steps:\n${steps}`);

  it('accepts every step and defaults to all five Web Vitals at 1280×800', () => {
    const { preset } = load(
      browser(`    - goto: /
    - click: "#buy"
    - fill: { selector: "#q", value: hi }
    - press: { selector: "#q", key: Enter }
    - waitFor: { text: Done }
    - expect: { selector: h1, visible: true }
      timeout: 2s`),
    );
    const spec = preset.scenarios.api!.browser!;
    expect(spec.steps).toHaveLength(6);
    expect(spec.webVitals).toEqual(['lcp', 'fcp', 'cls', 'inp', 'ttfb']);
    expect(spec.viewport).toEqual({ width: 1280, height: 800 });
  });

  it('rejects steps with two actions, no target, and journeys that do not start with goto', () => {
    const problems = summarise(
      problemsOf(
        browser(
          `    - click: a\n    - { goto: /, click: b }\n    - waitFor: {}\n    - expect: { text: x, visible: true }`,
          'webVitals: [lcp, fid]\n  ',
        ),
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^scenarios\.api\.browser\.webVitals\[1\]: expected one of "lcp"/),
    ]);
    const steps = summarise(
      problemsOf(
        browser(
          `    - click: a\n    - { goto: /, click: b }\n    - waitFor: {}\n    - expect: { text: x, visible: true }`,
        ),
      ),
    );
    expect(steps).toEqual([
      'scenarios.api.browser.steps[0]: a journey starts with a goto step (add - goto: /)',
      'scenarios.api.browser.steps[1]: a step does one thing; this one has goto and click',
      'scenarios.api.browser.steps[2].waitFor: waitFor needs a selector or a text',
      'scenarios.api.browser.steps[3].expect.visible: visible goes with selector',
    ]);
  });

  it('refuses a scenario with both requests and a browser journey, or neither', () => {
    const both = withScenario(
      `executor: constant-vus\nduration: 5s\n${request}\nbrowser:\n  steps:\n    - goto: /`,
    );
    expect(summarise(problemsOf(both))[0]).toMatch(/has both requests and a browser journey/);
    expect(summarise(problemsOf(withScenario('executor: constant-vus\nduration: 5s')))).toEqual([
      'scenarios.api: scenario "api" runs nothing: give it requests, a browser journey or a script function (exec)',
    ]);
  });
});

describe('executors', () => {
  it('accepts all six with k6 option names and fills k6 defaults', () => {
    const text = `
name: all
target: { baseUrl: "http://127.0.0.1:1" }
safety: { maxVUs: 1000, maxDuration: 1h }
scenarios:
  a: { executor: constant-vus, duration: 1s, requests: [{ name: r, path: / }] }
  b: { executor: ramping-vus, stages: [{ duration: 1s, target: 3 }], requests: [{ name: r, path: / }] }
  c: { executor: constant-arrival-rate, rate: 5, duration: 1s, preAllocatedVUs: 2, requests: [{ name: r, path: / }] }
  d: { executor: ramping-arrival-rate, stages: [{ duration: 1s, target: 3 }], preAllocatedVUs: 1, maxVUs: 4, requests: [{ name: r, path: / }] }
  e: { executor: per-vu-iterations, requests: [{ name: r, path: / }] }
  f: { executor: shared-iterations, startTime: 2s, requests: [{ name: r, path: / }] }
`;
    const s = load(text).preset.scenarios;
    expect(s.a).toMatchObject({ vus: 1, gracefulStop: '30s' });
    expect(s.b).toMatchObject({ startVUs: 1, gracefulRampDown: '30s' });
    expect(s.c).toMatchObject({ timeUnit: '1s', preAllocatedVUs: 2 });
    expect(s.c).not.toHaveProperty('maxVUs');
    expect(s.d).toMatchObject({ startRate: 0, timeUnit: '1s', maxVUs: 4 });
    expect(s.e).toMatchObject({ vus: 1, iterations: 1, maxDuration: '10m' });
    expect(s.f).toMatchObject({ startTime: '2s', iterations: 1 });
  });

  it('names the executors when one is unknown, and the fields when one is misspelt', () => {
    const problems = problemsOf(withScenario(`executor: constant-vu\nduration: 5s\n${request}`));
    expect(summarise(problems)[0]).toMatch(
      /^scenarios\.api\.executor: expected one of "constant-vus", "ramping-vus"/,
    );
    const misspelt = summarise(
      problemsOf(
        withScenario(
          `executor: ramping-vus\nstages: [{ duration: 1s, target: 1 }]\ngracefulRampdown: 5s\n${request}`,
        ),
      ),
    );
    expect(misspelt).toEqual([
      'scenarios.api.gracefulRampdown: unknown field "gracefulRampdown" (did you mean "gracefulRampDown"?)',
    ]);
  });

  it('rejects options of another executor, missing required ones, and bare numbers as durations', () => {
    const problems = summarise(
      problemsOf(withScenario(`executor: constant-arrival-rate\nvus: 3\nduration: 30\n${request}`)),
    );
    expect(problems).toEqual([
      'scenarios.api.rate: required field is missing (number expected)',
      'scenarios.api.preAllocatedVUs: required field is missing (number expected)',
      expect.stringMatching(
        /^scenarios\.api\.vus: unknown field "vus" \(fields allowed here: executor, rate, timeUnit/,
      ),
      'scenarios.api.duration: expected a duration with a unit, for example 500ms, 30s, 1m30s or 2h; a bare number has no unit (write "30s" or "30ms")',
    ]);
  });

  it('checks arrival-rate VU bounds and shared-iteration counts', () => {
    const rate = summarise(
      problemsOf(
        withScenario(
          `executor: constant-arrival-rate\nrate: 5\nduration: 5s\npreAllocatedVUs: 10\nmaxVUs: 5\n${request}`,
        ),
      ),
    );
    expect(rate).toEqual([
      expect.stringMatching(/^scenarios\.api\.maxVUs: maxVUs \(5\) is below preAllocatedVUs \(10\)/),
    ]);
    const shared = summarise(
      problemsOf(withScenario(`executor: shared-iterations\nvus: 5\niterations: 2\n${request}`)),
    );
    expect(shared).toEqual([expect.stringMatching(/^scenarios\.api\.vus: 5 VUs cannot share 2 iterations/)]);
  });

  it('rejects scenario names k6 would refuse', () => {
    const text = minimalPreset.replace('  api:', '  "api test":');
    expect(summarise(problemsOf(text))[0]).toMatch(/scenario names use letters, digits/);
  });
});

describe('baseline tolerances and regions', () => {
  it('takes tolerances and regions', () => {
    const { preset } = load(
      `${minimalPreset}\nbaseline: { p95IncreasePct: 15, errorRateIncreasePts: 0.5, minAbsoluteMs: 2 }\nregions: [eu-near, us-east]`,
    );
    expect(preset.baseline).toEqual({ p95IncreasePct: 15, errorRateIncreasePts: 0.5, minAbsoluteMs: 2 });
    expect(preset.regions).toEqual(['eu-near', 'us-east']);
  });
  it('rejects negative tolerances and unknown tolerance fields', () => {
    const problems = summarise(
      problemsOf(`${minimalPreset}\nbaseline: { p95IncreasePct: -1, errorRatePts: 1 }\nregions: "eu"`),
    );
    expect(problems).toEqual([
      'baseline.p95IncreasePct: must be at least 0',
      'baseline.errorRatePts: unknown field "errorRatePts" (fields allowed here: p95IncreasePct, errorRateIncreasePts, minAbsoluteMs, webVitalIncreasePct)',
      'regions: expected a list, got "eu"',
    ]);
  });
});
