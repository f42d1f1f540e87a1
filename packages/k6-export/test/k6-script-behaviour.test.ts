import { dirname } from 'node:path';
import { pageNameOf, type ScenarioSpec } from '@fpt/preset';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissingReason, chromiumPath } from '../../../tools/test-support/chromium.js';
import { type ExportCase, seedCases } from './export-cases.js';
import { type K6ScriptRecord, loadK6Scripts } from './load-k6-scripts.js';

/**
 * k6 itself cannot run here, so the seed scripts run in Node with live stand-ins for k6's modules
 * (k6-stand-ins.mjs): k6/http sends real requests to the demo target on loopback, k6/browser drives
 * headless Chromium, and check() evaluates the script's own predicates on the real responses. What this
 * shows: the generated code renders templates and captures, builds requests the target accepts and
 * judges responses as FPT does. What it does not: k6's scheduling, which `options` hands to k6.
 */
const iterations = 3;
let target: DemoTarget;
const records = new Map<string, K6ScriptRecord>();
const chromiumMissing = chromiumMissingReason();
if (chromiumMissing) console.warn(`browser journeys are not run: ${chromiumMissing}`);

beforeAll(async () => {
  target = await startDemoTarget();
  const results = await loadK6Scripts(
    seedCases.map((c) => ({
      source: c.exported.script,
      env: { TARGET_URL: target.url },
      dir: dirname(c.loaded.files[0]!),
      run: { iterations, ...(chromiumMissing ? {} : { chromiumPath }) },
    })),
  );
  results.forEach((result, index) => {
    if (result.error !== undefined) throw new Error(`${seedCases[index]!.name}: ${result.error}`);
    records.set(seedCases[index]!.name, result.record!);
  });
}, 120_000);
afterAll(async () => {
  await target?.close();
});

function requestsOf(spec: ScenarioSpec) {
  return spec.requests ?? [];
}

describe('generated k6 scripts, run against the demo target with live k6 stand-ins', () => {
  for (const { name, loaded } of seedCases as ExportCase[]) {
    const { preset } = loaded;
    describe(name, () => {
      it('sends every request to TARGET_URL with its name tag, in the order its selection mode says', () => {
        const record = records.get(name)!;
        for (const request of record.requests)
          expect(request.url.startsWith(target.url), request.url).toBe(true);
        for (const [scenarioName, spec] of Object.entries(preset.scenarios)) {
          if (spec.browser) continue;
          const names = record.requests.filter((r) => r.scenario === scenarioName).map((r) => r.name);
          const declared = requestsOf(spec).map((r) => r.name);
          if (spec.selection === 'sequence') expect(names).toEqual(Array(iterations).fill(declared).flat());
          else if (spec.selection === 'round-robin')
            expect(names).toEqual(
              Array.from({ length: iterations }, (_, i) => declared[i % declared.length]),
            );
          else {
            expect(names).toHaveLength(iterations);
            for (const drawn of names) expect(declared).toContain(drawn);
          }
        }
        const setupNames = record.requests.filter((r) => r.scenario === 'setup').map((r) => r.name);
        expect(setupNames).toEqual((preset.setup ?? []).map((r) => r.name));
      });

      it('passes every check and capture against the demo target', () => {
        const record = records.get(name)!;
        const failed = Object.entries(record.checks).filter(([, counts]) => counts.fails > 0);
        expect(failed).toEqual([]);
        const expectedChecks = [
          ...(preset.setup ?? []),
          ...Object.values(preset.scenarios).flatMap(requestsOf),
        ]
          .filter((request) => request.checks?.length || request.graphql)
          .map((request) => request.name);
        const checkedRequests = new Set(Object.keys(record.checks).map((key) => key.split('|')[1]));
        for (const requestName of expectedChecks) {
          // A weighted draw may skip a request in a few iterations; the others always run.
          const scenario = Object.values(preset.scenarios).find((s) =>
            requestsOf(s).some((r) => r.name === requestName),
          );
          if (scenario?.selection !== 'weighted') expect(checkedRequests, requestName).toContain(requestName);
        }
      });

      it('counts every request in its per-request metrics', () => {
        const record = records.get(name)!;
        for (const request of record.requests) {
          const suffix = request.name!.replace(/[^A-Za-z0-9_]/g, '_');
          const sent = record.requests.filter((r) => r.name === request.name).length;
          expect(record.metrics[`http_reqs_${suffix}`]).toMatchObject({ kind: 'counter', samples: sent });
          expect(record.metrics[`http_req_failed_${suffix}`]).toMatchObject({ kind: 'rate', samples: sent });
          expect(record.metrics[`http_req_duration_${suffix}`]).toMatchObject({
            kind: 'trend',
            isTime: true,
            samples: sent,
          });
        }
      });

      const browserScenarios = Object.entries(preset.scenarios).filter(([, spec]) => spec.browser);
      if (browserScenarios.length > 0) {
        it.skipIf(chromiumMissing !== undefined)(
          'walks each browser journey in Chromium: every step passes, pages named as FPT names them',
          () => {
            const record = records.get(name)!;
            for (const [scenarioName, spec] of browserScenarios) {
              const steps = Object.entries(record.checks).filter(([key]) =>
                key.startsWith(`${scenarioName}|`),
              );
              expect(steps).toHaveLength(spec.browser!.steps.length);
              for (const [, counts] of steps) expect(counts).toEqual({ passes: iterations, fails: 0 });
            }
            // k6 would tag a page's metrics with its full URL; the script renames them to FPT's page name.
            const pageNames = browserScenarios.flatMap(([, spec]) => spec.browser!.steps.map(pageNameOf));
            expect(record.pages.length).toBeGreaterThan(0);
            for (const page of record.pages) expect(pageNames, page.url).toContain(page.name);
          },
        );
      }
    });
  }
});
