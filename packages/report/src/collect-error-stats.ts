import { isoFromEpochMs, type MetricStore } from '@fpt/metrics';
import { compareCodeUnits } from './compare-code-units.js';
import type { ErrorStats, FailureReason } from './summary-data.js';

/**
 * Failed requests (http_req_failed) grouped by request, scenario, method, status and error code, most
 * first, each with the reasons the run's failure log kept for it.
 */
export function collectErrorStats(store: MetricStore): ErrorStats[] {
  const groups = new Map<string, { -readonly [K in keyof ErrorStats]: ErrorStats[K] }>();
  for (const { tagSet, sink } of store.series('http_req_failed')) {
    if (sink.type !== 'rate' || sink.passes === 0) continue;
    const { name = '', scenario = '', method = '', status = '', error_code: errorCode = '' } = tagSet.tags;
    const key = groupKey(name, scenario, method, status, errorCode);
    const found = groups.get(key);
    if (found) found.count += sink.passes;
    else groups.set(key, { name, scenario, method, status, errorCode, count: sink.passes });
  }
  const reasons = new Map<string, FailureReason[]>();
  for (const entry of store.failures.entries()) {
    const key = groupKey(entry.name, entry.scenario, entry.method, entry.status, entry.errorCode);
    const list = reasons.get(key) ?? [];
    list.push({
      message: entry.message,
      count: entry.count,
      firstSeen: isoFromEpochMs(entry.firstSeenMs),
    });
    reasons.set(key, list);
  }
  for (const [key, group] of groups) {
    const found = reasons.get(key);
    if (found) group.reasons = found;
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

function groupKey(name: string, scenario: string, method: string, status: string, errorCode: string): string {
  return [name, scenario, method, status, errorCode].join('\u0000');
}
