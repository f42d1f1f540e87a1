import type { MetricStore, RunSummary, ScenarioOutcome } from '@fpt/metrics';
import type { AnsiStyle } from './ansi-style.js';
import type { MetricEntry } from './collect-metric-entries.js';
import { CONTENT_INDENT } from './layout-summary-lines.js';
import { mergeChecksByName } from './merge-checks-by-name.js';
import { renderCheckLine } from './render-check-line.js';
import { renderMetricGroups } from './render-metric-groups.js';
import type { SummaryLine } from './summary-line.js';

/**
 * Body of a full-mode `█ SCENARIO: <name>` section: its iterations, its checks, and every metric
 * narrowed to samples tagged with the scenario (metrics without such samples, like vus, are skipped).
 */
export function renderScenarioSection(
  scenario: ScenarioOutcome,
  summary: RunSummary,
  store: MetricStore,
  trendStats: readonly string[],
  style: AnsiStyle,
): SummaryLine[] {
  const lines: SummaryLine[] = [
    `${CONTENT_INDENT}executor: ${scenario.executor}, ${scenario.maxVUs} max VUs`,
    `${CONTENT_INDENT}iterations: ${scenario.completedIterations} completed, ` +
      `${scenario.interruptedIterations} interrupted, ${scenario.droppedIterations} dropped`,
  ];
  const checks = mergeChecksByName(summary.checks.filter((check) => check.scenario === scenario.name));
  if (checks.length > 0) lines.push('');
  for (const check of checks) lines.push(...renderCheckLine(check, style));

  const filter = { scenario: scenario.name };
  const entries: MetricEntry[] = [];
  for (const definition of store.metrics()) {
    if (definition.name === 'checks') continue;
    const sink = store.aggregate(definition.name, filter);
    if (sink === undefined) continue;
    entries.push({
      key: definition.name,
      metric: definition.name,
      filter,
      filterText: '',
      definition,
      sink,
      thresholds: [],
    });
  }
  const groups = renderMetricGroups(entries, {
    trendStats,
    elapsedMs: summary.durationMs,
    block: `scenario:${scenario.name}`,
  });
  if (groups.length > 0) lines.push('', ...groups);
  return lines;
}
