import { formatDurationMs } from '../format-duration-ms.js';
import type { SummaryData } from '../summary-data.js';
import { html, type SafeHtml } from './html-template.js';
import { renderSection } from './render-section.js';
import { renderTime } from './render-time.js';

/** What ran, as recorded in the summary; the full summary is embedded in the page as JSON. */
export function renderConfigSection(
  data: SummaryData,
  generator: string | undefined,
  embeddedNote: string,
): SafeHtml {
  const { fpt } = data;
  const tags = Object.entries(fpt.tags);
  return renderSection(
    'config',
    'Run facts and configuration',
    html`<dl class="facts">
<dt>preset</dt><dd><strong>${fpt.preset.name}</strong>${fpt.preset.description ? html` — ${fpt.preset.description}` : ''}</dd>
<dt>files</dt><dd>${fpt.preset.files.length === 0 ? html`<span class="muted">none recorded</span>` : fpt.preset.files.map((f, i) => html`${i > 0 ? ', ' : ''}<code>${f}</code>`)}</dd>
<dt>region</dt><dd>${fpt.region ?? html`<span class="muted">none</span>`}</dd>
<dt>tags</dt><dd>${tags.length === 0 ? html`<span class="muted">none</span>` : tags.map(([k, v], i) => html`${i > 0 ? ', ' : ''}<code>${k}=${v}</code>`)}</dd>
<dt>started</dt><dd>${renderTime(fpt.startedAt)}</dd>
<dt>ended</dt><dd>${renderTime(fpt.endedAt)}</dd>
<dt>duration</dt><dd>${formatDurationMs(data.state.testRunDurationMs)}</dd>
<dt>outcome</dt><dd><code>${fpt.outcome}</code>, exit code ${fpt.exitCode}${fpt.abortReason ? html` (${fpt.abortReason})` : ''}</dd>
<dt>scenarios</dt><dd>${fpt.scenarios.length === 0 ? html`<span class="muted">none</span>` : fpt.scenarios.map((s, i) => html`${i > 0 ? '; ' : ''}<code>${s.name}</code> (${s.executor}, up to ${s.maxVUs} VUs)`)}</dd>
<dt>thresholds</dt><dd>${fpt.thresholds.length === 0 ? html`<span class="muted">none</span>` : fpt.thresholds.map((t, i) => html`${i > 0 ? html`<br>` : ''}<code>${t.metric}</code>: <code>${t.expression}</code>${t.abortOnFail ? ' (abortOnFail)' : ''}${t.allowNoData ? ' (allowNoData)' : ''}`)}</dd>
<dt>trend stats</dt><dd><code>${data.options.summaryTrendStats.join(', ')}</code></dd>
<dt>generator</dt><dd>${generator ?? html`<span class="muted">not recorded</span>`}</dd>
<dt>data</dt><dd>${embeddedNote}</dd>
</dl>`,
  );
}
