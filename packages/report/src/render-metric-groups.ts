import type { MetricEntry } from './collect-metric-entries.js';
import { compareCodeUnits } from './compare-code-units.js';
import { CONTENT_INDENT } from './layout-summary-lines.js';
import { metricCategory, metricCategoryOrder } from './metric-category.js';
import { metricRowCells } from './metric-row-cells.js';
import { subMetricLabel } from './sub-metric-label.js';
import type { DottedRow, SummaryLine } from './summary-line.js';

export interface MetricGroupsOptions {
  readonly trendStats: readonly string[];
  readonly elapsedMs: number;
  /** Rows sharing column widths. */
  readonly block: string;
}

/**
 * The CUSTOM, HTTP, EXECUTION, NETWORK, BROWSER and WEB_VITALS groups, each metric followed by its
 * sub-metric rows. Groups without metrics are left out.
 */
export function renderMetricGroups(
  entries: readonly MetricEntry[],
  options: MetricGroupsOptions,
): SummaryLine[] {
  const byMetric = new Map<string, MetricEntry[]>();
  for (const entry of entries) {
    const list = byMetric.get(entry.metric);
    if (list === undefined) byMetric.set(entry.metric, [entry]);
    else list.push(entry);
  }
  const names = [...byMetric.keys()].sort(compareCodeUnits);
  const lines: SummaryLine[] = [];
  for (const category of metricCategoryOrder) {
    const inCategory = names.filter((name) => metricCategory(name) === category);
    if (inCategory.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(CONTENT_INDENT + category);
    for (const name of inCategory) {
      const group = byMetric.get(name)!;
      const whole = group.find((entry) => entry.filterText === '');
      lines.push(
        whole === undefined
          ? { kind: 'row', block: options.block, label: name, cells: ['no data'], aligned: false }
          : row(whole, name, options),
      );
      for (const entry of group) {
        if (entry.filterText !== '') lines.push(row(entry, subMetricLabel(entry.filterText), options));
      }
    }
  }
  return lines;
}

function row(entry: MetricEntry, label: string, options: MetricGroupsOptions): DottedRow {
  const { cells, aligned } = metricRowCells(
    entry.sink,
    entry.definition,
    options.trendStats,
    options.elapsedMs,
  );
  return { kind: 'row', block: options.block, label, cells, aligned };
}
