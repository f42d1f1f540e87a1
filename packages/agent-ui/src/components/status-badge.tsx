import type { RunRow } from '@fpt/api-types';
import { runVerdict } from '../lib/run-verdict.js';

/** A run's status as icon + word + colour, never colour alone. */
export function StatusBadge({ run }: { readonly run: RunRow }) {
  const verdict = runVerdict(run);
  return (
    <span class={`badge tone-${verdict.tone}`} data-status={run.status} title={verdict.detail}>
      <span aria-hidden="true">{verdict.icon}</span> {verdict.badge}
    </span>
  );
}
