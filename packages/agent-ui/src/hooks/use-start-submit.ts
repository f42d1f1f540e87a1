import { useState } from 'preact/hooks';
import { type Route, routeHash } from '../lib/hash-route.js';

/** A start form's fields, checked: the request to send, or every problem with its fix. */
export type CheckedRequest<R> =
  | { readonly ok: true; readonly request: R }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface StartSubmit<R> {
  /** What the form found wrong before sending. */
  readonly problems: readonly string[];
  /** The agent's refusal or a failed call. */
  readonly error: Error | undefined;
  readonly starting: boolean;
  readonly submit: (checked: CheckedRequest<R>) => Promise<void>;
}

/**
 * Sends a start form once its fields are checked, then opens the page of what it started; a refusal
 * stays on the form, in the agent's words.
 */
export function useStartSubmit<R>(
  start: (request: R) => Promise<{ readonly id: string }>,
  pageOf: (id: string) => Route,
): StartSubmit<R> {
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [starting, setStarting] = useState(false);
  const submit = async (checked: CheckedRequest<R>) => {
    setError(undefined);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    setStarting(true);
    try {
      const started = await start(checked.request);
      location.hash = routeHash(pageOf(started.id));
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setStarting(false);
    }
  };
  return { problems, error, starting, submit };
}
