import type { RunRow } from '@fpt/api-types';
import { useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { runCompleted, runVerdict } from '../lib/run-verdict.js';

/**
 * Why a run cannot become its preset's baseline, or undefined when it can: the agent refuses a run that
 * did not complete or made no HTTP request (422), so the UI does not offer it.
 */
export function baselineRefusal(run: RunRow): string | undefined {
  if (run.status === 'running') return 'the run is still going';
  if (!runCompleted(run)) return `a ${run.status} run is partial, so it cannot be a baseline`;
  if (!run.requests) return 'the run made no HTTP request, so it has nothing to compare with';
  return undefined;
}

/** The action that makes this run the baseline later runs of its preset are gated against. */
export function BaselineAction({ run }: { readonly run: RunRow }) {
  const [state, setState] = useState<
    { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }
  >({
    kind: 'idle',
  });
  if (run.status === 'running') return null;
  const refusal = baselineRefusal(run);
  if (refusal)
    return (
      <span class="muted small" data-field="baseline-unavailable">
        Not offered as a baseline: {refusal}.
      </span>
    );
  const save = () => {
    setState({ kind: 'saving' });
    agentApi.setBaseline(run.id).then(
      () => setState({ kind: 'saved' }),
      (error: Error) => setState({ kind: 'error', message: error.message }),
    );
  };
  return (
    <span class="baseline-action">
      <button
        type="button"
        class="button secondary"
        data-action="set-baseline"
        disabled={state.kind === 'saving' || state.kind === 'saved'}
        onClick={save}
      >
        {state.kind === 'saved' ? `Baseline of ${run.preset}` : 'Set as baseline'}
      </button>
      {state.kind === 'error' ? (
        <span class="error small" role="alert">
          {state.message}
        </span>
      ) : null}
    </span>
  );
}

/**
 * The verdict against the baseline as icon + words + colour, beside a status badge that does not say it
 * already: nothing when the preset had no baseline, when the run is partial (a stopped run is not "within
 * baseline"), or when the badge reads REGRESSION.
 */
export function BaselineVerdictBadge({ run }: { readonly run: RunRow }) {
  if (!run.verdict || !runCompleted(run)) return null;
  const regression = run.verdict === 'regression';
  if (regression && runVerdict(run).badge === 'REGRESSION') return null;
  return (
    <span class={`badge ${regression ? 'tone-bad' : 'tone-good'}`} data-baseline-verdict={run.verdict}>
      {regression ? '▼ regression vs baseline' : '✓ within baseline'}
    </span>
  );
}
