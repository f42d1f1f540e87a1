/** k6's exit codes, kept so CI scripts written for k6 read FPT's the same way. */
export const ExitCode = {
  ok: 0,
  internalError: 1,
  thresholdsFailed: 99,
  invalidConfig: 104,
  externalAbort: 105,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
