import type { MetricDefinition } from '@fpt/metrics';
import type { ScriptVirtualUser } from './script-virtual-user.js';

type MetricKind = MetricDefinition['type'];

/**
 * `k6/metrics`: Counter, Gauge, Rate and Trend. Creating one defines the metric in the run (init code,
 * as in k6); add() records into the same store as the built-in metrics, with the VU's scenario and group
 * and the tags given, so thresholds, summaries and outputs treat it like a preset's custom metric.
 */
export function k6MetricsModule(vu: ScriptVirtualUser): object {
  const metricClass = (type: MetricKind) =>
    class {
      readonly name: string;
      constructor(name: string, isTime = false) {
        this.name = String(name);
        vu.defineMetric({
          name: this.name,
          type,
          contains: type === 'trend' && isTime ? 'time' : 'default',
          description: '',
        });
      }
      add(value: number | boolean, tags?: Record<string, unknown>): void {
        vu.recordMetric(this.name, type, value, tags);
      }
    };
  const Counter = metricClass('counter');
  const Gauge = metricClass('gauge');
  const Rate = metricClass('rate');
  const Trend = metricClass('trend');
  return { Counter, Gauge, Rate, Trend, default: { Counter, Gauge, Rate, Trend } };
}
