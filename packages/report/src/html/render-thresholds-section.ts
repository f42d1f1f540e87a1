import { formatMarginShare, formatRoom, type ThresholdDescription, ThresholdStatus } from '@fpt/readable';
import { html, type SafeHtml } from './html-template.js';
import { renderNote, renderSection } from './render-section.js';
import { renderStatus } from './render-status.js';
import type { ReportVerdict } from './report-verdict.js';
import { isFailingThreshold, THRESHOLD_LOOK } from './threshold-look.js';

/** Every threshold with what was observed, the limit and the margin; failing ones first. */
export function renderThresholdsSection(verdict: ReportVerdict): SafeHtml {
  if (verdict.thresholds.length === 0) {
    return renderSection(
      'thresholds',
      'Thresholds',
      renderNote(
        'No thresholds are defined, so this run was not judged. Add thresholds to the preset to get a pass/fail verdict.',
        true,
      ),
    );
  }
  const rows = verdict.thresholds.map(renderRow);
  return renderSection(
    'thresholds',
    'Thresholds',
    html`<p class="hint">Each threshold is evaluated on the whole run. Margin: how far inside (+) or past (−) the limit the observed value was, in the metric's unit (pp: percentage points) and as a share of the limit.</p>
<div class="table-scroll"><table class="data" id="thresholds-table">
<thead><tr><th>status</th><th>metric</th><th>threshold</th><th class="num">observed</th><th class="num">limit</th><th class="num">margin</th><th class="num">margin %</th><th>notes</th></tr></thead>
<tbody>${rows}</tbody></table></div>`,
  );
}

function renderRow(t: ThresholdDescription): SafeHtml {
  const [tone, word] = THRESHOLD_LOOK[t.status];
  const notes = [
    t.abortOnFail ? 'abortOnFail' : '',
    t.status === ThresholdStatus.noData ? 'no sample matched this key; fails unless allowNoData' : '',
    t.status === ThresholdStatus.noDataAllowed ? 'no sample matched; allowNoData' : '',
  ].filter((n) => n !== '');
  const failing = isFailingThreshold(t.status);
  return html`<tr class="${failing ? 'failing' : ''}" data-status="${t.status}"><td>${renderStatus(tone, word)}</td><td class="name"><code>${t.key}</code></td><td><code>${t.expression}</code></td><td class="num">${t.observedText}</td><td class="num">${t.limitText}</td><td class="num">${formatRoom(t.room, t.kind)}</td><td class="num">${formatMarginShare(t.margin)}</td><td class="muted">${notes.join('; ')}</td></tr>`;
}
