import type { MetricType } from '@fpt/metrics';
import { formatValue, type ThresholdDescription, trendColumns, valueKindOf } from '@fpt/readable';
import { CUSTOM_METRIC_TYPES, type CustomMetricRow } from './custom-metric-rows.js';
import { html, type SafeHtml } from './html-template.js';
import { renderSection } from './render-section.js';
import { STATUS_ICON } from './render-status.js';
import { isFailingThreshold, THRESHOLD_LOOK } from './threshold-look.js';

const TITLES: Readonly<Record<MetricType, string>> = {
  trend: 'Trends',
  counter: 'Counters',
  rate: 'Rates',
  gauge: 'Gauges',
};

// What each type's values mean to a reader; a trend's come from the summary's trend stats.
const FIXED_COLUMNS: Readonly<Record<Exclude<MetricType, 'trend'>, readonly string[]>> = {
  counter: ['count', 'rate'],
  rate: ['rate', 'passes', 'fails'],
  gauge: ['value', 'min', 'max'],
};

/**
 * The preset's own metrics (`metrics:`), one table per type with the values that type has, in the
 * metric's unit, and each threshold on it marked as held or crossed. Built only for a run that has any.
 */
export function renderCustomMetricsSection(rows: readonly CustomMetricRow[]): SafeHtml {
  const tables = CUSTOM_METRIC_TYPES.flatMap((type) => {
    const ofType = rows.filter((r) => r.entry.type === type);
    if (ofType.length === 0) return [];
    const columns = type === 'trend' ? trendColumns(ofType) : FIXED_COLUMNS[type];
    return [
      html`<h3>${TITLES[type]}</h3>
<div class="table-scroll"><table class="data fit" id="custom-${type}-table"><thead><tr><th>metric</th>${columns.map((c) => html`<th class="num">${c}</th>`)}<th>thresholds</th></tr></thead><tbody>${ofType.map((r) => renderRow(r, columns))}</tbody></table></div>`,
    ];
  });
  return renderSection(
    'custom-metrics',
    'Custom metrics',
    html`<p class="hint">The metrics this preset declares under <code>metrics:</code>, over the whole run. A <code>{tag:value}</code> row is a sub-metric a threshold selects.</p>${tables}`,
  );
}

function renderRow(row: CustomMetricRow, columns: readonly string[]): SafeHtml {
  const { entry } = row;
  const empty = row.count === 0;
  const cells = columns.map((column) => {
    const value = column === 'count' && row.count !== undefined ? row.count : entry.values[column];
    const shown =
      value === undefined || (empty && column !== 'count')
        ? '–'
        : formatValue(value, valueKindOf(entry.type, entry.contains, column));
    return html`<td class="num">${shown}</td>`;
  });
  const failing = row.thresholds.some((t) => isFailingThreshold(t.status));
  const sub = row.key !== row.metric;
  return html`<tr class="${failing ? 'failing' : ''}" data-failing="${String(failing)}" data-metric="${row.key}"><td class="${sub ? 'name sub' : 'name'}"><code class="metric-name">${breakable(row.key)}</code></td>${cells}<td class="marks">${row.thresholds.length === 0 ? html`<span class="muted">none</span>` : row.thresholds.map(renderMark)}</td></tr>`;
}

// On a narrow screen a name breaks after an underscore or a comma, not in the middle of a word.
function breakable(name: string): SafeHtml {
  return html`${name.split(/(?<=[_,])/).map((part, i) => (i === 0 ? part : html`<wbr>${part}`))}`;
}

/** A threshold as ✓/✗ and its expression, with its status in words for screen readers and on hover. */
function renderMark(t: ThresholdDescription): SafeHtml {
  const [tone, word] = THRESHOLD_LOOK[t.status];
  return html`<span class="status ${tone} mark" title="${word}: ${t.sentence}" data-status="${t.status}"><span aria-hidden="true">${STATUS_ICON[tone]}</span> <code>${t.expression}</code><span class="visually-hidden"> ${word}</span></span>`;
}
