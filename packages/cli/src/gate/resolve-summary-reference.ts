import { GateInputError } from '@fpt/gate';

/**
 * Where a run's summary comes from. Only files for now; an agent integration adds
 * `{ kind: 'agent-run', id }` here (GET /api/runs/:id/summary.json) without changing the commands.
 */
export type SummaryReference = { readonly kind: 'file'; readonly path: string };

/** `<summary.json | run id>` as given on the command line → where to read it. Throws GateInputError. */
export function resolveSummaryReference(
  reference: string,
  fileExists: (path: string) => boolean,
): SummaryReference {
  if (fileExists(reference)) return { kind: 'file', path: reference };
  const looksLikeRunId = !/[/\\]/.test(reference) && !/\.json$/i.test(reference);
  throw new GateInputError(
    looksLikeRunId
      ? `no summary file "${reference}", and runs are not read by id from an agent yet`
      : `no summary file "${reference}"`,
    [],
    looksLikeRunId
      ? `download the run's summary (GET /api/runs/${reference}/summary.json, docs/agent.md) and pass that file`
      : 'pass the file written by `fpt run <preset> --summary-export <file>`',
  );
}
