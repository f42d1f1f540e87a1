import type { GateVerdictJson, RunRow } from '@fpt/api-types';
import type { ThresholdDescription } from '@fpt/readable';
import type { ComponentChildren } from 'preact';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { formatDuration } from '../lib/format-elapsed.js';
import { formatLocalTime, formatUtcTime } from '../lib/format-time.js';
import { baselineState, runVerdict, thresholdsState } from '../lib/run-verdict.js';
import { VerdictFrame } from './verdict-frame.js';

export interface VerdictBlockProps {
  readonly run: RunRow;
  /**
   * The planned length from the live stream (the scenarios' length, graceful stops left out). The row's
   * own plannedMs is the longest the run may take, graceful stops included, so it is not shown as "planned".
   */
  readonly plannedMs?: number | undefined;
  /** The summary's thresholds in words, once summary.json is read: the reason names the first crossed one. */
  readonly thresholds?: readonly ThresholdDescription[] | undefined;
  /** The baseline gate's verdict, once gate.json is read. */
  readonly gate?: GateVerdictJson | undefined;
  /** Page actions at the right: links, Stop, Compare. */
  readonly actions?: ComponentChildren;
  /** Right under the verdict's states, before the facts: the crossed thresholds, the regressions. */
  readonly reasons?: ComponentChildren;
  /** Under the facts: progress bar, threshold summary, reliability lines. */
  readonly children?: ComponentChildren;
}

/** A run's verdict block: the verdict and its first reason, what ran where and when, and the actions. */
export function VerdictBlock({
  run,
  plannedMs,
  thresholds,
  gate,
  actions,
  reasons,
  children,
}: VerdictBlockProps) {
  const verdict = runVerdict(run, { ...(thresholds ? { thresholds } : {}), ...(gate ? { gate } : {}) });
  const tags = Object.entries(run.tags);
  const baseline = baselineState(run, gate);
  const finished = run.status !== 'running';
  // Under FAILED, PASSED or COMPLETED the line already counts the thresholds; under REGRESSION, STOPPED
  // and the rest their own state is news, and so is the baseline's wherever there is one.
  const thresholdsNews = !['FAILED', 'PASSED', 'COMPLETED'].includes(verdict.badge) || baseline !== undefined;
  useDocumentTitle(`${verdict.badge} · ${run.preset}`);
  return (
    <VerdictFrame
      verdict={verdict}
      actions={actions}
      lead={
        finished ? (
          <>
            {thresholdsNews ? (
              <dl class="verdict-states">
                <div>
                  <dt>Thresholds</dt>
                  <dd data-field="thresholds-state">{thresholdsState(run, thresholds)}</dd>
                </div>
                {baseline ? (
                  <div>
                    <dt>Baseline</dt>
                    <dd data-field="baseline-state">{baseline}</dd>
                  </div>
                ) : null}
              </dl>
            ) : null}
            {reasons}
          </>
        ) : undefined
      }
      facts={
        <>
          <dt>Run</dt>
          <dd class="mono">{run.id}</dd>
          <dt>Preset</dt>
          <dd>{run.preset}</dd>
          <dt>Started</dt>
          <dd title={formatUtcTime(run.startedAt)}>{formatLocalTime(run.startedAt)}</dd>
          <dt>Duration</dt>
          <dd data-field="duration">
            {run.durationMs === null ? 'running' : formatDuration(run.durationMs)}
            {plannedMs ? ` of ${formatDuration(plannedMs)} planned` : ''}
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
          {finished && run.exitCode !== null ? (
            <>
              <dt>Exit code</dt>
              <dd data-field="exit-code">{run.exitCode}</dd>
            </>
          ) : null}
        </>
      }
    >
      {children}
    </VerdictFrame>
  );
}
