import { describeError } from '../readable/describe-error.js';
import { formatCount } from '../readable/format-count.js';
import { formatShare } from '../readable/format-share.js';
import type { ErrorStats } from '../summary-data.js';
import { html, type SafeHtml } from './html-template.js';
import { renderNote, renderSection } from './render-section.js';

const MAX_ROWS = 100;

/** Failed requests grouped by request, status and error code, most first. */
export function renderErrorsSection(errors: readonly ErrorStats[], failed: number): SafeHtml {
  if (errors.length === 0) {
    const why =
      failed > 0
        ? `${formatCount(failed)} requests failed, but this summary has no breakdown of them (it was written by an older FPT).`
        : 'No request failed.';
    return renderSection('errors', 'Errors', renderNote(why));
  }
  const total = errors.reduce((n, e) => n + e.count, 0);
  const rows = errors
    .slice(0, MAX_ROWS)
    .map(
      (e) =>
        html`<tr><td class="name">${e.name}</td><td>${e.scenario}</td><td>${e.method}</td><td>${describeError(e.status, e.errorCode)}</td><td class="num">${formatCount(e.count)}</td><td class="num">${formatShare(e.count / total)}</td></tr>`,
    );
  return renderSection(
    'errors',
    'Errors',
    html`<p class="hint">Requests whose response was not expected (http_req_failed), ${formatCount(total)} in all, grouped by request and what went wrong.</p>
<div class="table-scroll"><table class="data" id="errors-table"><thead><tr><th>request</th><th>scenario</th><th>method</th><th>error</th><th class="num">count</th><th class="num">share of failures</th></tr></thead><tbody>${rows}</tbody></table></div>
${errors.length > MAX_ROWS ? renderNote(`…and ${formatCount(errors.length - MAX_ROWS)} more groups in the summary JSON (fpt.errors).`) : ''}`,
  );
}
