/** A threshold expression that does not follow the k6 grammar. k6 exits 104 (invalid config) on these. */
export class ThresholdSyntaxError extends Error {
  readonly code = 'ERR_THRESHOLD_SYNTAX';
  /** The expression as written. */
  readonly expression: string;
  /** How to write it correctly. */
  readonly hint: string;

  constructor(expression: string, problem: string, hint: string) {
    super(`invalid threshold ${JSON.stringify(expression)}: ${problem}`);
    this.name = 'ThresholdSyntaxError';
    this.expression = expression;
    this.hint = hint;
  }
}
