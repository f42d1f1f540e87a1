/**
 * k6's error codes (https://grafana.com/docs/k6/latest/javascript-api/error-codes/), so that the
 * `error_code` tag means the same thing in FPT and k6 dashboards. HTTP statuses >= 400 map to 1000 + status,
 * as k6 does.
 */
export const ErrorCode = {
  generic: 1000,
  invalidUrl: 1020,
  /** FPT's own: the target allowlist refused the host (a redirect elsewhere); nothing was sent. */
  targetNotAllowed: 1030,
  requestTimeout: 1050,
  dnsGeneric: 1100,
  dnsNoIp: 1101,
  tcpGeneric: 1200,
  brokenPipe: 1201,
  dialGeneric: 1210,
  dialTimeout: 1211,
  connectionRefused: 1212,
  connectionReset: 1220,
  tlsGeneric: 1300,
  tlsUnknownAuthority: 1310,
  tlsHostnameMismatch: 1311,
} as const;

export function errorCodeForStatus(status: number): number | undefined {
  return status >= 400 ? 1000 + status : undefined;
}

/** Classifies a network-level failure, looking through wrapper errors (`cause`) to the socket's own code. */
export function errorCodeFor(error: unknown): number {
  const codes = collectCodes(error);
  if (codes.has('FPT_REQUEST_TIMEOUT')) return ErrorCode.requestTimeout;
  if (codes.has('ECONNREFUSED')) return ErrorCode.connectionRefused;
  if (codes.has('ECONNRESET')) return ErrorCode.connectionReset;
  if (codes.has('EPIPE')) return ErrorCode.brokenPipe;
  if (codes.has('ETIMEDOUT')) return ErrorCode.dialTimeout;
  if (codes.has('ENOTFOUND')) return ErrorCode.dnsNoIp;
  if (codes.has('EAI_AGAIN')) return ErrorCode.dnsGeneric;
  if (codes.has('ERR_TLS_CERT_ALTNAME_INVALID')) return ErrorCode.tlsHostnameMismatch;
  if ([...codes].some((c) => /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(c)))
    return ErrorCode.tlsUnknownAuthority;
  if ([...codes].some((c) => c.startsWith('ERR_SSL') || c.startsWith('ERR_TLS'))) return ErrorCode.tlsGeneric;
  if (codes.has('ERR_INVALID_URL') || codes.has('FPT_INVALID_REQUEST')) return ErrorCode.invalidUrl;
  if (codes.has('EHOSTUNREACH') || codes.has('ENETUNREACH')) return ErrorCode.dialGeneric;
  // The server closed the connection mid-response (or without one): k6 counts it among TCP errors.
  if (codes.has('FPT_CONNECTION_CLOSED')) return ErrorCode.tcpGeneric;
  return ErrorCode.generic;
}

function collectCodes(error: unknown): Set<string> {
  const codes = new Set<string>();
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.add(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** The request's own timeout (the preset's `timeout`), told apart from the OS's connect timeout. */
export class RequestTimeoutError extends Error {
  readonly code = 'FPT_REQUEST_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`request timed out after ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}
