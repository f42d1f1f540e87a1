/** An engine failure that is the preset's or the caller's to fix, with a hint; exit code 104. */
export class EngineError extends Error {
  readonly code = 'ERR_ENGINE_CONFIG';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
