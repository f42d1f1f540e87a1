import type { MetricStore, ThresholdOutcome } from '@fpt/metrics';
import type { AnsiStyle } from './ansi-style.js';
import { compareCodeUnits } from './compare-code-units.js';
import { formatThresholdObserved } from './format-threshold-observed.js';
import { CONTENT_INDENT } from './layout-summary-lines.js';
import { thresholdSelector } from './threshold-selector.js';

/** `█ THRESHOLDS` body: one paragraph per metric key, one ✓/✗ line per expression. */
export function renderThresholds(
  thresholds: readonly ThresholdOutcome[],
  store: MetricStore,
  style: AnsiStyle,
): string[] {
  const byKey = new Map<string, ThresholdOutcome[]>();
  for (const outcome of thresholds) {
    const key = thresholdSelector(outcome)?.key ?? outcome.metric.trim();
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [outcome]);
    else list.push(outcome);
  }
  const lines: string[] = [];
  for (const key of [...byKey.keys()].sort(compareCodeUnits)) {
    if (lines.length > 0) lines.push('');
    lines.push(CONTENT_INDENT + key);
    for (const outcome of byKey.get(key)!) {
      const definition = store.definition(thresholdSelector(outcome)?.metric ?? '');
      const observed = formatThresholdObserved(
        outcome,
        definition?.type ?? 'gauge',
        definition?.contains ?? 'default',
      );
      const allowed = outcome.noData && outcome.allowNoData ? ' (allowed)' : '';
      const mark = outcome.ok ? style.green('✓') : style.red('✗');
      lines.push(`${CONTENT_INDENT}${mark} '${outcome.expression}' ${observed}${allowed}`);
    }
  }
  return lines;
}
