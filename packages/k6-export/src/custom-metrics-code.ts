import type { CustomMetricSpec, Preset } from '@fpt/preset';
import { commentText } from './comment-text.js';
import { camelIdentifier } from './js-identifier.js';
import { quoteJsString } from './print-js-literal.js';
import type { ScriptContext } from './script-context.js';

/** A custom metric as the script holds it: the constant of its k6/metrics object, and its type. */
export interface CustomMetricCode {
  readonly identifier: string;
  readonly type: CustomMetricSpec['type'];
}

const k6Classes = { trend: 'Trend', counter: 'Counter', rate: 'Rate', gauge: 'Gauge' } as const;

/**
 * The preset's `metrics:` as k6/metrics objects created in the init context (k6 refuses new metrics
 * later), one constant each, named after the metric where the name is free. Returns them by metric name,
 * with their declarations.
 */
export function declareCustomMetrics(
  preset: Preset,
  context: ScriptContext,
): { metrics: Map<string, CustomMetricCode>; code: string[] } {
  const metrics = new Map<string, CustomMetricCode>();
  const code: string[] = [];
  for (const [name, spec] of Object.entries(preset.metrics ?? {})) {
    const identifier = context.identifiers.claim(camelIdentifier(name));
    const k6Class = k6Classes[spec.type];
    context.import({ module: 'k6/metrics', name: k6Class });
    metrics.set(name, { identifier, type: spec.type });
    if (spec.description !== undefined) code.push(`/** ${commentText(spec.description)} */`);
    const isTime = spec.type === 'trend' && spec.isTime ? ', true' : '';
    code.push(`const ${identifier} = new ${k6Class}(${quoteJsString(name)}${isTime});`);
  }
  if (code.length > 0) code.unshift("// The preset's own metrics (metrics:), which requests record into.");
  return { metrics, code };
}
