import { GateInputError } from '@fpt/gate';
import type { AgentLocation } from './agent-location.js';

/** Where a run's summary comes from: a file, or a run an agent keeps (GET /api/runs/:id/summary.json). */
export type SummaryReference =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'agent-run'; readonly agent: AgentLocation; readonly id: string };

/** `<summary.json | run id>` as given on the command line → where to read it. Throws GateInputError. */
export function resolveSummaryReference(
  reference: string,
  fileExists: (path: string) => boolean,
  agent?: AgentLocation,
): SummaryReference {
  if (fileExists(reference)) return { kind: 'file', path: reference };
  const looksLikeRunId = !/[/\\]/.test(reference) && !/\.json$/i.test(reference);
  if (looksLikeRunId && agent) return { kind: 'agent-run', agent, id: reference };
  throw new GateInputError(
    looksLikeRunId
      ? `no summary file "${reference}", and no agent to ask for a run of that id`
      : `no summary file "${reference}"`,
    [],
    looksLikeRunId
      ? 'give the agent with --agent <url> (or $FPT_AGENT_URL, token in $FPT_AGENT_TOKEN), or pass a summary file'
      : 'pass the file written by `fpt run <preset> --summary-export <file>`',
  );
}
