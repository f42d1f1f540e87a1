import { runPreset } from '@fpt/engine';
import type { RunSummary } from '@fpt/metrics';
import { loadPresetText } from '@fpt/preset';
import { startDemoTarget } from '@fpt/testkit';

/**
 * A shop journey in a sequence: groups (one nested), a custom metric of each type recorded by requests, and
 * thresholds on two of them. 2 VUs × 5 iterations, so every count below is exact.
 */
function groupedPreset(baseUrl: string): string {
  return `name: grouped-shop
target:
  baseUrl: ${baseUrl}
metrics:
  checkout_time: { type: trend, isTime: true, description: Time to pay }
  orders_placed: { type: counter }
  search_hit: { type: rate }
  queue_depth: { type: gauge }
scenarios:
  shopper:
    executor: per-vu-iterations
    vus: 2
    iterations: 5
    selection: sequence
    requests:
      - { name: home, path: /fast, checks: [{ status: 200 }] }
      - name: search
        group: browse
        path: /fail
        query: { ratio: 0.5, key: grouped-search }
        # Whether the response was expected: exactly half of the ten fail.
        record: [{ metric: search_hit }]
        checks: [{ status: 200 }]
      - name: cart
        group: checkout
        path: /delay
        query: { ms: "{{__ITER}}" }
        record: [{ metric: queue_depth, value: { jsonPath: $.delayMs } }]
        checks: [{ status: 200 }]
      - name: pay
        group: checkout::pay
        path: /delay
        query: { ms: 30 }
        record: [{ metric: checkout_time }, { metric: orders_placed }]
        checks: [{ status: 200 }, { status: 201 }]
thresholds:
  checkout_time: ["p(95)<5000", "avg<1"]
  orders_placed: ["count>=10"]
`;
}

/** Runs that preset against a real demo target on 127.0.0.1 and returns the engine's summary. */
export async function runGroupedDemo(): Promise<RunSummary> {
  const target = await startDemoTarget();
  try {
    const loaded = loadPresetText(groupedPreset(target.url), 'presets/grouped-shop.yaml');
    return await runPreset({ loaded, workers: 1, intervalMs: 250, thresholdIntervalMs: 250 });
  } finally {
    await target.close();
  }
}
