import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/api-error.js';
import { describeRefusal, type RefusalSubject } from '../lib/describe-refusal.js';
import { routeHash } from '../lib/hash-route.js';

export function Loading({ what }: { readonly what: string }) {
  return (
    <div class="state loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ children }: { readonly children: ComponentChildren }) {
  return <div class="state empty">{children}</div>;
}

/** A failed call in words (the agent's error, problems and hint), with a Retry when retrying can help. */
export function ErrorBox({
  error,
  retry,
  title,
  subject,
}: {
  readonly error: Error;
  readonly retry?: () => void;
  readonly title?: string;
  /** What the failed call asked for, so a refusal is titled in its terms (default: a run). */
  readonly subject?: RefusalSubject;
}) {
  const refusal = error instanceof ApiError ? describeRefusal(error.status, error.body, subject) : undefined;
  return (
    <div class="state error" role="alert">
      <strong>
        ✗ {title ?? refusal?.title ?? 'Something went wrong'}
        {title && error instanceof ApiError && error.status === 0 ? ': the agent cannot be reached' : ''}
      </strong>
      <ul>
        {(refusal
          ? [...refusal.lines, ...(error instanceof ApiError && error.status === 0 ? [error.message] : [])]
          : [error.message]
        ).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {refusal?.runId ? (
        <a href={routeHash({ page: 'live', id: refusal.runId })}>Open the run in progress</a>
      ) : null}
      {refusal?.fleetRunId ? (
        <a href={routeHash({ page: 'fleet-run', id: refusal.fleetRunId })}>Open the fleet run in progress</a>
      ) : null}
      {retry ? (
        <button type="button" onClick={retry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
