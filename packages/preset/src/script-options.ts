import { basename, extname } from 'node:path';

/** A preset built from a script's `export const options`, and what of the options it could not carry. */
export interface ScriptPresetValue {
  readonly value: Record<string, unknown>;
  readonly warnings: readonly string[];
}

/** Scenario options k6 and FPT share by name. */
const scenarioFields = [
  'executor',
  'vus',
  'duration',
  'iterations',
  'stages',
  'startVUs',
  'startRate',
  'rate',
  'timeUnit',
  'preAllocatedVUs',
  'maxVUs',
  'startTime',
  'gracefulStop',
  'gracefulRampDown',
  'maxDuration',
  'env',
  'tags',
  'exec',
] as const;

/** k6 options with no FPT counterpart that change nothing a user would miss; dropped without a word. */
const quietlyIgnored = new Set([
  'summaryTrendStats',
  'summaryTimeUnit',
  'noColor',
  'setupTimeout',
  'teardownTimeout',
  'ext',
  'batch',
  'batchPerHost',
]);

type Options = Record<string, unknown>;

/**
 * k6's options as a preset: scenarios (or k6's shortcuts vus/duration/iterations/stages, with k6's
 * defaults), thresholds, tags, and the HTTP options presets have (insecureSkipTLSVerify, maxRedirects,
 * noConnectionReuse, noVUConnectionReuse, noCookiesReset, hosts, dns, tlsVersion, rps). FPT's own settings,
 * which k6 has no name for, go in options.ext.fpt: { safety, baseline, regions, target } (k6 ignores ext).
 */
export function presetFromScriptOptions(options: unknown, scriptFile: string): ScriptPresetValue {
  const warnings: string[] = [];
  const o: Options = isObject(options) ? options : {};
  const fpt = isObject(o.ext) && isObject(o.ext.fpt) ? o.ext.fpt : {};
  const target: Options = { ...(isObject(fpt.target) ? fpt.target : {}) };
  if (o.insecureSkipTLSVerify !== undefined) target.insecureSkipTLSVerify = o.insecureSkipTLSVerify;
  if (o.maxRedirects !== undefined) target.maxRedirects = o.maxRedirects;
  if (o.noConnectionReuse === true) target.connectionReuse = 'off';
  else if (o.noVUConnectionReuse === true) target.connectionReuse = 'iteration';
  if (o.noCookiesReset === true) target.cookies = 'vu';
  if (isObject(o.hosts) || isObject(o.dns))
    target.dns = { ...(isObject(o.dns) ? o.dns : {}), ...(isObject(o.hosts) ? { hosts: o.hosts } : {}) };
  if (isObject(o.tlsVersion))
    target.tls = {
      ...(o.tlsVersion.min ? { minVersion: o.tlsVersion.min } : {}),
      ...(o.tlsVersion.max ? { maxVersion: o.tlsVersion.max } : {}),
    };
  else if (typeof o.tlsVersion === 'string')
    target.tls = { minVersion: o.tlsVersion, maxVersion: o.tlsVersion };
  const safety: Options = { ...(isObject(fpt.safety) ? fpt.safety : {}) };
  if (typeof o.rps === 'number') safety.maxRequestRate = o.rps;

  const handled = new Set([
    'scenarios',
    'vus',
    'duration',
    'iterations',
    'stages',
    'thresholds',
    'tags',
    'insecureSkipTLSVerify',
    'maxRedirects',
    'noConnectionReuse',
    'noVUConnectionReuse',
    'noCookiesReset',
    'hosts',
    'dns',
    'tlsVersion',
    'rps',
  ]);
  for (const key of Object.keys(o)) {
    if (!handled.has(key) && !quietlyIgnored.has(key))
      warnings.push(
        `options.${key} is not supported by FPT and was left out (docs/scripts.md lists the options FPT reads)`,
      );
  }

  const value: Record<string, unknown> = {
    name: presetNameOf(scriptFile),
    script: scriptFile,
    ...(Object.keys(target).length > 0 ? { target } : {}),
    scenarios: scenariosOf(o),
    ...(isObject(o.thresholds) ? { thresholds: o.thresholds } : {}),
    ...(isObject(o.tags) ? { tags: o.tags } : {}),
    ...(Object.keys(safety).length > 0 ? { safety } : {}),
    ...(isObject(fpt.baseline) ? { baseline: fpt.baseline } : {}),
    ...(Array.isArray(fpt.regions) ? { regions: fpt.regions } : {}),
  };
  return { value, warnings };
}

/** k6's scenarios, or the one scenario its shortcut options describe (k6's execution defaults). */
function scenariosOf(o: Options): Record<string, unknown> {
  if (isObject(o.scenarios)) {
    return Object.fromEntries(
      Object.entries(o.scenarios).map(([name, scenario]) => {
        const spec: Options = {};
        for (const field of scenarioFields)
          if (isObject(scenario) && scenario[field] !== undefined) spec[field] = scenario[field];
        spec.exec ??= 'default';
        return [name, spec];
      }),
    );
  }
  const spec: Options = { exec: 'default' };
  if (Array.isArray(o.stages)) {
    Object.assign(spec, { executor: 'ramping-vus', startVUs: o.vus ?? 1, stages: o.stages });
  } else if (o.duration !== undefined) {
    Object.assign(spec, { executor: 'constant-vus', vus: o.vus ?? 1, duration: o.duration });
  } else {
    // k6: iterations alone (or nothing at all: one iteration) share them among the VUs.
    Object.assign(spec, { executor: 'shared-iterations', vus: o.vus ?? 1, iterations: o.iterations ?? 1 });
  }
  return { default: spec };
}

/** The script's file name as a preset name (letters, digits, _ - .). */
function presetNameOf(file: string): string {
  return basename(file, extname(file)).replace(/[^0-9A-Za-z_.-]+/g, '-') || 'script';
}

function isObject(value: unknown): value is Options {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
