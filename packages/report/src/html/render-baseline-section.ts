import { formatCount, formatMs, formatPerSecond, formatShare } from '@fpt/readable';
import type {
  BaselineComparison,
  BaselineMetricDelta,
  BaselineRequestDelta,
} from '../baseline-comparison.js';
import { formatBaselineDelta } from './format-baseline-delta.js';
import { html, type SafeHtml } from './html-template.js';
import { renderSection } from './render-section.js';
import { renderStatus, type StatusTone } from './render-status.js';

const VERDICT_LOOK: Readonly<Record<string, readonly [StatusTone, string]>> = {
  regression: ['bad', 'regression'],
  improvement: ['good', 'improvement'],
  unchanged: ['neutral', 'unchanged'],
  'no-significant-change': ['neutral', 'no significant change'],
  added: ['neutral', 'added'],
  removed: ['neutral', 'removed'],
};

/** The comparison the gate computed: the KPI table, then the request and region rows it chose to show. */
export function renderBaselineSection(baseline: BaselineComparison): SafeHtml {
  const [tone, word] = VERDICT_LOOK[baseline.verdict] ?? ['neutral', baseline.verdict];
  const kpis = baseline.metrics.map((m) => {
    const delta = formatBaselineDelta(m);
    const [rowTone, rowWord] = VERDICT_LOOK[m.verdict] ?? ['neutral', m.verdict];
    return html`<tr class="${m.verdict === 'regression' ? 'failing' : ''}"><td>${m.label}</td><td class="num">${value(m, m.baseline)}</td><td class="num">${value(m, m.current)}</td><td class="num"><span class="delta ${delta.tone}">${delta.arrow} ${delta.text}</span></td><td>${renderStatus(rowTone, rowWord)}</td></tr>`;
  });
  const requestTable = renderDeltaTable('baseline-requests-table', 'name', baseline.requests ?? []);
  const regionTable = renderDeltaTable('baseline-regions-table', 'region', baseline.regions ?? []);
  return renderSection(
    'baseline',
    'Baseline comparison',
    html`<p>${renderStatus(tone, word.toUpperCase())} against <strong>${baseline.label}</strong>${baseline.summary ? html`: ${baseline.summary}` : ''}.</p>
${(baseline.warnings ?? []).map((w) => html`<p class="line warn">⚠ Comparability: ${w}</p>`)}
<div class="table-scroll"><table class="data" id="baseline-table"><thead><tr><th>metric</th><th class="num">baseline</th><th class="num">this run</th><th class="num">Δ</th><th>verdict</th></tr></thead><tbody>${kpis}</tbody></table></div>
${requestTable ? html`<h3>Requests</h3>${requestTable}` : ''}
${regionTable ? html`<h3>Regions</h3>${regionTable}` : ''}
${baseline.timeline ? html`<p class="hint">The throughput and latency charts above draw the baseline dashed, aligned at t = 0.</p>` : ''}`,
  );
}

/** Per request or per region: p95 and error rate on both sides; undefined when there are no rows. */
function renderDeltaTable(
  id: string,
  nameHeader: string,
  rows: readonly BaselineRequestDelta[],
): SafeHtml | undefined {
  if (rows.length === 0) return undefined;
  const ms = (v: number | null) => (v === null ? '–' : formatMs(v));
  const share = (v: number | null) => (v === null ? '–' : formatShare(v));
  const body = rows.map((r) => {
    const [rowTone, rowWord] = VERDICT_LOOK[r.verdict] ?? ['neutral', r.verdict];
    return html`<tr class="${r.verdict === 'regression' ? 'failing' : ''}"><td class="name">${r.name}</td><td class="num">${ms(r.baselineP95Ms)}</td><td class="num">${ms(r.currentP95Ms)}</td><td class="num">${share(r.baselineErrorRate)}</td><td class="num">${share(r.currentErrorRate)}</td><td>${renderStatus(rowTone, rowWord)}</td></tr>`;
  });
  return html`<div class="table-scroll"><table class="data" id="${id}"><thead><tr><th>${nameHeader}</th><th class="num">baseline p95</th><th class="num">p95</th><th class="num">baseline error %</th><th class="num">error %</th><th>verdict</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

function value(metric: BaselineMetricDelta, v: number | null): string {
  if (v === null) return '–';
  switch (metric.unit) {
    case 'ms':
      return formatMs(v);
    case 'share':
      return formatShare(v);
    case 'per-second':
      return formatPerSecond(v);
    default:
      return formatCount(v);
  }
}
