import type { ChartBlock } from './chart-spec.js';
import { html, type SafeHtml } from './html-template.js';
import { renderNote } from './render-section.js';

/** A chart's title, how to read it, the element the script draws into, and a table fallback; or why it is missing. */
export function renderChartBlock(block: ChartBlock): SafeHtml {
  if (!block.spec) {
    return html`<div class="chart-block" data-chart-block="${block.id}"><h3>${block.title}</h3>${renderNote(block.note ?? 'Not enough data to draw this chart.', true)}</div>`;
  }
  return html`<div class="chart-block" data-chart-block="${block.id}">
<h3>${block.title}</h3>
<p class="hint">${block.hint}</p>
<div class="chart" id="${block.id}" role="img" aria-label="${block.title} chart"></div>
<noscript>${renderNote('Charts need JavaScript; the key numbers and tables cover the same run, and the data is embedded as JSON.')}</noscript>
<details data-table-for="${block.id}"><summary>Show as table</summary></details>
${block.footnote ? renderNote(block.footnote) : ''}
</div>`;
}
