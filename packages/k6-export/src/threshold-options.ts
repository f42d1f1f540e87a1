import { parseMetricSelector } from '@fpt/metrics';
import type { Preset } from '@fpt/preset';
import { k6MetricNames } from './k6-metric-names.js';
import type { ScriptContext } from './script-context.js';

/** One k6 threshold entry: the expression alone, or k6's long form when it aborts the run. */
export type K6Threshold = string | { threshold: string; abortOnFail: true; delayAbortEval?: string };

/**
 * The preset's thresholds as k6 `options.thresholds`, keys (sub-metric filters included) and expressions
 * unchanged, on k6's metrics and on the preset's own (the script declares them). FPT-only metrics are left
 * out with a warning, and so is `allowNoData`, with one warning for
 * the difference it stands for: k6 passes a threshold whose metric got no samples, FPT fails it.
 */
export function k6Thresholds(preset: Preset, context: ScriptContext): Record<string, K6Threshold[]> {
  const thresholds: Record<string, K6Threshold[]> = {};
  let strictNoData = false;
  const customMetrics = new Set(Object.keys(preset.metrics ?? {}));
  for (const [key, entries] of Object.entries(preset.thresholds ?? {})) {
    const { metric } = parseMetricSelector(key);
    if (!k6MetricNames.has(metric) && !customMetrics.has(metric)) {
      context.warn(
        `thresholds.${key}`,
        `${metric} is FPT's own metric and k6 has none by that name (k6 would refuse the script): threshold left out`,
      );
      continue;
    }
    thresholds[key] = entries.map((entry): K6Threshold => {
      if (typeof entry === 'string') {
        strictNoData = true;
        return entry;
      }
      if (!entry.allowNoData) strictNoData = true;
      if (!entry.abortOnFail) return entry.threshold;
      return {
        threshold: entry.threshold,
        abortOnFail: true,
        ...(entry.delayAbortEval === undefined ? {} : { delayAbortEval: entry.delayAbortEval }),
      };
    });
  }
  if (strictNoData) {
    context.warn(
      'thresholds',
      'k6 passes a threshold whose metric got no samples, where FPT fails it (allowNoData: false): in k6 a request or page that never ran goes unnoticed',
    );
  }
  return thresholds;
}
