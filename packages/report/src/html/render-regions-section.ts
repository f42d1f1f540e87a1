import { formatCount, formatMs, formatPerSecond, formatShare } from '@fpt/readable';
import type { RegionStats } from '../summary-data.js';
import { html, type SafeHtml } from './html-template.js';
import { maxOf } from './max-of.js';
import { renderNote, renderSection } from './render-section.js';

/**
 * Per region, from the whole-run aggregates of series tagged with each region. The per-second timeline
 * is not split by region (the engine keeps one for the run), so per-region charts over time wait for the
 * fleet coordinator, which has each agent's own timeline.
 */
export function renderRegionsSection(regions: readonly RegionStats[], region: string | null): SafeHtml {
  if (regions.length < 2) {
    const which = regions[0]?.region ?? region;
    return renderSection(
      'regions',
      'Regions',
      renderNote(
        `${which ? `One region: ${which}.` : 'No region was given.'} A run with several regions (a fleet run merged from regional agents) gets a comparison here.`,
      ),
    );
  }
  const slowest =
    maxOf(
      regions.map((r) => r.p95Ms),
      1,
    ) || 1;
  const rows = regions.map(
    (r) =>
      html`<tr class="${r.failed > 0 ? 'failing' : ''}"><td class="name">${r.region}</td><td class="num">${formatCount(r.count)}</td><td class="num">${formatPerSecond(r.ratePerSec)}</td><td class="num">${formatShare(r.errorRate)}</td><td class="num">${formatMs(r.p50Ms)}</td><td class="num">${formatMs(r.p95Ms)}</td><td class="num">${formatMs(r.p99Ms)}</td><td><div class="bar" title="p95 ${formatMs(r.p95Ms)}"><span class="value" style="width:${((r.p95Ms / slowest) * 100).toFixed(1)}%"></span></div></td></tr>`,
  );
  return renderSection(
    'regions',
    'Regions',
    html`<p class="hint">Whole run per region (the <code>region</code> tag). Per-region charts over time need the per-agent timelines of a fleet run.</p>
<div class="table-scroll"><table class="data" id="regions-table"><thead><tr><th>region</th><th class="num">requests</th><th class="num">rate</th><th class="num">error %</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th><th>p95, relative</th></tr></thead><tbody>${rows}</tbody></table></div>`,
  );
}
