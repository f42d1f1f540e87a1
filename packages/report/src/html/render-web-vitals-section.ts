import {
  formatWebVital as format,
  formatCount,
  isWebVitalName,
  webVitalLimits,
  webVitalNames,
  webVitalRatingLook,
} from '@fpt/readable';
import type { WebVitalStats } from '../summary-data.js';
import type { ChartBlock } from './chart-spec.js';
import { html, type SafeHtml } from './html-template.js';
import { renderChartBlock } from './render-chart-block.js';
import { renderNote, renderSection } from './render-section.js';
import { renderStatus } from './render-status.js';

/**
 * The whole run's rated LCP, CLS and INP (`tiles`), the vitals over time, then per page × vital: p75
 * with Google's rating, and how the browser rated each sample.
 */
export function renderWebVitalsSection(
  vitals: readonly WebVitalStats[],
  tiles: SafeHtml = html``,
  overTime?: ChartBlock,
): SafeHtml {
  if (vitals.length === 0) {
    return renderSection(
      'web-vitals',
      'Web Vitals',
      renderNote('No Web Vitals: this run had no browser steps, or none reported a vital.', true),
    );
  }
  const legend = webVitalNames
    .map((v) => {
      const [good, poor] = webVitalLimits(v);
      return `${v.toUpperCase()} good ≤ ${format(v, good)}, poor > ${format(v, poor)}`;
    })
    .join(' · ');
  const rows = vitals.map((v) => {
    const look = v.rating === null ? undefined : webVitalRatingLook[v.rating];
    const rated = v.ratings.good + v.ratings.needsImprovement + v.ratings.poor + v.ratings.unrated;
    const width = (n: number) => (rated === 0 ? 0 : (n / rated) * 100).toFixed(1);
    return html`<tr class="${v.rating === 'poor' ? 'failing' : ''}"><td class="name">${v.page}</td><td><strong>${v.vital.toUpperCase()}</strong></td><td class="num">${v.p75 === null || !isWebVitalName(v.vital) ? '–' : format(v.vital, v.p75)}</td><td>${look ? renderStatus(look.tone, look.word) : html`<span class="muted">not measured</span>`}</td><td>${rated === 0 ? '' : html`<div class="bar" title="good ${v.ratings.good}, needs improvement ${v.ratings.needsImprovement}, poor ${v.ratings.poor}, unrated ${v.ratings.unrated}"><span class="good" style="width:${width(v.ratings.good)}%"></span><span class="ni" style="width:${width(v.ratings.needsImprovement)}%"></span><span class="poor" style="width:${width(v.ratings.poor)}%"></span></div>`}</td><td class="num">${formatCount(v.count)}</td><td class="num">${formatCount(v.notObserved)}</td></tr>`;
  });
  return renderSection(
    'web-vitals',
    'Web Vitals',
    html`${tiles}${overTime ? renderChartBlock(overTime) : ''}<h3>Per page</h3><p class="hint">p75 per page, as Web Vitals are assessed; the bar splits the samples by the rating the browser gave each (green good, amber needs improvement, red poor). ${legend}.</p>
<div class="table-scroll"><table class="data" id="web-vitals-table"><thead><tr><th>page</th><th>vital</th><th class="num">p75</th><th>rating</th><th>samples by rating</th><th class="num">samples</th><th class="num">not observed</th></tr></thead><tbody>${rows}</tbody></table></div>`,
  );
}
