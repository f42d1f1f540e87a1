/** How a call to a peer went wrong, as a stable code a caller can branch on. */
export const PeerCallErrorCode = {
  /** No connection: refused, reset, no route, name not found. */
  unreachable: 'unreachable',
  /** No complete answer within the call's time. */
  timeout: 'timeout',
  /** The peer answered with an error status; `status` and `body` say which. */
  http: 'http',
  /** The answer was not what the agent API sends (not JSON, too large). */
  badResponse: 'bad-response',
  /**
   * Cloudflare Access in front of the peer refused the call (no service token, or one it does not accept);
   * the agent never saw it. The message names the variables to set.
   */
  accessRefused: 'access-refused',
} as const;
export type PeerCallErrorCode = (typeof PeerCallErrorCode)[keyof typeof PeerCallErrorCode];

export class PeerCallError extends Error {
  readonly code: PeerCallErrorCode;
  /** The HTTP status, for `http`. */
  readonly status: number | undefined;
  /** The peer's JSON error body, for `http` (`error`, `hint`, and details such as `runId`). */
  readonly body: Readonly<Record<string, unknown>> | undefined;
  constructor(
    code: PeerCallErrorCode,
    message: string,
    options: { status?: number; body?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PeerCallError';
    this.code = code;
    this.status = options.status;
    this.body = options.body;
  }
}
