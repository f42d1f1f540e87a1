import type { RecordSpec, RequestSpec } from '@fpt/preset';
import type { CustomMetricCode } from './custom-metrics-code.js';
import { expectedRanges } from './expected-ranges.js';
import { variableExpression } from './iteration-variables.js';
import { jsonPathKeys } from './json-path-keys.js';
import { printJsLiteral, quoteJsString } from './print-js-literal.js';
import type { ScriptContext } from './script-context.js';

/**
 * A request's `record:` entries as `.add()` calls on its response `res`, with FPT's defaults (a trend or
 * gauge takes the response time, a counter 1, a rate whether the response was expected) and the tags its
 * request carries, as FPT tags the sample (k6 adds the scenario's and the group's). A value read from the
 * response or a variable goes through addReadValue, which adds nothing when there is no number to add.
 */
export function recordStatements(
  spec: RequestSpec,
  metrics: ReadonlyMap<string, CustomMetricCode>,
  context: ScriptContext,
): string[] {
  const records = spec.record === undefined ? [] : [spec.record].flat();
  const tags = printJsLiteral({ ...spec.tags, name: spec.name });
  return records.map((record) => {
    const metric = metrics.get(record.metric);
    if (!metric) throw new Error(`unreachable: the preset loader refuses a record into ${record.metric}`);
    const add = (value: string) => `${metric.identifier}.add(${value}, ${tags});`;
    const value = record.value ?? defaultValue(metric.type);
    if (value === 'expected')
      return add(`${context.use('isExpected')}(res, ${printJsLiteral(expectedRanges(spec))})`);
    if (typeof value === 'number' || typeof value === 'boolean') return add(String(value));
    if (value === 'duration') return add('res.timings.duration');
    if (value === 'waiting') return add('res.timings.waiting');
    // A request that got no response has no status: FPT records nothing then.
    if (value === 'status') return `if (res.status !== 0) ${add('res.status')}`;
    const isRate = metric.type === 'rate';
    return `${context.use('addReadValue')}(${metric.identifier}, ${readValue(value, context)}, ${isRate}, ${tags});`;
  });
}

/** What a record without a value adds: 'expected' stands for whether the response was expected. */
function defaultValue(type: CustomMetricCode['type']): 'duration' | 'expected' | 1 {
  if (type === 'counter') return 1;
  return type === 'rate' ? 'expected' : 'duration';
}

type ReadSpec = Extract<NonNullable<RecordSpec['value']>, object>;

/** The expression of a value a record reads from the response or a variable, before any conversion. */
function readValue(value: ReadSpec, context: ScriptContext): string {
  if ('jsonPath' in value) {
    const keys = printJsLiteral(jsonPathKeys(value.jsonPath));
    return `${context.use('valueAt')}(${context.use('jsonBody')}(res), ${keys})`;
  }
  if ('header' in value) return `${context.use('headerValue')}(res, ${quoteJsString(value.header)})`;
  return variableExpression(value.variable).text;
}
