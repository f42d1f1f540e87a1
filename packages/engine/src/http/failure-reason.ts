import { STATUS_CODES } from 'node:http';

/**
 * Why a request counts as failed, in words: the network, TLS or body failure the client saw, or the
 * status the server answered (with its standard reason phrase) when that status was not expected.
 */
export function failureReason(status: number, errorMessage: string | undefined): string {
  if (errorMessage !== undefined) return errorMessage;
  const phrase = STATUS_CODES[status];
  if (status >= 400) return `HTTP ${status}${phrase ? ` ${phrase}` : ''}`;
  return `HTTP ${status}${phrase ? ` ${phrase}` : ''}, not among the expected statuses`;
}
