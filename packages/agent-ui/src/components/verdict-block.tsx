import type { ComponentChildren } from 'preact';
import type { RunRow } from '../api/agent-types.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { formatDuration } from '../lib/format-elapsed.js';
import { formatLocalTime, formatUtcTime } from '../lib/format-time.js';
import { runVerdict } from '../lib/run-verdict.js';
import { VerdictFrame } from './verdict-frame.js';

export interface VerdictBlockProps {
  readonly run: RunRow;
  /** Page actions at the right: links, Stop, Compare. */
  readonly actions?: ComponentChildren;
  /** Under the facts: progress bar, threshold summary, reliability lines. */
  readonly children?: ComponentChildren;
}

/** A run's verdict block: what ran where and when, with its verdict. */
export function VerdictBlock({ run, actions, children }: VerdictBlockProps) {
  const verdict = runVerdict(run);
  const tags = Object.entries(run.tags);
  useDocumentTitle(`${verdict.badge} · ${run.preset}`);
  return (
    <VerdictFrame
      verdict={verdict}
      actions={actions}
      facts={
        <>
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
        </>
      }
    >
      {children}
    </VerdictFrame>
  );
}
