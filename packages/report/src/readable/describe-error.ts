// k6's network error codes (grafana.com/docs/k6/latest/javascript-api/error-codes/) in words; the
// engine sets them as the error_code tag. Codes 1400..1599 are 1000 + an HTTP status.
const CODES: Readonly<Record<string, string>> = {
  '1000': 'unknown error',
  '1020': 'invalid URL',
  '1050': 'request timeout',
  '1100': 'DNS lookup failed',
  '1101': 'DNS: no IP for the host',
  '1200': 'TCP error',
  '1201': 'broken pipe',
  '1210': 'could not connect',
  '1211': 'connect timeout',
  '1212': 'connection refused',
  '1220': 'connection reset',
  '1300': 'TLS error',
  '1310': 'TLS: unknown certificate authority',
  '1311': 'TLS: certificate does not match the host',
};

/** What a failed request ran into: "HTTP 503", "connection refused (1212)", "unexpected HTTP 200". */
export function describeError(status: string, errorCode: string): string {
  const code = Number(status);
  if (code >= 400) return `HTTP ${status}`;
  if (code === 0 || status === '') {
    const words = CODES[errorCode];
    if (words) return `${words} (${errorCode})`;
    return errorCode ? `error ${errorCode}` : 'no response';
  }
  // A 2xx or 3xx counted as failed: the preset's expectedStatuses did not include it.
  return `unexpected HTTP ${status}`;
}
