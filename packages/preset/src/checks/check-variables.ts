import { didYouMean } from '../did-you-mean.js';
import { requestLists } from '../request-lists.js';
import type { Preset } from '../schema/preset.js';
import type { RequestSpec } from '../schema/request.js';
import type { SchemaProblem } from '../zod-issues.js';

/** Variables every iteration has without declaring them (k6's names where k6 has one). */
export const builtinVariables = ['__VU', '__ITER', '__SCENARIO', '$uuid', '$timestamp'] as const;

/** The position of a repeated request within its loop, from 0 (as __ITER counts iterations). */
export const repeatIndexVariable = '__REPEAT';

// `{{= name}}` is a typed template: the same variable, kept as a JSON value where it fills a whole field.
const templatePattern = /\{\{\s*=?\s*([^{}]*?)\s*\}\}/g;

/** Every `{{name}}` (and typed `{{= name}}`) in a value, with the path of the string it sits in. */
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

/** Variables a request names without braces: the one `when` tests, the list it repeats over, what it records. */
function bareReferences(request: RequestSpec, path: readonly PropertyKey[]) {
  const refs: { path: PropertyKey[]; name: string; beforeSend: boolean }[] = [];
  if (request.when?.variable !== undefined)
    refs.push({ path: [...path, 'when', 'variable'], name: request.when.variable, beforeSend: true });
  if (typeof request.repeat === 'object')
    refs.push({ path: [...path, 'repeat', 'over'], name: request.repeat.over, beforeSend: true });
  const records = request.record === undefined ? [] : [request.record].flat();
  records.forEach((record, index) => {
    if (typeof record.value === 'object' && 'variable' in record.value) {
      const at = Array.isArray(request.record) ? [index] : [];
      refs.push({
        path: [...path, 'record', ...at, 'value', 'variable'],
        name: record.value.variable,
        beforeSend: false,
      });
    }
  });
  return refs;
}

const captureNames = (requests: readonly RequestSpec[]) =>
  requests.flatMap((r) => (r.captures ?? []).map((c) => c.name));

/**
 * A `{{name}}` that nothing defines would be sent literally to the target; catch it before the run.
 * In a sequence (setup and teardown are sequences) a request may only use what earlier requests of the
 * iteration captured; teardown also sees setup's captures, as k6's teardown(data) does.
 */
export function checkVariables(preset: Preset): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const base = new Set<string>([...builtinVariables, ...Object.keys(preset.variables ?? {})]);
  const afterSetup = new Set([...base, ...captureNames(preset.setup ?? [])]);
  const dataNames = new Set((preset.data ?? []).map((d) => d.name));

  const report = (
    name: string,
    path: PropertyKey[],
    known: ReadonlySet<string>,
    capturedLater: string | undefined,
  ) => {
    if (capturedLater) {
      problems.push({
        path,
        message: `{{${name}}} is captured by a later request ("${capturedLater}") of this sequence`,
        hint: 'move the capturing request before the one that uses it',
      });
      return;
    }
    problems.push({
      path,
      message: `{{${name}}} is not defined`,
      hint:
        didYouMean(name, [...known, ...dataNames]) ??
        'define it under variables, capture it from a response, or read it from a data file ({{file.column}})',
    });
  };

  for (const list of requestLists(preset)) {
    const scenario = list.scenario === undefined ? undefined : preset.scenarios[list.scenario];
    const outer = new Set([
      ...(list.role === 'setup' ? base : afterSetup),
      ...Object.keys(scenario?.env ?? {}),
    ]);
    const allCaptures = new Set(captureNames(list.requests));
    list.requests.forEach((request, index) => {
      const path = [...list.path, index];
      const earlier = list.sequence ? captureNames(list.requests.slice(0, index)) : [...allCaptures];
      const visible = new Set([...outer, ...earlier]);
      // A repeated request sees its position, and the element it is at when it repeats over a list.
      const loop = request.repeat === undefined ? [] : [repeatIndexVariable];
      const element = typeof request.repeat === 'object' ? request.repeat.as : undefined;
      const isDefined = (name: string, scope: ReadonlySet<string>) => {
        const head = name.split('.')[0] ?? '';
        return (
          scope.has(name) ||
          dataNames.has(head) ||
          (element !== undefined && head === element && scope.has(element))
        );
      };
      const check = (name: string, refPath: PropertyKey[], scope: ReadonlySet<string>) => {
        if (isDefined(name, scope)) return;
        const later = list.sequence && allCaptures.has(name) ? capturer(list.requests, name) : undefined;
        report(name, refPath, scope, later);
      };
      const inLoop = new Set([...visible, ...loop, ...(element === undefined ? [] : [element])]);
      const { when, repeat, ...sent } = request;
      // when and the repeat count are read before the request is sent, once; the rest is per repetition.
      for (const ref of findTemplateReferences({ when, repeat }, path)) check(ref.name, ref.path, visible);
      for (const ref of findTemplateReferences(sent, path)) check(ref.name, ref.path, inLoop);
      const afterResponse = new Set([...inLoop, ...captureNames([request])]);
      for (const ref of bareReferences(request, path))
        check(ref.name, ref.path, ref.beforeSend ? visible : afterResponse);
    });
  }
  for (const [scenarioName, scenario] of Object.entries(preset.scenarios)) {
    if (!scenario.browser) continue;
    const scope = new Set([...afterSetup, ...Object.keys(scenario.env ?? {})]);
    for (const ref of findTemplateReferences(scenario.browser, ['scenarios', scenarioName, 'browser'])) {
      if (!scope.has(ref.name) && !dataNames.has(ref.name.split('.')[0] ?? ''))
        report(ref.name, ref.path, scope, undefined);
    }
  }
  return problems;
}

function capturer(requests: readonly RequestSpec[], name: string): string | undefined {
  return requests.find((r) => r.captures?.some((c) => c.name === name))?.name;
}
