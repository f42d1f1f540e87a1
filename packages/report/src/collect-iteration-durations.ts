import type { MetricStore } from '@fpt/metrics';
import { compareCodeUnits } from './compare-code-units.js';
import { latencyStats } from './latency-stats.js';
import { mergeSeriesBy } from './merge-series-by.js';
import type { IterationDurationStats } from './summary-data.js';

/** iteration_duration per scenario, in scenario-name order. */
export function collectIterationDurations(store: MetricStore): IterationDurationStats[] {
  const byScenario = mergeSeriesBy(store, 'iteration_duration', (tags) => tags.scenario ?? '');
  return [...byScenario.entries()]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([scenario, sink]) => ({
      scenario,
      count: sink.type === 'trend' ? sink.count : 0,
      ...latencyStats(sink),
    }));
}
