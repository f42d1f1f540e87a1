/**
 * k6's error codes (https://grafana.com/docs/k6/latest/javascript-api/error-codes/), so that the
 * `error_code` tag means the same thing in FPT and k6 dashboards. HTTP statuses >= 400 map to 1000 + status,
 * as k6 does. Codes marked "FPT's own" are in k6's general range but not defined by k6.
 */
export const ErrorCode = {
  generic: 1000,
  invalidUrl: 1020,
  /** FPT's own: a redirect's Location cannot be followed (not http or https, or malformed); nothing was sent. */
  invalidRedirect: 1021,
  /** FPT's own: the target allowlist refused the host (a redirect elsewhere); nothing was sent. */
  targetNotAllowed: 1030,
  /** FPT's own: the response body is larger than target.maxResponseBodySize (after decoding). */
  responseTooLarge: 1040,
  requestTimeout: 1050,
  dnsGeneric: 1100,
  dnsNoIp: 1101,
  tcpGeneric: 1200,
  brokenPipe: 1201,
  tcpUnknown: 1202,
  dialGeneric: 1210,
  dialTimeout: 1211,
  connectionRefused: 1212,
  dialUnknown: 1213,
  connectionReset: 1220,
  tlsGeneric: 1300,
  tlsUnknownAuthority: 1310,
  tlsHostnameMismatch: 1311,
  http2Generic: 1600,
  http2GoAway: 1610,
  http2Stream: 1630,
  http2Connection: 1650,
  decompression: 1701,
} as const;

export function errorCodeForStatus(status: number): number | undefined {
  return status >= 400 ? 1000 + status : undefined;
}

/** An HTTP/2 GOAWAY, RST_STREAM or session error code (RFC 9113 §7) as k6 numbers it. */
export function http2ErrorCode(kind: 'goaway' | 'stream' | 'connection', h2Code: number | undefined): number {
  const base =
    kind === 'goaway'
      ? ErrorCode.http2GoAway
      : kind === 'stream'
        ? ErrorCode.http2Stream
        : ErrorCode.http2Connection;
  // 1611-1629, 1631-1649, 1651-1669: the base + 1 + the HTTP/2 error code; unknown codes stay general.
  return h2Code !== undefined && h2Code >= 0 && h2Code <= 18 ? base + 1 + h2Code : base;
}

/** What a failed request is labelled with: k6's error code and a message that says what happened. */
export interface NetworkFailure {
  readonly code: number;
  readonly message: string;
}

/**
 * Classifies a network-level failure, looking through wrapper errors (`cause`) to the socket's own code,
 * and says in words what it means: the message is what the summary, report and UI show for the failure.
 */
export function classifyNetworkError(error: unknown): NetworkFailure {
  const codes = collectCodes(error);
  const raw = rawMessage(error);
  const has = (code: string) => codes.has(code);
  if (error instanceof CodedRequestError) return { code: error.errorCode, message: error.message };
  if (has('FPT_REQUEST_TIMEOUT')) return { code: ErrorCode.requestTimeout, message: raw };
  if (has('FPT_TARGET_NOT_ALLOWED')) return { code: ErrorCode.targetNotAllowed, message: raw };
  if (has('ECONNREFUSED'))
    return { code: ErrorCode.connectionRefused, message: `connection refused (${addressOf(error)})` };
  if (has('ECONNRESET')) return { code: ErrorCode.connectionReset, message: 'connection reset by peer' };
  if (has('EPIPE'))
    return {
      code: ErrorCode.brokenPipe,
      message: 'broken pipe: the server closed the connection as we wrote',
    };
  if (has('ETIMEDOUT'))
    return { code: ErrorCode.dialTimeout, message: `connect timed out (${addressOf(error)})` };
  if (has('ENOTFOUND'))
    return { code: ErrorCode.dnsNoIp, message: `no address found for ${hostOf(error) ?? 'the host'}` };
  if (has('EAI_AGAIN'))
    return {
      code: ErrorCode.dnsGeneric,
      message: `DNS lookup of ${hostOf(error) ?? 'the host'} failed for now (EAI_AGAIN)`,
    };
  if (has('EMFILE') || has('ENFILE'))
    return {
      code: ErrorCode.dialUnknown,
      message:
        'too many open files (EMFILE): the process open-file limit is lower than the connections this run opens; raise it (ulimit -n) or run fewer VUs',
    };
  if (has('EADDRNOTAVAIL'))
    return {
      code: ErrorCode.dialUnknown,
      message:
        'no local port left (EADDRNOTAVAIL): every ephemeral port towards this address is in use; run fewer VUs, widen net.ipv4.ip_local_port_range, or add source addresses with target.localAddresses',
    };
  if (has('ENOBUFS'))
    return {
      code: ErrorCode.tcpUnknown,
      message: 'the kernel ran out of socket buffers (ENOBUFS): this machine holds too many connections',
    };
  if (has('EHOSTUNREACH') || has('ENETUNREACH'))
    return { code: ErrorCode.dialGeneric, message: `no route to ${addressOf(error)}` };
  const tls = classifyTlsError(codes, raw);
  if (tls) return tls;
  if (has('ERR_INVALID_URL') || has('FPT_INVALID_REQUEST'))
    return { code: ErrorCode.invalidUrl, message: raw };
  // The server closed the connection mid-response (or without one): k6 counts it among TCP errors.
  if (has('FPT_CONNECTION_CLOSED')) return { code: ErrorCode.tcpGeneric, message: raw };
  return { code: ErrorCode.generic, message: raw };
}

