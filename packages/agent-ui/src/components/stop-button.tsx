import { useState } from 'preact/hooks';
import { ErrorBox } from './states.js';

export interface StopButtonProps {
  readonly stop: () => Promise<unknown>;
  /** "run" or "fleet run": the button says "Stop <what>". */
  readonly what: string;
  /** The question before stopping: what is kept. */
  readonly question: string;
  /** What happens after the stop was accepted, while the page waits for the end. */
  readonly afterwards: string;
}

/** Stop asks first: a stopped run keeps its partial results, but cannot be resumed. */
export function StopButton({ stop: requestStop, what, question, afterwards }: StopButtonProps) {
  const [phase, setPhase] = useState<'idle' | 'confirming' | 'stopping' | 'requested'>('idle');
  const [error, setError] = useState<Error | undefined>(undefined);
  const stop = async () => {
    setPhase('stopping');
    setError(undefined);
    try {
      await requestStop();
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
          ■ Stop {what}
        </button>
      ) : null}
      {phase === 'confirming' ? (
        <div class="confirm" role="alertdialog" aria-label="Confirm stop">
          <span>{question}</span>
          <button type="button" class="danger" onClick={stop}>
            Yes, stop it
          </button>
          <button type="button" class="secondary" onClick={() => setPhase('idle')}>
            Keep running
          </button>
        </div>
      ) : null}
      {phase === 'stopping' ? <span class="muted">Stopping…</span> : null}
      {phase === 'requested' ? <span class="muted">{afterwards}</span> : null}
      {error ? <ErrorBox error={error} title={`The ${what} could not be stopped`} /> : null}
    </div>
  );
}
