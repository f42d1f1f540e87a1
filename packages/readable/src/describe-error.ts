// k6's network error codes (grafana.com/docs/k6/latest/javascript-api/error-codes/) in words; the
// engine sets them as the error_code tag. Codes 1400..1599 are 1000 + an HTTP status.
const CODES: Readonly<Record<string, string>> = {
  '1000': 'unknown error',
  '1020': 'invalid URL',
  '1021': 'redirect that cannot be followed',
  '1030': 'target not allowed',
  '1040': 'response body too large',
  '1050': 'request timeout',
  '1100': 'DNS lookup failed',
  '1101': 'DNS: no IP for the host',
  '1200': 'TCP error',
  '1201': 'broken pipe',
  '1202': 'TCP error of the system',
  '1210': 'could not connect',
  '1211': 'connect timeout',
  '1212': 'connection refused',
  '1213': 'could not connect (system limit)',
  '1220': 'connection reset',
  '1300': 'TLS error',
  '1310': 'TLS: unknown certificate authority',
  '1311': 'TLS: certificate does not match the host',
  '1600': 'HTTP/2 error',
  '1610': 'HTTP/2 GOAWAY',
  '1630': 'HTTP/2 stream reset',
  '1650': 'HTTP/2 connection error',
  '1701': 'response body could not be decoded',
};

/** k6's words for an error code, HTTP/2 codes by range. */
function codeWords(errorCode: string): string | undefined {
  const known = CODES[errorCode];
  if (known) return known;
  const code = Number(errorCode);
  if (code > 1610 && code < 1630) return 'HTTP/2 GOAWAY';
  if (code > 1630 && code < 1650) return 'HTTP/2 stream reset';
  if (code > 1650 && code < 1670) return 'HTTP/2 connection error';
  return undefined;
}

/** What a failed request ran into: "HTTP 503", "connection refused (1212)", "unexpected HTTP 200". */
export function describeError(status: string, errorCode: string): string {
  const code = Number(status);
  // A response whose body could not be read (1040, 1701) keeps its status.
  if (code > 0 && (errorCode === '1040' || errorCode === '1701'))
    return `HTTP ${status}, ${codeWords(errorCode)} (${errorCode})`;
  if (code >= 400) return `HTTP ${status}`;
  if (code === 0 || status === '') {
    const words = codeWords(errorCode);
    if (words) return `${words} (${errorCode})`;
    return errorCode ? `error ${errorCode}` : 'no response';
  }
  // A 2xx or 3xx counted as failed: the preset's expectedStatuses did not include it.
  return `unexpected HTTP ${status}`;
}
