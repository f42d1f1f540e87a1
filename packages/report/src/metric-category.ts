/** The metric groups of the console summary, in the order k6 prints them (CUSTOM first). */
export const MetricCategory = {
  custom: 'CUSTOM',
  http: 'HTTP',
  execution: 'EXECUTION',
  network: 'NETWORK',
  browser: 'BROWSER',
  webVitals: 'WEB_VITALS',
} as const;
export type MetricCategory = (typeof MetricCategory)[keyof typeof MetricCategory];

export const metricCategoryOrder: readonly MetricCategory[] = Object.freeze(Object.values(MetricCategory));

// group_duration is k6's own execution metric, so it sits with iterations rather than among the user's.
const EXECUTION_NAMES = new Set(['dropped_iterations', 'interrupted_iterations', 'group_duration']);

/** Which group a metric is listed under, by k6's name prefixes; anything unrecognised is the user's own. */
export function metricCategory(metricName: string): MetricCategory {
  if (metricName.startsWith('http_')) return MetricCategory.http;
  if (metricName.startsWith('vus') || metricName.startsWith('iteration') || EXECUTION_NAMES.has(metricName)) {
    return MetricCategory.execution;
  }
  if (metricName.startsWith('data_')) return MetricCategory.network;
  if (metricName.startsWith('browser_web_vital_')) return MetricCategory.webVitals;
  if (metricName.startsWith('browser_')) return MetricCategory.browser;
  return MetricCategory.custom;
}
