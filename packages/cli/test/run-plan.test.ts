import { loadPresetText } from '@fpt/preset';
import { describe, expect, it } from 'vitest';
import { formatRunPlan } from '../src/live/run-plan.js';

const preset = loadPresetText(
  `name: checkout
target: { baseUrl: "http://127.0.0.1:8787" }
scenarios:
  browse:
    executor: constant-vus
    vus: 1
    duration: 15s
    requests: [{ name: home, path: / }]
  buy:
    executor: constant-arrival-rate
    rate: 50
    duration: 15s
    preAllocatedVUs: 10
    maxVUs: 40
    startTime: 5s
    requests: [{ name: cart, path: /cart }]
thresholds:
  http_req_failed: ["rate<0.01"]
  http_req_duration: ["p(95)<500", "p(99)<900"]
`,
  'checkout.yaml',
);

describe('the plan a run prints before its load', () => {
  it('names the preset and target, the scenarios in words, the planned length, the VU ceiling and the thresholds', () => {
    expect(formatRunPlan(preset).split('\n')).toEqual([
      '  preset checkout → http://127.0.0.1:8787',
      '  2 scenarios, at most 41 VUs, 20s (up to 50s with graceful stops), 3 thresholds',
      '    * browse: 1 VU for 15s',
      '    * buy: 50 iterations/s for 15s (up to 40 VUs)',
      '',
    ]);
  });

  it('says which share of a split run this is', () => {
    expect(formatRunPlan(preset, { index: 1, count: 4 })).toMatch(
      /^ {2}preset checkout → http:\/\/127\.0\.0\.1:8787 · share 1\/4 of the load\n/,
    );
  });
});
