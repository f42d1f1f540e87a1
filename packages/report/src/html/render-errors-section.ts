import { epochMsFromIso } from '@fpt/metrics';
import { describeError, formatCount, formatShare } from '@fpt/readable';
import type { ErrorStats, FailureReason } from '../summary-data.js';
import { html, type SafeHtml } from './html-template.js';
import { renderNote, renderSection } from './render-section.js';

const MAX_ROWS = 100;
/** Reasons shown per row; the summary JSON keeps all of them. */
const MAX_REASONS = 3;

/** Failed requests grouped by request, status and error code, most first, each with why it failed. */
export function renderErrorsSection(
  errors: readonly ErrorStats[],
  failed: number,
  startedAt: string,
  unexplained = 0,
): SafeHtml {
  if (errors.length === 0) {
    const why =
      failed > 0
        ? `${formatCount(failed)} requests failed, but this summary has no breakdown of them (it was written by an older FPT).`
        : 'No request failed.';
    return renderSection('errors', 'Errors', renderNote(why));
  }
  const total = errors.reduce((n, e) => n + e.count, 0);
  const startMs = epochMsFromIso(startedAt);
  const rows = errors
    .slice(0, MAX_ROWS)
    .map(
      (e) =>
        html`<tr><td class="name">${e.name}</td><td>${e.scenario}</td><td>${e.method}</td><td>${describeError(e.status, e.errorCode)}</td><td class="reason">${renderReasons(e.reasons, startMs)}</td><td class="num">${formatCount(e.count)}</td><td class="num">${formatShare(e.count / total)}</td></tr>`,
    );
  return renderSection(
    'errors',
    'Errors',
    html`<p class="hint">Requests whose response was not expected (http_req_failed), ${formatCount(total)} in all, grouped by request and what went wrong, with why and when it was first seen.</p>
<div class="table-scroll"><table class="data" id="errors-table"><thead><tr><th>request</th><th>scenario</th><th>method</th><th>error</th><th>why (first seen)</th><th class="num">count</th><th class="num">share of failures</th></tr></thead><tbody>${rows}</tbody></table></div>
${errors.length > MAX_ROWS ? renderNote(`…and ${formatCount(errors.length - MAX_ROWS)} more groups in the summary JSON (fpt.errors).`) : ''}
${unexplained > 0 ? renderNote(`${formatCount(unexplained)} failures are counted without their reason: the run had more distinct reasons than FPT keeps.`) : ''}`,
  );
}

function renderReasons(reasons: readonly FailureReason[] | undefined, startMs: number): SafeHtml | string {
  if (reasons === undefined || reasons.length === 0) return '–';
  const shown = reasons.slice(0, MAX_REASONS).map((reason) => {
    const count = reasons.length > 1 ? ` ×${formatCount(reason.count)}` : '';
    return html`<div>${reason.message}${count} <span class="muted">(${offset(epochMsFromIso(reason.firstSeen) - startMs)})</span></div>`;
  });
  const more =
    reasons.length > MAX_REASONS
      ? html`<div class="muted">+${reasons.length - MAX_REASONS} more in the summary JSON</div>`
      : '';
  return html`${shown}${more}`;
}

/** "at 0:07" from the start of the run; the clock time when the start is unknown. */
function offset(ms: number): string {
  if (!Number.isFinite(ms)) return 'first seen';
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `at ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