/** The error code alone (see classifyNetworkError). */
export function errorCodeFor(error: unknown): number {
  return classifyNetworkError(error).code;
}

const unknownAuthorityCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

/**
 * TLS failures, named after what went wrong: certificate checks of ours (OpenSSL verify codes), alerts the
 * server sent (ERR_SSL_…_ALERT_…), and handshakes that found nothing in common.
 */
function classifyTlsError(codes: ReadonlySet<string>, raw: string): NetworkFailure | undefined {
  const code = [...codes].find((c) => unknownAuthorityCodes.has(c));
  if (code !== undefined) {
    const selfSigned = code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN';
    return {
      code: ErrorCode.tlsUnknownAuthority,
      message: `TLS: ${selfSigned ? 'self-signed certificate' : 'certificate signed by an unknown authority'} (${code}); trust its CA with target.tls.ca, or set target.insecureSkipTLSVerify for a test environment`,
    };
  }
  if (codes.has('ERR_TLS_CERT_ALTNAME_INVALID'))
    return {
      code: ErrorCode.tlsHostnameMismatch,
      message: `TLS: certificate does not match the host name: ${raw}`,
    };
  if (codes.has('CERT_HAS_EXPIRED'))
    return {
      code: ErrorCode.tlsGeneric,
      message: 'TLS: the server certificate has expired (CERT_HAS_EXPIRED)',
    };
  if (codes.has('CERT_NOT_YET_VALID'))
    return {
      code: ErrorCode.tlsGeneric,
      message: 'TLS: the server certificate is not valid yet (CERT_NOT_YET_VALID)',
    };
  const alert = [...codes].find((c) => c.startsWith('ERR_SSL_') && c.includes('_ALERT_'));
  if (alert !== undefined) return { code: ErrorCode.tlsGeneric, message: describeTlsAlert(alert) };
  if ([...codes].some((c) => c.startsWith('ERR_SSL') || c.startsWith('ERR_TLS') || c.startsWith('CERT_')))
    return { code: ErrorCode.tlsGeneric, message: `TLS: ${raw}` };
  return undefined;
}

/** An alert the server sent during the handshake, in words. */
function describeTlsAlert(code: string): string {
  if (code.endsWith('CERTIFICATE_REQUIRED'))
    return 'TLS: the server requires a client certificate (alert: certificate required); give one with target.tls.clientCertificates';
  if (code.endsWith('HANDSHAKE_FAILURE'))
    return 'TLS: the server refused the handshake (alert: handshake failure): it may require a client certificate, or share no cipher or version with FPT (see target.tls)';
  if (code.endsWith('UNKNOWN_CA') || code.endsWith('BAD_CERTIFICATE'))
    return `TLS: the server refused FPT's client certificate (alert: ${alertName(code)})`;
  if (code.endsWith('NO_APPLICATION_PROTOCOL'))
    return 'TLS: the server speaks none of the protocols offered (alert: no application protocol); with target.http: http2 it must offer HTTP/2 (h2)';
  if (code.endsWith('PROTOCOL_VERSION'))
    return 'TLS: no TLS version in common with the server (alert: protocol version); check target.tls.minVersion and maxVersion';
  return `TLS: the server sent the alert "${alertName(code)}"`;
}

function alertName(code: string): string {
  return code
    .slice(code.indexOf('_ALERT_') + 7)
    .toLowerCase()
    .replace(/_/g, ' ');
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

/** The error's message, with its cause's when that adds something. */
function rawMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message !== error.message
    ? `${error.message}: ${cause.message}`
    : error.message;
}

function addressOf(error: unknown): string {
  const { address, port } = (error ?? {}) as { address?: unknown; port?: unknown };
  if (typeof address !== 'string') return 'the target';
  return typeof port === 'number' ? `${address.includes(':') ? `[${address}]` : address}:${port}` : address;
}

function hostOf(error: unknown): string | undefined {
  const hostname = (error as { hostname?: unknown } | undefined)?.hostname;
  return typeof hostname === 'string' ? hostname : undefined;
}

/** A failure that knows its k6 error code already (an HTTP/2 stream reset, an undecodable body...). */
export class CodedRequestError extends Error {
  readonly errorCode: number;
  constructor(errorCode: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CodedRequestError';
    this.errorCode = errorCode;
  }
}

/** The request's own timeout (the preset's `timeout`), told apart from the OS's connect timeout. */
export class RequestTimeoutError extends Error {
  readonly code = 'FPT_REQUEST_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`request timed out after ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}
