import type { MetricEntry } from './collect-metric-entries.js';
import { formatPercent } from './format-percent.js';
import { formatRate } from './format-rate.js';
import { metricRowCells } from './metric-row-cells.js';
import { subMetricLabel } from './sub-metric-label.js';
import type { DottedRow, SummaryLine } from './summary-line.js';

export interface CheckTotals {
  readonly passes: number;
  readonly fails: number;
}

/**
 * k6's checks part: checks_total, checks_succeeded and checks_failed (display-only names; the metric is
 * `checks`), sub-metric rows of checks thresholds, then the check lines (one ✓/✗ line per check with the
 * split of failing ones, under their groups when the run has groups).
 */
export function renderChecks(
  totals: CheckTotals,
  checkLines: readonly string[],
  subEntries: readonly MetricEntry[],
  elapsedMs: number,
  block: string,
): SummaryLine[] {
  const total = totals.passes + totals.fails;
  const row = (label: string, cells: string[]): DottedRow => ({
    kind: 'row',
    block,
    label,
    cells,
    aligned: true,
  });
  const share = (part: number) => formatPercent(total === 0 ? 0 : part / total);
  const lines: SummaryLine[] = [
    row('checks_total', [String(total), formatRate(elapsedMs > 0 ? total / (elapsedMs / 1000) : 0)]),
    row('checks_succeeded', [share(totals.passes), `${totals.passes} out of ${total}`]),
    row('checks_failed', [share(totals.fails), `${totals.fails} out of ${total}`]),
  ];
  for (const entry of subEntries) {
    const { cells, aligned } = metricRowCells(entry.sink, entry.definition, [], elapsedMs);
    lines.push({ kind: 'row', block, label: subMetricLabel(entry.filterText), cells, aligned });
  }
  if (checkLines.length > 0) lines.push('', ...checkLines);
  return lines;
}
