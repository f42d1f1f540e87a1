/** A refusal the API answers with: status, what is wrong, how to fix it, and any detail a client acts on. */
export class AgentHttpError extends Error {
  readonly status: number;
  readonly hint: string | undefined;
  readonly detail: Readonly<Record<string, unknown>>;
  constructor(
    status: number,
    message: string,
    hint?: string,
    detail: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'AgentHttpError';
    this.status = status;
    this.hint = hint;
    this.detail = detail;
  }
}
