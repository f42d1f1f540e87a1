/** A backup or restore that cannot be done as asked: what is wrong, and what to do. */
export class AgentBackupError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'AgentBackupError';
    this.hint = hint;
  }
}
