import { builtinMetrics } from '@fpt/metrics';

/**
 * The InfluxDB measurement of a built-in metric, quoted for InfluxQL. Looking the name up in
 * builtinMetrics means a renamed or removed metric fails the generator (and its test) instead of leaving
 * a dashboard panel that silently shows nothing.
 */
export function metricMeasurement(name: string): string {
  const definition = builtinMetrics[name];
  if (definition === undefined) throw new Error(`dashboard refers to unknown built-in metric "${name}"`);
  return `"${definition.name}"`;
}
