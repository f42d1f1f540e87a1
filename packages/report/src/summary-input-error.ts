/** A summary file that cannot be turned into a report: not JSON, not FPT's, or missing what the report needs. */
export class SummaryInputError extends Error {
  readonly code = 'FPT_SUMMARY_INPUT';
  /** Each problem with where it is, e.g. "fpt.thresholds[2].ok: expected true or false". */
  readonly problems: readonly string[];
  /** What to do about it. */
  readonly hint: string;

  constructor(message: string, problems: readonly string[], hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SummaryInputError';
    this.problems = problems;
    this.hint = hint;
  }
}
