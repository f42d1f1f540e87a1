/**
 * A summary, baseline or option the gate cannot use (exit 104): what is wrong, every problem found,
 * and how to fix it.
 */
export class GateInputError extends Error {
  readonly problems: readonly string[];
  readonly hint: string;
  constructor(message: string, problems: readonly string[], hint: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'GateInputError';
    this.problems = problems;
    this.hint = hint;
  }
}
