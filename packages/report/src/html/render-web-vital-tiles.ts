import { formatWebVital, type WebVitalName, webVitalRating, webVitalRatingLook } from '@fpt/readable';
import type { KeyFigures } from '../key-figures.js';
import { html, type SafeHtml } from './html-template.js';
import { renderStatus } from './render-status.js';

/** The three Core Web Vitals a browser run is judged on, in the order the per-page table lists them. */
const CORE: readonly { vital: WebVitalName; name: string; p75: (f: KeyFigures) => number | null }[] = [
  { vital: 'lcp', name: 'Largest Contentful Paint', p75: (f) => f.lcpP75Ms },
  { vital: 'cls', name: 'Cumulative Layout Shift', p75: (f) => f.clsP75 },
  { vital: 'inp', name: 'Interaction to Next Paint', p75: (f) => f.inpP75Ms },
];

/** LCP, CLS and INP over every page of the whole run: p75 and Google's rating; none that was not measured. */
export function renderWebVitalTiles(figures: KeyFigures): SafeHtml {
  const tiles = CORE.flatMap(({ vital, name, p75 }) => {
    const value = p75(figures);
    if (value === null) return [];
    const rating = webVitalRating(vital, value);
    const { tone, word } = webVitalRatingLook[rating];
    const label = `${vital.toUpperCase()} p75`;
    return [
      html`<div class="tile" data-tile="${label}" data-vital="${vital}" data-rating="${rating}">
  <div class="tile-label">${label}</div>
  <div class="tile-value">${formatWebVital(vital, value)}</div>
  <div class="tile-secondary">${renderStatus(tone, word)} · ${name}, all pages</div>
</div>`,
    ];
  });
  return tiles.length === 0 ? html`` : html`<div class="tiles" id="web-vital-tiles">${tiles}</div>`;
}
