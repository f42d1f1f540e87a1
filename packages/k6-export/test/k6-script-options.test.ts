import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type ExecutorName, parseDurationMs, type ScenarioSpec, type ThresholdSpec } from '@fpt/preset';
import { beforeAll, describe, expect, it } from 'vitest';
import { allCases } from './export-cases.js';
import { type LoadedK6Script, loadK6Scripts } from './load-k6-scripts.js';

/** k6's scenario options (docs "Scenarios" and each executor's page), which a preset scenario shares. */
const k6CommonOptions = ['executor', 'startTime', 'gracefulStop', 'env', 'tags'];
const k6ExecutorOptions: Record<ExecutorName, string[]> = {
  'constant-vus': ['vus', 'duration'],
  'ramping-vus': ['startVUs', 'stages', 'gracefulRampDown'],
  'constant-arrival-rate': ['rate', 'timeUnit', 'duration', 'preAllocatedVUs', 'maxVUs'],
  'ramping-arrival-rate': ['startRate', 'timeUnit', 'stages', 'preAllocatedVUs', 'maxVUs'],
  'per-vu-iterations': ['vus', 'iterations', 'maxDuration'],
  'shared-iterations': ['vus', 'iterations', 'maxDuration'],
};
/** What an iteration does, and FPT's own scheduling option: carried by the script's code, not its options. */
const fptScenarioFields = ['requests', 'selection', 'thinkTime', 'browser', 'maxStartDelay'];

function k6Options(spec: ScenarioSpec): Record<string, unknown> {
  const names = [...k6CommonOptions, ...k6ExecutorOptions[spec.executor]];
  return Object.fromEntries(
    Object.entries(spec).filter(([name, value]) => names.includes(name) && value !== undefined),
  );
}

/** A threshold entry in one shape: k6's short form is the long form without an abort. */
function normalized(
  entry: ThresholdSpec | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string },
) {
  if (typeof entry === 'string') return { threshold: entry, abortOnFail: false, delayAbortEval: undefined };
  return {
    threshold: entry.threshold,
    abortOnFail: entry.abortOnFail ?? false,
    delayAbortEval: entry.abortOnFail ? entry.delayAbortEval : undefined,
  };
}

// Each script twice: without the k6 environment, and with FPT_REGION set. Each stands in its preset's
// folder, as `fpt k6 -o` beside the preset puts it, so that open() finds the files the preset names.
let plain: LoadedK6Script[];
let withRegion: LoadedK6Script[];
beforeAll(async () => {
  const loaded = await loadK6Scripts(
    allCases.flatMap((c) => {
      const dir = dirname(c.loaded.files[0]!);
      return [
        { source: c.exported.script, dir },
        { source: c.exported.script, env: { FPT_REGION: 'eu-test' }, dir },
      ];
    }),
  );
  plain = loaded.filter((_, index) => index % 2 === 0);
  withRegion = loaded.filter((_, index) => index % 2 === 1);
});

function exportsOf(scripts: LoadedK6Script[], index: number) {
  const script = scripts[index]!;
  if (script.error !== undefined) throw new Error(`the script did not load as an ES module: ${script.error}`);
  return script;
}

