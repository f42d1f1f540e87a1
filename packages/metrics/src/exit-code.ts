/**
 * k6's exit codes, kept so CI scripts written for k6 read FPT's the same way, plus FPT's own
 * `regression` for the baseline gate, outside the 97–110 block k6 uses so that no k6 code is reused.
 * When several apply, the most serious wins: 104, then 105 (or 107, 108), then 99, then 90 (docs/gate.md).
 */
export const ExitCode = {
  ok: 0,
  internalError: 1,
  /** FPT: the run regressed against its baseline beyond the tolerances (fpt gate, fpt run --baseline). */
  regression: 90,
  thresholdsFailed: 99,
  invalidConfig: 104,
  externalAbort: 105,
  /** A script's init code threw in a VU, so the run stopped (k6's ScriptException). */
  scriptException: 107,
  /** A script called exec.test.abort() (k6's ScriptAborted). */
  scriptAborted: 108,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
