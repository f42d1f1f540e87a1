/** How one region's run ended, as far as the tool could tell. */
export type AgentRunOutcome =
  /** The run ended; `exitCode` is the agent's (0, 99, 105), null when the run errored. */
  | {
      readonly kind: 'finished';
      readonly region: string;
      readonly runId: string;
      readonly status: string;
      readonly exitCode: number | null;
      readonly reason: string | null;
    }
  /** The agent refused the run (invalid preset or overrides, target not allowed, over a cap). */
  | { readonly kind: 'refused'; readonly region: string; readonly message: string }
  /** The agent could not be reached, refused the token, or the run did not end in time. */
  | { readonly kind: 'failed'; readonly region: string; readonly message: string };

// From least to most serious: passed, regression, thresholds crossed, refused, stopped, could not run.
const SEVERITY = [0, 90, 99, 104, 105, 1];

/**
 * The tool's exit code over every region: the most serious one (order above; a code not listed, or a run
 * that errored without one, counts as 1). One region's failure is never hidden by another's pass.
 */
export function combinedExitCode(outcomes: readonly AgentRunOutcome[]): number {
  const codes = outcomes.map((o) => {
    if (o.kind === 'failed') return 1;
    if (o.kind === 'refused') return 104;
    return o.exitCode ?? 1;
  });
  const rank = (code: number) => {
    const at = SEVERITY.indexOf(code);
    return at === -1 ? SEVERITY.length : at;
  };
  return codes.reduce((worst, code) => (rank(code) > rank(worst) ? code : worst), 0);
}
