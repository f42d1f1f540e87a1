import type { CheckOutcome } from '@fpt/metrics';
import { formatCount } from '../readable/format-count.js';
import { formatShare } from '../readable/format-share.js';
import { html, type SafeHtml } from './html-template.js';
import { renderNote, renderSection } from './render-section.js';
import { renderStatus } from './render-status.js';

/** Passed/total at the top, then one row per check × request × scenario, failing ones first. */
export function renderChecksSection(checks: readonly CheckOutcome[]): SafeHtml {
  if (checks.length === 0) {
    return renderSection('checks', 'Checks', renderNote('No checks ran in this run.', true));
  }
  const passes = checks.reduce((n, c) => n + c.passes, 0);
  const total = checks.reduce((n, c) => n + c.passes + c.fails, 0);
  const rows = checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => Number(b.c.fails > 0) - Number(a.c.fails > 0) || a.i - b.i)
    .map(({ c }) => {
      const runs = c.passes + c.fails;
      const failing = c.fails > 0;
      return html`<tr class="${failing ? 'failing' : ''}" data-failing="${String(failing)}"><td>${renderStatus(failing ? 'bad' : 'good', failing ? 'failed' : 'passed')}</td><td class="name">${c.name}</td><td class="name">${c.request}</td><td>${c.scenario}</td><td class="num">${runs === 0 ? '–' : formatShare(c.passes / runs)}</td><td class="num">${formatCount(c.passes)}</td><td class="num">${formatCount(c.fails)}</td></tr>`;
    });
  const failedGroups = checks.filter((c) => c.fails > 0).length;
  return renderSection(
    'checks',
    'Checks',
    html`<p><strong>${formatCount(passes)} of ${formatCount(total)}</strong> checks passed (${total === 0 ? '–' : formatShare(passes / total)})${failedGroups > 0 ? html`; <span class="status bad">✗ ${failedGroups} check${failedGroups === 1 ? '' : 's'} failed at least once</span>` : ''}.</p>
<div class="table-scroll"><table class="data" id="checks-table"><thead><tr><th>status</th><th>check</th><th>request</th><th>scenario</th><th class="num">passed</th><th class="num">passes</th><th class="num">fails</th></tr></thead><tbody>${rows}</tbody></table></div>`,
  );
}
