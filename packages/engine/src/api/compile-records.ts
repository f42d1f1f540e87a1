import type { CustomMetricSpec, RecordSpec } from '@fpt/preset';
import type { HttpResponse } from '../http/http-session.js';
import { compileJsonPath, evaluateJsonPath, notFound } from '../json-path.js';
import type { Variables } from '../template.js';
import { invalidJson, type ResponseView } from './response-view.js';

/** What one record adds after a response: a number, true/false for a rate, or undefined when it has none. */
export interface CompiledRecord {
  readonly metric: string;
  readonly type: CustomMetricSpec['type'];
  /** Where the value comes from, for the warning when it has none. */
  readonly source: string;
  readonly needsBody: boolean;
  value(
    response: HttpResponse,
    view: ResponseView,
    variables: Variables,
    expected: boolean,
  ): number | boolean | undefined;
}

/**
 * A `record:` compiled once. Without a value a trend or gauge takes the response's duration, a counter 1,
 * and a rate whether the response was expected, which is what k6 scripts add most often.
 */
export function compileRecord(spec: RecordSpec, metric: CustomMetricSpec): CompiledRecord {
  const base = { metric: spec.metric, type: metric.type };
  const value =
    spec.value ?? (metric.type === 'counter' ? 1 : metric.type === 'rate' ? undefined : 'duration');
  if (value === undefined)
    return { ...base, source: 'expected response', needsBody: false, value: (_r, _v, _vars, ok) => ok };
  if (typeof value === 'number' || typeof value === 'boolean')
    return { ...base, source: String(value), needsBody: false, value: () => value };
  if (value === 'duration')
    return { ...base, source: 'duration', needsBody: false, value: (r) => r.timings.durationMs };
  if (value === 'waiting')
    return { ...base, source: 'waiting', needsBody: false, value: (r) => r.timings.waitingMs };
  if (value === 'status')
    return {
      ...base,
      source: 'status',
      needsBody: false,
      value: (r) => (r.status === 0 ? undefined : r.status),
    };
  const asMetricValue = (raw: unknown) => metricValue(raw, metric.type);
  if ('jsonPath' in value) {
    const path = compileJsonPath(value.jsonPath);
    return {
      ...base,
      source: value.jsonPath,
      needsBody: true,
      value(_response, view) {
        const document = view.json();
        if (document === invalidJson) return undefined;
        const found = evaluateJsonPath(document, path);
        return found === notFound ? undefined : asMetricValue(found);
      },
    };
  }
  if ('header' in value) {
    const header = value.header;
    return {
      ...base,
      source: `header ${header}`,
      needsBody: false,
      value: (_response, view) => asMetricValue(view.header(header)),
    };
  }
  const name = value.variable;
  return {
    ...base,
    source: `{{${name}}}`,
    needsBody: false,
    value: (_response, _view, variables) => asMetricValue(variables.get(name)),
  };
}

/** A value read from a response or variable, as the metric takes it: numbers (a rate: true when non-zero). */
function metricValue(raw: unknown, type: CustomMetricSpec['type']): number | boolean | undefined {
  if (type === 'rate' && (raw === true || raw === false || raw === 'true' || raw === 'false'))
    return raw === true || raw === 'true';
  const number =
    typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(number)) return undefined;
  return type === 'rate' ? number !== 0 : number;
}
