import { formatCount } from '@fpt/readable';
import type { ChartBlock } from './chart-spec.js';
import { html, type SafeHtml } from './html-template.js';
import { renderChartBlock } from './render-chart-block.js';
import { renderNote, renderSection } from './render-section.js';

/** The overview charts over time, sharing cursor and zoom. */
export function renderChartsSection(
  blocks: readonly ChartBlock[],
  downsampledFrom: number | undefined,
  pointCount: number,
  footnote: string | undefined,
): SafeHtml {
  const drawn = blocks.some((b) => b.spec !== undefined);
  const tools = drawn
    ? html`<div class="chart-tools"><button type="button" data-action="reset-zoom">Reset zoom</button><label><input type="checkbox" data-action="wall-clock"> wall-clock time (your zone)</label><span class="muted">Time axis: elapsed since the start, m:ss.</span></div>`
    : '';
  const sampled =
    downsampledFrom !== undefined
      ? renderNote(
          `The run has ${formatCount(downsampledFrom)} per-interval points; the charts show ${formatCount(pointCount)}, keeping the lowest and highest value of every stretch so peaks stay visible.`,
        )
      : '';
  // One explanation, not the same one under every title, when the timeline itself is too thin.
  const notes = new Set(blocks.map((b) => b.note));
  if (!drawn && notes.size === 1 && blocks[0]?.note) {
    return renderSection('charts', 'Over time', renderNote(blocks[0].note, true));
  }
  return renderSection(
    'charts',
    'Over time',
    html`${tools}${sampled}${blocks.map(renderChartBlock)}${footnote ? renderNote(footnote) : ''}`,
  );
}
