import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A short run the browser test lets finish: a few live points, generous thresholds that hold, groups (one
 * inside another) and two custom metrics.
 */
const shortPreset = `name: ui-short
description: Two VUs for four seconds against the demo target
target:
  baseUrl: \${TARGET_URL}
metrics:
  slow_time: { type: trend, isTime: true }
  fast_served: { type: counter }
scenarios:
  api:
    executor: constant-vus
    vus: 2
    duration: 4s
    gracefulStop: 1s
    requests:
      - name: fast
        group: browse
        path: /fast
        record: [{ metric: fast_served }]
        checks:
          - status: 200
      - name: slow
        group: browse::detail
        path: /delay
        query:
          ms: 20
        record: [{ metric: slow_time }]
        checks:
          - status: 200
      - name: gone
        path: /fail
        query:
          status: 503
        weight: 0.2
thresholds:
  http_req_failed:
    - rate<0.5
  http_req_duration:
    - p(95)<5000
  slow_time:
    - p(95)<5000
`;

/** A run that lasts until the test stops it. */
const longPreset = shortPreset
  .replace('name: ui-short', 'name: ui-long')
  .replace('duration: 4s', 'duration: 5m')
  .replace('Two VUs for four seconds', 'Runs until stopped,');

/** A k6-style script beside the presets: listed from its options, its target in its code. */
const script = `import http from 'k6/http';

export const options = {
  vus: 1,
  duration: '2s',
  thresholds: { http_req_failed: ['rate<0.5'] },
};

export default async function () {
  await http.get(\`\${__ENV.TARGET_URL}/fast\`);
}
`;

/**
 * A run that fails its latency threshold: every request waits 30 ms at the target, the limit is 10 ms.
 * The error-rate threshold holds, so exactly one threshold is crossed.
 */
const failingPreset = `name: ui-fail
description: Crosses its p95 limit on purpose
target:
  baseUrl: \${TARGET_URL}
scenarios:
  api:
    executor: constant-vus
    vus: 2
    duration: 2s
    gracefulStop: 1s
    requests:
      - name: slow
        path: /delay
        query:
          ms: 30
thresholds:
  http_req_duration:
    - p(95)<10
  http_req_failed:
    - rate<0.5
`;

/**
 * A preset gated against its baseline: \`items\` goes to the target's base URL, \`steady\` to an absolute
 * URL. A run whose base URL is a slow proxy makes \`items\` (and so the whole run) regress while \`steady\`
 * stays as it was, and its thresholds hold: exit code 90.
 */
const gatedPreset = `name: ui-gate
description: Gated against its baseline
target:
  baseUrl: \${TARGET_URL}
baseline:
  p95IncreasePct: 10
  minAbsoluteMs: 5
scenarios:
  api:
    executor: constant-vus
    vus: 2
    duration: 2s
    gracefulStop: 1s
    requests:
      - name: items
        path: /fast
      - name: steady
        url: \${TARGET_URL}/fast
thresholds:
  http_req_failed:
    - rate<0.5
  http_req_duration:
    - p(95)<5000
`;

/** The verdict, layout and theme test's presets: the short and long runs, a failing one and a gated one. */
export function uiVerdictSeedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-ui-verdict-seed-'));
  writeFileSync(join(dir, 'ui-short.yaml'), shortPreset);
  writeFileSync(join(dir, 'ui-long.yaml'), longPreset);
  writeFileSync(join(dir, 'ui-fail.yaml'), failingPreset);
  writeFileSync(join(dir, 'ui-gate.yaml'), gatedPreset);
  return dir;
}

/** A seed folder with the browser test's presets, for FPT_SEED_PRESETS_DIR. */
export function uiSeedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-ui-seed-'));
  writeFileSync(join(dir, 'ui-short.yaml'), shortPreset);
  writeFileSync(join(dir, 'ui-long.yaml'), longPreset);
  writeFileSync(join(dir, 'ui-script.js'), script);
  return dir;
}

/**
 * Thresholds on both sides of their limits, in three units (ms, a rate, a count), and a few hundred
 * requests: enough for the latency curve to reach p99. Every request waits 20 ms at the target.
 */
const marginsPreset = `name: ui-margins
description: Thresholds held and crossed, in ms, a rate and a count
target:
  baseUrl: \${TARGET_URL}
scenarios:
  api:
    executor: constant-vus
    vus: 2
    duration: 3s
    gracefulStop: 1s
    requests:
      - name: slow
        path: /delay
        query:
          ms: 20
thresholds:
  http_req_duration:
    - p(95)<10
    - p(95)<5000
  http_req_failed:
    - rate<0.5
  http_reqs:
    - count>10
`;

/**
 * A browser journey without requests of its own, so its page leads with Web Vitals: the demo target's
 * home page with a click (INP) and the page whose banner shifts the layout (CLS), three times.
 */
const browserPreset = `name: ui-browser
description: A short page journey with Web Vitals
target:
  baseUrl: \${TARGET_URL}
scenarios:
  journey:
    executor: per-vu-iterations
    vus: 1
    iterations: 3
    maxDuration: 1m
    browser:
      viewport: { width: 1280, height: 800 }
      webVitals: [lcp, cls, inp]
      steps:
        - goto: /pages/home
        - click: "#buy"
        - expect: { text: "Clicked!" }
        - goto: /pages/shift
        - waitFor: { selector: "#banner" }
thresholds:
  browser_web_vital_lcp: ["p(75)<2500"]
`;

/** The run detail test's presets: thresholds with margins in several units, and a browser journey. */
export function uiRunDetailSeedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fpt-ui-detail-seed-'));
  writeFileSync(join(dir, 'ui-margins.yaml'), marginsPreset);
  writeFileSync(join(dir, 'ui-browser.yaml'), browserPreset);
  return dir;
}
