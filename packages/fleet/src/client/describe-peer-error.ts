import { PeerCallError, PeerCallErrorCode } from './peer-call-error.js';

/** A peer failure in words for a status page or a missing region: what happened and, if known, what to do. */
export function describePeerError(error: unknown): string {
  if (!(error instanceof PeerCallError))
    return `unexpected failure: ${(error as Error)?.message ?? String(error)}`;
  switch (error.code) {
    case PeerCallErrorCode.unreachable:
      return `unreachable: ${error.message}`;
    case PeerCallErrorCode.timeout:
      return `timed out: ${error.message}`;
    case PeerCallErrorCode.http: {
      const hint = typeof error.body?.hint === 'string' ? `; ${error.body.hint}` : '';
      if (error.status === 401) {
        return `refused the peer token (401): set the variable the registry's tokenEnv names to a token the peer accepts${hint}`;
      }
      return `${error.message}${hint}`;
    }
    default:
      return error.message;
  }
}
