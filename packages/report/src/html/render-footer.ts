import { html, type SafeHtml } from './html-template.js';
import { renderTime } from './render-time.js';
import { uplotVersion } from './uplot-assets.js';

export function renderFooter(generatedAt: string | undefined, generator: string | undefined): SafeHtml {
  return html`<footer>
<p>Charts: drag across a chart to zoom all of them; double-click or “Reset zoom” to go back; hover for values. Time is elapsed since the start unless “wall-clock time” is ticked.</p>
<p>${generator ? html`Written by ${generator}` : 'Written by FPT'}${generatedAt ? html` at ${renderTime(generatedAt)}` : ''}. Self-contained: no network requests. Charts by uPlot ${uplotVersion} (MIT License, © 2022 Leon Sorokin).</p>
</footer>`;
}
