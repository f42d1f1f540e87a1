import type { MetricStore } from '@fpt/metrics';
import { compareCodeUnits } from './compare-code-units.js';
import type { ErrorStats } from './summary-data.js';

/** Failed requests (http_req_failed) grouped by request, scenario, method, status and error code; most first. */
export function collectErrorStats(store: MetricStore): ErrorStats[] {
  const groups = new Map<string, { -readonly [K in keyof ErrorStats]: ErrorStats[K] }>();
  for (const { tagSet, sink } of store.series('http_req_failed')) {
    if (sink.type !== 'rate' || sink.passes === 0) continue;
    const { name = '', scenario = '', method = '', status = '', error_code: errorCode = '' } = tagSet.tags;
    const key = [name, scenario, method, status, errorCode].join('\u0000');
    const found = groups.get(key);
    if (found) found.count += sink.passes;
    else groups.set(key, { name, scenario, method, status, errorCode, count: sink.passes });
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.count - a.count ||
      compareCodeUnits(a.name, b.name) ||
      compareCodeUnits(a.scenario, b.scenario) ||
      compareCodeUnits(a.status, b.status) ||
      compareCodeUnits(a.errorCode, b.errorCode),
  );
}
