import type { MetricDefinition } from '@fpt/metrics';
import type { Preset } from './schema/preset.js';

/**
 * The preset's metrics: as k6/metrics definitions, keyed by name. Validation and every metric store of a
 * run (each worker's, the merged one) read them from here, so a custom metric means the same thing in all.
 */
export function customMetricDefinitions(preset: Pick<Preset, 'metrics'>): Record<string, MetricDefinition> {
  return Object.fromEntries(
    Object.entries(preset.metrics ?? {}).map(([name, metric]): [string, MetricDefinition] => [
      name,
      {
        name,
        type: metric.type,
        contains: metric.isTime ? 'time' : 'default',
        description: metric.description ?? '',
      },
    ]),
  );
}
