import { runPreset } from '@fpt/engine';
import type { RunSummary } from '@fpt/metrics';
import { loadPresetText } from '@fpt/preset';
import { startDemoTarget } from '@fpt/testkit';

/** A preset a team could have written: a ramping browse mix with failures, and an open-model checkout. */
function checkoutPreset(baseUrl: string): string {
  return `name: checkout-demo
description: "Checkout flow <b>smoke</b> against the demo target"
tags:
  team: payments
target:
  baseUrl: ${baseUrl}
scenarios:
  browse:
    executor: ramping-vus
    startVUs: 1
    stages:
      - { duration: 3s, target: 8 }
      - { duration: 3s, target: 8 }
      - { duration: 2s, target: 2 }
    gracefulRampDown: 1s
    gracefulStop: 1s
    thinkTime: { min: 20ms, max: 60ms }
    requests:
      - name: home
        path: /fast
        weight: 4
        checks: [{ status: 200 }]
      - name: items
        path: /delay
        query: { ms: 25 }
        weight: 2
        checks: [{ status: 200 }, { maxDuration: 200ms }]
      - name: search
        path: /fail
        query: { ratio: 0.2, key: report-search }
        weight: 2
        checks: [{ status: 200 }]
  checkout:
    executor: constant-arrival-rate
    rate: 15
    timeUnit: 1s
    duration: 8s
    preAllocatedVUs: 2
    maxVUs: 2
    gracefulStop: 1s
    requests:
      - name: checkout
        path: /delay
        query: { ms: 150 }
        checks: [{ status: 200 }]
thresholds:
  http_req_duration: ["p(95)<400"]
  "http_req_duration{name:items}": ["p(99)<20"]
  http_req_failed: ["rate<0.01"]
  checks: ["rate>0.9"]
  "http_req_duration{status:404}": ["p(95)<100"]
`;
}

/**
 * Runs that preset for 8 seconds against a real demo target on 127.0.0.1 and returns the engine's
 * summary: a realistic, failing run (items is slower than its limit, search fails 20 % of the time,
 * a threshold watches a status that never happens, and checkout may drop iterations).
 */
export async function runCheckoutDemo(): Promise<RunSummary> {
  const target = await startDemoTarget();
  try {
    const loaded = loadPresetText(checkoutPreset(target.url), 'presets/checkout-demo.yaml');
    return await runPreset({
      loaded,
      region: 'eu-west',
      tags: { build: '<script>window.__pwnedByTag=1</script>' },
      workers: 1,
      intervalMs: 250,
      thresholdIntervalMs: 250,
    });
  } finally {
    await target.close();
  }
}
