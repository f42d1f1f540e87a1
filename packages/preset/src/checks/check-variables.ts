import { didYouMean } from '../did-you-mean.js';
import type { Preset } from '../schema/preset.js';
import type { RequestSpec } from '../schema/request.js';
import type { SchemaProblem } from '../zod-issues.js';

/** Variables every iteration has without declaring them (k6's names where k6 has one). */
export const builtinVariables = ['__VU', '__ITER', '__SCENARIO', '$uuid', '$timestamp'] as const;

const templatePattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every `{{name}}` in a value, with the path of the string it sits in. */
export function findTemplateReferences(
  value: unknown,
  path: readonly PropertyKey[] = [],
): { path: PropertyKey[]; name: string }[] {
  if (typeof value === 'string') {
    return [...value.matchAll(templatePattern)].map((m) => ({ path: [...path], name: m[1] ?? '' }));
  }
  if (Array.isArray(value))
    return value.flatMap((item, index) => findTemplateReferences(item, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => findTemplateReferences(item, [...path, key]));
  }
  return [];
}

/**
 * A `{{name}}` that nothing defines would be sent literally to the target; catch it before the run.
 * In a sequence, a request may only use what earlier requests of the iteration captured.
 */
export function checkVariables(preset: Preset): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const global = new Set<string>([
    ...builtinVariables,
    ...Object.keys(preset.variables ?? {}),
    ...(preset.setup ?? []).flatMap((r) => (r.captures ?? []).map((c) => c.name)),
  ]);
  const dataNames = new Set((preset.data ?? []).map((d) => d.name));
  const isDefined = (name: string, local: ReadonlySet<string>) =>
    global.has(name) || local.has(name) || dataNames.has(name.split('.')[0] ?? '');

  const report = (name: string, path: PropertyKey[], local: ReadonlySet<string>, capturedLater?: string) => {
    if (capturedLater) {
      problems.push({
        path,
        message: `{{${name}}} is captured by a later request ("${capturedLater}") of this sequence`,
        hint: 'move the capturing request before the one that uses it',
      });
      return;
    }
    const known = [...global, ...local, ...dataNames];
    problems.push({
      path,
      message: `{{${name}}} is not defined`,
      hint:
        didYouMean(name, known) ??
        'define it under variables, capture it from a response, or read it from a data file ({{file.column}})',
    });
  };

  (preset.setup ?? []).forEach((request, index) => {
    // Setup runs in order; a setup request sees constants, data and earlier setup captures.
    const earlier = new Set(
      (preset.setup ?? []).slice(0, index).flatMap((r) => (r.captures ?? []).map((c) => c.name)),
    );
    for (const ref of findTemplateReferences(request, ['setup', index])) {
      if (!isDefined(ref.name, earlier)) {
        report(ref.name, ref.path, earlier, capturer((preset.setup ?? []).slice(index), ref.name));
      }
    }
  });

  for (const [scenarioName, scenario] of Object.entries(preset.scenarios)) {
    const env = new Set(Object.keys(scenario.env ?? {}));
    const requests = scenario.requests ?? [];
    const allCaptures = new Set(requests.flatMap((r) => (r.captures ?? []).map((c) => c.name)));
    requests.forEach((request, index) => {
      const before = new Set([
        ...env,
        ...requests.slice(0, index).flatMap((r) => (r.captures ?? []).map((c) => c.name)),
      ]);
      const visible = scenario.selection === 'sequence' ? before : new Set([...env, ...allCaptures]);
      for (const ref of findTemplateReferences(request, ['scenarios', scenarioName, 'requests', index])) {
        if (isDefined(ref.name, visible)) continue;
        const later =
          scenario.selection === 'sequence' && allCaptures.has(ref.name)
            ? capturer(requests, ref.name)
            : undefined;
        report(ref.name, ref.path, visible, later);
      }
    });
    if (scenario.browser) {
      for (const ref of findTemplateReferences(scenario.browser, ['scenarios', scenarioName, 'browser'])) {
        if (!isDefined(ref.name, env)) report(ref.name, ref.path, env);
      }
    }
  }
  return problems;
}

function capturer(requests: readonly RequestSpec[], name: string): string | undefined {
  return requests.find((r) => r.captures?.some((c) => c.name === name))?.name;
}
