import type { CheckOutcome } from '@fpt/metrics';
import { formatCount, formatMs, formatShare } from '@fpt/readable';
import { flattenGroups } from '../flatten-groups.js';
import { groupDurationKey } from '../group-duration-key.js';
import type { SummaryData } from '../summary-data.js';
import { html, type SafeHtml } from './html-template.js';
import { renderNote, renderSection } from './render-section.js';
import { renderStatus } from './render-status.js';

const COLUMNS = 7;

/** One heading of the grouped checks table and the checks under it. */
interface CheckGroupBlock {
  /** The group's k6 path (`::checkout::pay`); empty for the checks outside any group. */
  readonly path: string;
  readonly label: string;
  readonly depth: number;
}

/**
 * Passed/total at the top, then one row per check × request × scenario, failing ones first. In a run with
 * groups the rows sit under their group (`checkout › pay`), each heading with how long the group took.
 */
export function renderChecksSection(data: SummaryData): SafeHtml {
  const { checks } = data.fpt;
  const blocks = groupBlocks(data);
  if (checks.length === 0 && blocks.length === 0) {
    return renderSection('checks', 'Checks', renderNote('No checks ran in this run.', true));
  }
  const passes = checks.reduce((n, c) => n + c.passes, 0);
  const total = checks.reduce((n, c) => n + c.passes + c.fails, 0);
  const failedGroups = checks.filter((c) => c.fails > 0).length;
  const head = html`<thead><tr><th>status</th><th>check</th><th>request</th><th>scenario</th><th class="num">passed</th><th class="num">passes</th><th class="num">fails</th></tr></thead>`;
  const totals =
    checks.length === 0
      ? renderNote('No checks ran in this run.')
      : html`<p><strong>${formatCount(passes)} of ${formatCount(total)}</strong> checks passed (${total === 0 ? '–' : formatShare(passes / total)})${failedGroups > 0 ? html`; <span class="status bad">✗ ${failedGroups} check${failedGroups === 1 ? '' : 's'} failed at least once</span>` : ''}.</p>`;
  if (blocks.length === 0) {
    return renderSection(
      'checks',
      'Checks',
      html`${totals}
<div class="table-scroll"><table class="data" id="checks-table">${head}<tbody>${failingFirst(checks).map(renderRow)}</tbody></table></div>`,
    );
  }
  const bodies = blocks.map((block) => {
    const inBlock = checks.filter((c) => (c.group ?? '') === block.path);
    const rows =
      inBlock.length === 0
        ? html`<tr><td colspan="${COLUMNS}" class="muted">no checks in this group</td></tr>`
        : failingFirst(inBlock).map(renderRow);
    return html`<tbody data-group="${block.path}"><tr class="group-head"><th colspan="${COLUMNS}" scope="rowgroup" style="--depth:${block.depth}"><span class="group-name">${block.label}</span>${renderDuration(data, block.path)}</th></tr>${rows}</tbody>`;
  });
  return renderSection(
    'checks',
    'Checks',
    html`${totals}<p class="hint">By the group their request ran in (a preset's <code>group:</code>). A group's duration runs from its first request to its last, pauses included, over the whole run.</p>
<div class="table-scroll"><table class="data grouped" id="checks-table">${head}${bodies}</table></div>`,
  );
}

/**
 * The checks outside any group (when there are some), then every group of root_group, each before the
 * groups inside it, and last any group a check names that the tree lacks (a hand-made summary). None for a
 * run without groups.
 */
function groupBlocks(data: SummaryData): CheckGroupBlock[] {
  const placed = flattenGroups(data.root_group);
  if (placed.length === 0) return [];
  const blocks: CheckGroupBlock[] = placed.map(({ group, depth, names }) => ({
    path: group.path,
    label: names.join(' › '),
    depth,
  }));
  const known = new Set(blocks.map((b) => b.path));
  for (const check of data.fpt.checks) {
    if (check.group === undefined || known.has(check.group)) continue;
    known.add(check.group);
    blocks.push({ path: check.group, label: check.group.split('::').slice(1).join(' › '), depth: 0 });
  }
  if (data.fpt.checks.some((c) => c.group === undefined)) {
    blocks.unshift({ path: '', label: 'outside any group', depth: 0 });
  }
  return blocks;
}

function renderDuration(data: SummaryData, path: string): SafeHtml | '' {
  const key = groupDurationKey(path);
  if (path === '' || !Object.hasOwn(data.metrics, key)) return '';
  const values = data.metrics[key]!.values;
  const parts = [
    values['p(95)'] === undefined ? '' : `p95 ${formatMs(values['p(95)'])}`,
    values['avg'] === undefined ? '' : `avg ${formatMs(values['avg'])}`,
  ].filter((p) => p !== '');
  return parts.length === 0
    ? ''
    : html` <span class="group-duration muted">group duration ${parts.join(' · ')}</span>`;
}

function failingFirst(checks: readonly CheckOutcome[]): CheckOutcome[] {
  return checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => Number(b.c.fails > 0) - Number(a.c.fails > 0) || a.i - b.i)
    .map(({ c }) => c);
}

function renderRow(c: CheckOutcome): SafeHtml {
  const runs = c.passes + c.fails;
  const failing = c.fails > 0;
  return html`<tr class="${failing ? 'failing' : ''}" data-failing="${String(failing)}"><td>${renderStatus(failing ? 'bad' : 'good', failing ? 'failed' : 'passed')}</td><td class="name">${c.name}</td><td class="name">${c.request}</td><td>${c.scenario}</td><td class="num">${runs === 0 ? '–' : formatShare(c.passes / runs)}</td><td class="num">${formatCount(c.passes)}</td><td class="num">${formatCount(c.fails)}</td></tr>`;
}
