/** The four k6 metric types; the type decides the sink and which threshold aggregations apply. */
export const MetricType = {
  counter: 'counter',
  gauge: 'gauge',
  rate: 'rate',
  trend: 'trend',
} as const;
export type MetricType = (typeof MetricType)[keyof typeof MetricType];

/** What a value means, as k6 reports it: `time` values are float milliseconds, `data` values are bytes. */
export type ValueContains = 'default' | 'time' | 'data';

export interface MetricDefinition {
  name: string;
  type: MetricType;
  contains: ValueContains;
  description: string;
}

export function isMetricType(value: unknown): value is MetricType {
  return value === 'counter' || value === 'gauge' || value === 'rate' || value === 'trend';
}

export function isValueContains(value: unknown): value is ValueContains {
  return value === 'default' || value === 'time' || value === 'data';
}
