import { formatCount, formatMs, formatPerSecond, formatShare } from '@fpt/readable';
import type { RequestStats } from '../summary-data.js';
import { html, type SafeHtml } from './html-template.js';
import { renderNote, renderSection } from './render-section.js';
import type { ReportTotals } from './report-totals.js';

/** Rows written into the page at most; beyond this the summary JSON has them. */
const MAX_ROWS = 500;
/** Above this many names, URLs are probably used as names (the brief's cardinality guard). */
const MANY_NAMES = 200;

/**
 * One row per request name × scenario, busiest first: the top `top` in view, the rest collapsed and
 * searchable, with a totals row. Durations cover all responses (failed ones included) over the whole run.
 */
export function renderRequestsSection(
  requests: readonly RequestStats[],
  totals: ReportTotals,
  top: number,
): SafeHtml {
  if (requests.length === 0) {
    const why =
      totals.requests > 0
        ? `This summary has no per-request rows (it was written by an older FPT); the run made ${formatCount(totals.requests)} requests in all.`
        : 'No HTTP request was made in this run.';
    return renderSection('requests', 'Requests', renderNote(why, true));
  }
  const shown = requests.slice(0, top);
  const more = requests.slice(top, MAX_ROWS);
  const left = requests.slice(MAX_ROWS);
  const anyFailing = requests.some((r) => r.failed > 0);
  const head = html`<thead><tr><th>name</th><th>scenario</th><th>method</th><th>protocol</th><th class="num">requests</th><th class="num">rate</th><th class="num">failed</th><th class="num">error %</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th><th class="num">max</th></tr></thead>`;
  const latency = totals.latency;
  const foot = html`<tfoot><tr><td>all requests</td><td></td><td></td><td></td><td class="num">${formatCount(totals.requests)}</td><td class="num">${formatPerSecond(totals.requestRate)}</td><td class="num">${formatCount(totals.failed)}</td><td class="num">${totals.errorRate === null ? '–' : formatShare(totals.errorRate)}</td><td class="num">${latency ? formatMs(latency.p50Ms) : '–'}</td><td class="num">${latency ? formatMs(latency.p95Ms) : '–'}</td><td class="num">${latency ? formatMs(latency.p99Ms) : '–'}</td><td class="num">${latency ? formatMs(latency.maxMs) : '–'}</td></tr></tfoot>`;
  const banner =
    requests.length > MANY_NAMES
      ? html`<p class="banner">⚠ Too many distinct request names (${formatCount(requests.length)}); group URLs under one name with the request's <code>name</code> so each row means something.</p>`
      : '';
  // "Failing only" starts on when a long table hides failures among passing rows.
  const failingOnly = anyFailing && requests.length > 10;
  const filters = html`<div class="filters"><label><input type="checkbox" data-filter-table="requests-table"${failingOnly ? ' checked' : ''}> failing only</label>${more.length > 0 ? html`<input type="search" placeholder="Search request names" aria-label="Search request names" data-filter-table="requests-more-table">` : ''}</div>`;
  const collapsed =
    more.length > 0
      ? html`<details><summary>${formatCount(requests.length - shown.length)} more request names</summary><div class="table-scroll"><table class="data" id="requests-more-table">${head}<tbody>${more.map(renderRow)}</tbody></table></div>${left.length > 0 ? renderNote(`…and ${formatCount(left.length)} more with ${formatCount(left.reduce((n, r) => n + r.count, 0))} requests, listed in the summary JSON (fpt.requests).`) : ''}</details>`
      : '';
  return renderSection(
    'requests',
    'Requests',
    html`${banner}<p class="hint">Per request name and scenario, busiest first. Durations: all responses, failed ones included, whole run. Rates: per second of the whole run.</p>${filters}
<div class="table-scroll"><table class="data" id="requests-table">${head}<tbody>${shown.map(renderRow)}</tbody>${foot}</table></div>${collapsed}`,
  );
}

function renderRow(r: RequestStats): SafeHtml {
  const failing = r.failed > 0;
  return html`<tr class="${failing ? 'failing' : ''}" data-failing="${String(failing)}" data-search="${r.name} ${r.scenario}"><td class="name">${r.name}</td><td>${r.scenario}</td><td>${r.methods.join(', ')}</td><td>${(r.protocols ?? []).join(', ') || '–'}</td><td class="num">${formatCount(r.count)}</td><td class="num">${formatPerSecond(r.ratePerSec)}</td><td class="num">${formatCount(r.failed)}</td><td class="num">${formatShare(r.errorRate)}</td><td class="num">${formatMs(r.p50Ms)}</td><td class="num">${formatMs(r.p95Ms)}</td><td class="num">${formatMs(r.p99Ms)}</td><td class="num">${formatMs(r.maxMs)}</td></tr>`;
}
