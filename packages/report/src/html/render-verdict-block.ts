import { formatCount } from '@fpt/readable';
import type { BaselineComparison } from '../baseline-comparison.js';
import { formatDurationMs } from '../format-duration-ms.js';
import type { SummaryData } from '../summary-data.js';
import { html, type SafeHtml } from './html-template.js';
import { renderTime } from './render-time.js';
import type { ReportTotals } from './report-totals.js';
import type { ReportVerdict } from './report-verdict.js';

const BASELINE_TONE = { regression: 'bad', improvement: 'good', 'no-significant-change': 'neutral' } as const;
const BASELINE_WORD = {
  regression: 'REGRESSION',
  improvement: 'IMPROVEMENT',
  'no-significant-change': 'NO SIGNIFICANT CHANGE',
} as const;

/** The top of the page: the verdict and its first reason, what ran, and anything that makes the result less reliable. */
export function renderVerdictBlock(
  data: SummaryData,
  verdict: ReportVerdict,
  totals: ReportTotals,
  baseline: BaselineComparison | undefined,
  fileStem: string,
): SafeHtml {
  const { fpt } = data;
  const tags = Object.entries(fpt.tags);
  const lines: SafeHtml[] = [];
  for (const line of reliabilityLines(data, totals)) lines.push(html`<p class="line warn">⚠ ${line}</p>`);
  if (baseline) {
    const tone = BASELINE_TONE[baseline.verdict] ?? 'neutral';
    lines.push(
      html`<p class="line ${tone}">vs baseline ${baseline.label}: <strong>${BASELINE_WORD[baseline.verdict] ?? baseline.verdict}</strong>${baseline.summary ? html` — ${baseline.summary}` : ''} · <a href="#baseline">comparison</a></p>`,
    );
    for (const warning of baseline.warnings ?? [])
      lines.push(html`<p class="line warn">⚠ Comparability: ${warning}</p>`);
  }
  return html`<header class="vb tone-${verdict.tone}" id="verdict">
  <div>
    <div class="badge badge-big" data-verdict="${verdict.badge}"><span aria-hidden="true">${verdict.icon}</span> ${verdict.badge}</div>
    <p class="vb-detail">${verdict.detail} · exit code ${verdict.exitCode}</p>
    ${verdict.headline ? html`<p class="vb-headline">${verdict.headline}</p>` : ''}
    ${fpt.thresholds.length > 0 ? html`<p class="vb-detail"><a href="#thresholds">${verdict.tone === 'good' ? 'all thresholds' : 'all reasons'}</a></p>` : ''}
  </div>
  <dl class="vb-facts">
    <dt>preset</dt><dd><strong>${fpt.preset.name}</strong>${fpt.preset.description ? html` — ${fpt.preset.description}` : ''}</dd>
    <dt>started</dt><dd>${renderTime(fpt.startedAt)}</dd>
    <dt>duration</dt><dd>${formatDurationMs(data.state.testRunDurationMs)}</dd>
    <dt>${fpt.fleet ? 'regions' : 'region'}</dt><dd>${fpt.fleet ? html`${fpt.fleet.regions.map((r) => r.region).join(', ')} <a href="#regions">(fleet run)</a>` : (fpt.region ?? html`<span class="muted">none</span>`)}</dd>
    <dt>tags</dt><dd>${tags.length === 0 ? html`<span class="muted">none</span>` : tags.map(([k, v], i) => html`${i > 0 ? ', ' : ''}<code>${k}=${v}</code>`)}</dd>
  </dl>
  <div class="vb-actions">
    <button type="button" data-action="reset-zoom">Reset zoom</button>
    <button type="button" data-action="save-json" data-file="${fileStem}-summary.json">Save summary JSON</button>
    <button type="button" data-action="print">Print</button>
  </div>
  ${lines.length > 0 ? html`<div class="vb-lines">${lines}</div>` : ''}
</header>`;
}

/** Generator trouble, kept apart from the verdict on the system under test. */
function reliabilityLines(data: SummaryData, totals: ReportTotals): string[] {
  const lines: string[] = [];
  const { fpt } = data;
  if (fpt.outcome === 'interrupted' || fpt.outcome === 'aborted-by-threshold') {
    lines.push(`Partial data: the run stopped early${fpt.abortReason ? ` (${fpt.abortReason})` : ''}.`);
  }
  for (const region of fpt.fleet?.regions ?? []) {
    if (region.status === 'missing')
      lines.push(
        `Region ${region.region} is missing from the result: ${region.reason ?? 'no reason given'}.`,
      );
  }
  if (totals.droppedIterations > 0) {
    lines.push(
      `Result may be unreliable: ${formatCount(totals.droppedIterations)} iteration${totals.droppedIterations === 1 ? ' was' : 's were'} dropped, so the load was lower than planned.`,
    );
  }
  if (fpt.warnings.length > 0) {
    lines.push(
      `${fpt.warnings.length} warning${fpt.warnings.length === 1 ? '' : 's'} from the run; see Warnings.`,
    );
  }
  return lines;
}
