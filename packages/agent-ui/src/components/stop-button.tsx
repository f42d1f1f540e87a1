import { useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { ErrorBox } from './states.js';

/** Stop asks first: a stopped run keeps its partial results, but cannot be resumed. */
export function StopButton({ runId }: { readonly runId: string }) {
  const [phase, setPhase] = useState<'idle' | 'confirming' | 'stopping' | 'requested'>('idle');
  const [error, setError] = useState<Error | undefined>(undefined);
  const stop = async () => {
    setPhase('stopping');
    setError(undefined);
    try {
      await agentApi.stopRun(runId);
      setPhase('requested');
    } catch (failure) {
      setError(failure as Error);
      setPhase('idle');
    }
  };
  return (
    <div class="stop">
      {phase === 'idle' ? (
        <button type="button" class="danger" onClick={() => setPhase('confirming')}>
          ■ Stop run
        </button>
      ) : null}
      {phase === 'confirming' ? (
        <div class="confirm" role="alertdialog" aria-label="Confirm stop">
          <span>Stop this run? The results so far are kept as a partial run.</span>
          <button type="button" class="danger" onClick={stop}>
            Yes, stop it
          </button>
          <button type="button" class="secondary" onClick={() => setPhase('idle')}>
            Keep running
          </button>
        </div>
      ) : null}
      {phase === 'stopping' ? <span class="muted">Stopping…</span> : null}
      {phase === 'requested' ? (
        <span class="muted">Stop requested: the run is writing its summary…</span>
      ) : null}
      {error ? <ErrorBox error={error} title="The run could not be stopped" /> : null}
    </div>
  );
}
