import type { ComponentChildren } from 'preact';
import type { RunRow } from '../api/agent-types.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { formatDuration } from '../lib/format-elapsed.js';
import { formatLocalTime, formatUtcTime } from '../lib/format-time.js';
import { runVerdict } from '../lib/run-verdict.js';

export interface VerdictBlockProps {
  readonly run: RunRow;
  /** Page actions at the right: links, Stop, Compare. */
  readonly actions?: ComponentChildren;
  /** Under the facts: progress bar, threshold summary, reliability lines. */
  readonly children?: ComponentChildren;
}

/** The verdict first: badge and reason at the left, what ran where and when in the middle, actions right. */
export function VerdictBlock({ run, actions, children }: VerdictBlockProps) {
  const verdict = runVerdict(run);
  const tags = Object.entries(run.tags);
  useDocumentTitle(`${verdict.badge} · ${run.preset}`);
  return (
    <section class={`verdict tone-${verdict.tone}`} aria-label="Verdict">
      <div class="verdict-badge" data-verdict={verdict.badge}>
        <span aria-hidden="true">{verdict.icon}</span> {verdict.badge}
      </div>
      <div class="verdict-main">
        <div class="verdict-detail">{verdict.detail}</div>
        <dl class="facts">
          <dt>Run</dt>
          <dd class="mono">{run.id}</dd>
          <dt>Preset</dt>
          <dd>{run.preset}</dd>
          <dt>Started</dt>
          <dd title={formatUtcTime(run.startedAt)}>{formatLocalTime(run.startedAt)}</dd>
          <dt>Duration</dt>
          <dd>
            {run.durationMs === null ? 'running' : formatDuration(run.durationMs)}
            {run.plannedMs ? ` of ${formatDuration(run.plannedMs)} planned` : ''}
          </dd>
          <dt>Region · agent</dt>
          <dd>
            {run.region} · {run.agentId}
          </dd>
          {tags.length > 0 ? (
            <>
              <dt>Tags</dt>
              <dd>{tags.map(([k, v]) => `${k}=${v}`).join(', ')}</dd>
            </>
          ) : null}
        </dl>
        {children}
      </div>
      {actions ? <div class="verdict-actions">{actions}</div> : null}
    </section>
  );
}
