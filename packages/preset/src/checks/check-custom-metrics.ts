import { builtinMetrics, isValidMetricName } from '@fpt/metrics';
import { didYouMean } from '../did-you-mean.js';
import { requestLists } from '../request-lists.js';
import type { Preset } from '../schema/preset.js';
import type { SchemaProblem } from '../zod-issues.js';

/**
 * Custom metrics are declared once (metrics:) and recorded into by requests (record:): a name k6 would
 * refuse, a clash with a built-in, or a record into an undeclared metric is caught before the run.
 */
export function checkCustomMetrics(preset: Preset): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const declared = preset.metrics ?? {};
  for (const [name, metric] of Object.entries(declared)) {
    const path = ['metrics', name];
    if (!isValidMetricName(name)) {
      problems.push({
        path,
        message: `invalid metric name ${JSON.stringify(name)}`,
        hint: 'use 1 to 128 letters, digits or underscores, starting with a letter or underscore (k6 refuses others)',
        atKey: true,
      });
    } else if (builtinMetrics[name] !== undefined) {
      problems.push({
        path,
        message: `"${name}" is a built-in metric`,
        hint: 'give your metric a name of its own, for example checkout_duration',
        atKey: true,
      });
    }
    if (metric.isTime && metric.type !== 'trend') {
      problems.push({
        path: [...path, 'isTime'],
        message: `isTime applies to a trend; ${name} is a ${metric.type}`,
        atKey: true,
      });
    }
  }
  for (const list of requestLists(preset)) {
    list.requests.forEach((request, index) => {
      if (request.record === undefined) return;
      const records = Array.isArray(request.record) ? request.record : [request.record];
      records.forEach((record, recordIndex) => {
        const path = [...list.path, index, 'record', ...(Array.isArray(request.record) ? [recordIndex] : [])];
        const metric = declared[record.metric];
        if (metric === undefined) {
          problems.push({
            path: [...path, 'metric'],
            message: `metric "${record.metric}" is not declared`,
            hint:
              didYouMean(record.metric, Object.keys(declared)) ??
              `declare it: metrics: { ${record.metric}: { type: trend } } (or counter, rate, gauge)`,
          });
          return;
        }
        const value = record.value;
        if (metric.type === 'rate' && (value === 'duration' || value === 'waiting')) {
          problems.push({
            path: [...path, 'value'],
            message: `${record.metric} is a rate: it records true or false, not a ${value}`,
            hint: 'give true, false, a { jsonPath } or { variable } (non-zero counts as true), or leave value out: the response was expected',
          });
        }
        if (metric.type !== 'rate' && typeof value === 'boolean') {
          problems.push({
            path: [...path, 'value'],
            message: `${record.metric} is a ${metric.type}: it records numbers, not ${value}`,
            hint: 'declare it as a rate to count true and false',
          });
        }
      });
    });
  }
  return problems;
}
