import {
  browserOnlyNote,
  formatCompactCount,
  formatCount,
  formatMs,
  formatPerSecond,
  formatShare,
} from '@fpt/readable';
import {
  type BaselineComparison,
  type BaselineMetricDelta,
  BaselineMetricKey,
} from '../baseline-comparison.js';
import { formatBaselineDelta } from './format-baseline-delta.js';
import { html, type SafeHtml } from './html-template.js';
import { renderNote, renderSection } from './render-section.js';
import { renderSparkline } from './render-sparkline.js';
import type { ReportTotals } from './report-totals.js';

interface Tile {
  readonly label: string;
  readonly value: string;
  readonly secondary: string;
  readonly spark?: readonly (number | null)[];
  readonly baselineKey?: string;
  /** A figure of requests, which a browser-only run has none of. */
  readonly ofRequests?: true;
}

/**
 * Six to eight numbers a reader checks first, each with a sparkline and, given a baseline, its Δ. A
 * browser-only run gets one sentence instead of the request tiles, which could only say "no requests".
 */
export function renderKeyNumbers(
  totals: ReportTotals,
  baseline: BaselineComparison | undefined,
  browserOnly = false,
): SafeHtml {
  const { series, latency } = totals;
  const tiles: Tile[] = [
    {
      label: 'Requests',
      value: formatCompactCount(totals.requests),
      secondary: `${formatPerSecond(totals.requestRate)} on average`,
      spark: series.requestsPerSec,
      baselineKey: BaselineMetricKey.requestRate,
      ofRequests: true,
    },
    {
      label: 'Error rate',
      value: totals.errorRate === null ? '–' : formatShare(totals.errorRate),
      secondary: totals.errorRate === null ? 'no requests' : `${formatCount(totals.failed)} failed`,
      spark: series.errorRatePct,
      baselineKey: BaselineMetricKey.errorRate,
      ofRequests: true,
    },
    {
      label: 'p95 latency',
      value: latency ? formatMs(latency.p95Ms) : '–',
      secondary: latency ? `p50 ${formatMs(latency.p50Ms)}, all responses` : 'no requests',
      spark: series.p95Ms,
      baselineKey: BaselineMetricKey.p95,
      ofRequests: true,
    },
    {
      label: 'p99 latency',
      value: latency ? formatMs(latency.p99Ms) : '–',
      secondary: latency ? `max ${formatMs(latency.maxMs)}` : 'no requests',
      spark: series.p99Ms,
      baselineKey: BaselineMetricKey.p99,
      ofRequests: true,
    },
    {
      label: 'Peak throughput',
      value: formatPerSecond(totals.peakRequestRate),
      secondary: 'busiest interval',
      spark: series.requestsPerSec,
      ofRequests: true,
    },
    {
      label: 'Peak VUs',
      value: formatCount(totals.maxVus),
      secondary: `${formatCount(totals.iterations)} iterations`,
      spark: series.vus,
      baselineKey: BaselineMetricKey.maxVus,
    },
    {
      label: 'Checks',
      value:
        totals.checks.passes + totals.checks.fails === 0
          ? '–'
          : formatShare(totals.checks.passes / (totals.checks.passes + totals.checks.fails)),
      secondary:
        totals.checks.passes + totals.checks.fails === 0
          ? 'no checks'
          : `${formatCount(totals.checks.passes)} of ${formatCount(totals.checks.passes + totals.checks.fails)} passed`,
    },
    {
      label: 'Dropped iterations',
      value: formatCount(totals.droppedIterations),
      secondary: `${formatCount(totals.interruptedIterations)} interrupted`,
      spark: series.droppedPerSec,
    },
  ];
  const deltas = new Map((baseline?.metrics ?? []).map((m) => [m.key, m]));
  return renderSection(
    'key-numbers',
    'Key numbers',
    html`${browserOnly ? renderNote(browserOnlyNote) : ''}<div class="tiles">${tiles
      .filter((tile) => !(browserOnly && tile.ofRequests))
      .map((tile) => renderTile(tile, tile.baselineKey ? deltas.get(tile.baselineKey) : undefined))}</div>`,
  );
}

function renderTile(tile: Tile, delta: BaselineMetricDelta | undefined): SafeHtml {
  const change = delta ? formatBaselineDelta(delta) : undefined;
  return html`<div class="tile" data-tile="${tile.label}">
  <div class="tile-label">${tile.label}</div>
  <div class="tile-value">${tile.value}</div>
  <div class="tile-secondary">${tile.secondary}${change ? html` · <span class="delta ${change.tone}" title="vs baseline">${change.arrow} ${change.text}</span>` : ''}</div>
  ${tile.spark ? renderSparkline(tile.spark, `${tile.label} over time`) : ''}
</div>`;
}
