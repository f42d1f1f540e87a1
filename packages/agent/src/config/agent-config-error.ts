/** A setting the agent cannot start with: what is wrong, and how to fix it. */
export class AgentConfigError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'AgentConfigError';
    this.hint = hint;
  }
}