describe('generated k6 scripts, loaded as ES modules with k6 stood in, export the preset in options', () => {
  allCases.forEach(({ name, loaded: { preset }, exported }, index) => {
    describe(name, () => {
      it('has one k6 scenario per preset scenario, with the same executor options', () => {
        const { options, functions } = exportsOf(plain, index);
        const scenarios = options.scenarios as Record<string, Record<string, unknown>>;
        expect(Object.keys(scenarios)).toEqual(Object.keys(preset.scenarios));
        for (const [scenarioName, spec] of Object.entries(preset.scenarios)) {
          const known = [...k6CommonOptions, ...k6ExecutorOptions[spec.executor], ...fptScenarioFields];
          expect(
            Object.keys(spec).filter((field) => !known.includes(field)),
            'fields the test does not know',
          ).toEqual([]);
          const { exec, options: scenarioOptions, ...rest } = scenarios[scenarioName]!;
          expect(rest, scenarioName).toEqual(k6Options(spec));
          // exec names an exported function: async for a browser journey, as k6/browser needs.
          expect(functions[exec as string], `${scenarioName} exec`).toBe(
            spec.browser ? 'AsyncFunction' : 'Function',
          );
          expect(scenarioOptions).toEqual(spec.browser ? { browser: { type: 'chromium' } } : undefined);
        }
      });

      it('has the preset thresholds, expressions and aborts unchanged, except those it warned about', () => {
        const { options } = exportsOf(plain, index);
        const leftOut = new Set(
          exported.warnings.map((w) => w.field).filter((f) => f.startsWith('thresholds.')),
        );
        const expected = Object.entries(preset.thresholds ?? {})
          .filter(([key]) => !leftOut.has(`thresholds.${key}`))
          .map(([key, entries]) => [key, entries.map(normalized)]);
        const thresholds = (options.thresholds ?? {}) as Record<string, ThresholdSpec[]>;
        expect(Object.entries(thresholds).map(([key, entries]) => [key, entries.map(normalized)])).toEqual(
          expected,
        );
      });

      it('tags every sample with the preset tags, and the region only when FPT_REGION is set', () => {
        expect(exportsOf(plain, index).options.tags).toEqual(preset.tags ?? {});
        expect(exportsOf(withRegion, index).options.tags).toEqual({ ...preset.tags, region: 'eu-test' });
      });

      it("sends requests the way the preset's target says", () => {
        const { options } = exportsOf(plain, index);
        expect(options.maxRedirects).toBe(preset.target.maxRedirects);
        expect(options.insecureSkipTLSVerify).toBe(preset.target.insecureSkipTLSVerify);
        expect(options.noCookiesReset).toBe(preset.target.cookies === 'vu' ? true : undefined);
        const rate = preset.safety.maxRequestRate;
        expect(options.rps).toBe(rate === undefined ? undefined : Math.floor(rate));
      });

      it("connects the way the preset's target says: TLS, DNS, hosts, connection reuse", () => {
        const { options } = exportsOf(plain, index);
        const { tls, dns, connectionReuse } = preset.target;
        expect(options.tlsVersion).toEqual(
          tls?.minVersion || tls?.maxVersion
            ? { min: tls.minVersion ?? 'tls1.2', max: tls.maxVersion ?? 'tls1.3' }
            : undefined,
        );
        // The certificates are the PEM files' text, read by open() beside the script.
        const presetDir = dirname(allCases[index]!.loaded.files[0]!);
        const pem = (file: string) => readFileSync(resolve(presetDir, file), 'utf8');
        expect(options.tlsAuth).toEqual(
          tls?.clientCertificates?.map((entry) => ({
            domains: entry.domains,
            cert: pem(entry.cert),
            key: pem(entry.key),
          })),
        );
        const defaultDns =
          dns.select === 'random' && dns.policy === 'preferIPv4' && parseDurationMs(dns.ttl) === 300_000;
        expect(options.dns).toEqual(
          defaultDns ? undefined : { ttl: dns.ttl, select: dns.select, policy: dns.policy },
        );
        expect(options.hosts).toEqual(
          dns.hosts === undefined
            ? undefined
            : Object.fromEntries(
                Object.entries(dns.hosts).map(([name, to]) => [name, Array.isArray(to) ? to[0] : to]),
              ),
        );
        expect(options.noConnectionReuse).toBe(connectionReuse === 'off' ? true : undefined);
        expect(options.noVUConnectionReuse).toBe(connectionReuse === 'iteration' ? true : undefined);
      });

      it('exports setup exactly when the preset has setup requests', () => {
        expect(exportsOf(plain, index).functions.setup).toBe(preset.setup?.length ? 'Function' : undefined);
      });
    });
  });
});
