import { formatCount, formatMs } from '@fpt/readable';
import type { SummaryData } from '../summary-data.js';
import type { ChartBlock } from './chart-spec.js';
import { html, type SafeHtml } from './html-template.js';
import { renderChartBlock } from './render-chart-block.js';
import { renderNote, renderSection } from './render-section.js';

/** Per scenario: iterations completed, interrupted and dropped, and how long an iteration took. */
export function renderIterationsSection(data: SummaryData, chart: ChartBlock | undefined): SafeHtml {
  const { scenarios, iterationDurations } = data.fpt;
  if (scenarios.length === 0) {
    return renderSection('iterations', 'Iterations', renderNote('No scenario ran.', true));
  }
  const durations = new Map(iterationDurations.map((d) => [d.scenario, d]));
  const dropped = scenarios.reduce((n, s) => n + s.droppedIterations, 0);
  const rows = scenarios.map((s) => {
    const d = durations.get(s.name);
    const ms = (v: number | undefined) =>
      html`<td class="num">${d === undefined || d.count === 0 || v === undefined ? '–' : formatMs(v)}</td>`;
    return html`<tr class="${s.droppedIterations > 0 ? 'failing' : ''}"><td class="name">${s.name}</td><td>${s.executor}</td><td class="num">${formatCount(s.maxVUs)}</td><td class="num">${formatCount(s.completedIterations)}</td><td class="num">${formatCount(s.interruptedIterations)}</td><td class="num">${formatCount(s.droppedIterations)}</td>${ms(d?.p50Ms)}${ms(d?.p95Ms)}${ms(d?.p99Ms)}${ms(d?.maxMs)}</tr>`;
  });
  const droppedNote =
    dropped > 0
      ? html`<p class="banner">⚠ ${formatCount(dropped)} iteration${dropped === 1 ? ' was' : 's were'} dropped: an arrival-rate executor had no free VU in time (raise maxVUs) or the run ended first. The target saw less load than planned.</p>`
      : '';
  return renderSection(
    'iterations',
    'Iterations',
    html`${droppedNote}<p class="hint">Iteration duration: one full pass through a scenario's requests, think time included.</p>
<div class="table-scroll"><table class="data" id="iterations-table"><thead><tr><th>scenario</th><th>executor</th><th class="num">max VUs</th><th class="num">completed</th><th class="num">interrupted</th><th class="num">dropped</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th><th class="num">max</th></tr></thead><tbody>${rows}</tbody></table></div>${chart ? renderChartBlock(chart) : ''}`,
  );
}
