import { useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import type { RunRow } from '../api/agent-types.js';

/**
 * The run's verdict against its preset's baseline (when it had one), and the action that makes this run
 * the baseline later runs are gated against.
 */
export function BaselineAction({ run }: { readonly run: RunRow }) {
  const [state, setState] = useState<
    { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }
  >({
    kind: 'idle',
  });
  if (run.status === 'running') return null;
  const save = () => {
    setState({ kind: 'saving' });
    agentApi.setBaseline(run.id).then(
      () => setState({ kind: 'saved' }),
      (error: Error) => setState({ kind: 'error', message: error.message }),
    );
  };
  return (
    <span class="baseline-action">
      {run.verdict ? <BaselineVerdictBadge run={run} /> : null}
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

/** The verdict against the baseline as icon + words + colour; nothing when the preset had no baseline. */
export function BaselineVerdictBadge({ run }: { readonly run: RunRow }) {
  if (!run.verdict) return null;
  const regression = run.verdict === 'regression';
  return (
    <span class={`badge ${regression ? 'tone-bad' : 'tone-good'}`} data-baseline-verdict={run.verdict}>
      {regression ? '▼ regression vs baseline' : '✓ within baseline'}
    </span>
  );
}
