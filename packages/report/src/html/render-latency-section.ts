import { decodeSink, type TrendSink } from '@fpt/metrics';
import { formatCount, formatValue, type ValueKind } from '@fpt/readable';
import { compareCodeUnits } from '../compare-code-units.js';
import type { SummaryData } from '../summary-data.js';
import type { ChartBlock } from './chart-spec.js';
import { html, type SafeHtml } from './html-template.js';
import { renderChartBlock } from './render-chart-block.js';
import { renderNote, renderSection } from './render-section.js';

const PERCENTILES = [50, 75, 90, 95, 99, 99.9] as const;

/**
 * The request-duration distribution, and every trend metric's percentiles from its mergeable histogram.
 * Without a distribution (a browser-only run has no request to spread), the trend metrics alone.
 */
export function renderLatencySection(data: SummaryData, distribution: ChartBlock | undefined): SafeHtml {
  const rows = Object.keys(data.fpt.histograms)
    .sort((a, b) => rank(a) - rank(b) || compareCodeUnits(a, b))
    .flatMap((metric) => {
      const sink = decode(data, metric);
      if (sink === undefined) return [];
      const contains = Object.hasOwn(data.metrics, metric) ? data.metrics[metric]?.contains : undefined;
      const kind: ValueKind = contains === 'time' ? 'time' : contains === 'data' ? 'data' : 'number';
      const cell = (v: number) => html`<td class="num">${sink.count === 0 ? '–' : formatValue(v, kind)}</td>`;
      return [
        html`<tr><td class="name"><code>${metric}</code></td><td class="num">${formatCount(sink.count)}</td>${cell(sink.avg)}${PERCENTILES.map((p) => cell(sink.percentile(p)))}${cell(sink.max)}</tr>`,
      ];
    });
  const table =
    rows.length === 0
      ? renderNote('No trend metric recorded a sample in this run.', true)
      : html`${distribution ? html`<h3>Trend metrics</h3>` : ''}<p class="hint">Whole run${distribution ? ', all responses' : ''}, from each metric's merged HDR histogram (percentiles at most 0.1 % above the true value).</p>
<div class="table-scroll"><table class="data" id="trends-table"><thead><tr><th>metric</th><th class="num">count</th><th class="num">avg</th>${PERCENTILES.map((p) => html`<th class="num">p(${p})</th>`)}<th class="num">max</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  if (distribution === undefined) return renderSection('trend-metrics', 'Trend metrics', table);
  return renderSection('latency', 'Latency distribution', html`${renderChartBlock(distribution)}${table}`);
}

// Request duration first, then its phases, then everything else.
function rank(metric: string): number {
  if (metric === 'http_req_duration') return 0;
  if (metric.startsWith('http_req_')) return 1;
  return 2;
}

function decode(data: SummaryData, metric: string): TrendSink | undefined {
  try {
    const sink = decodeSink(data.fpt.histograms[metric]!);
    return sink.type === 'trend' ? sink : undefined;
  } catch {
    return undefined;
  }
}
