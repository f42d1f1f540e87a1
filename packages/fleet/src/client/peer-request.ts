import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PeerAccess } from '../peers/peer.js';
import { accessRefusal, accessRefusedMessage } from './access-refusal.js';
import { PeerCallError, PeerCallErrorCode } from './peer-call-error.js';

/** Where a call goes: a base URL, and the Host header to send when it is not the URL's own host. */
export interface PeerRoute {
  readonly baseUrl: string;
  readonly host: string | null;
}

export interface PeerRequest {
  readonly method: 'GET' | 'POST';
  /** Path under the base URL, starting with "/". */
  readonly path: string;
  readonly body?: unknown;
  readonly token: string | undefined;
  /**
   * The Cloudflare Access service token of this peer: its headers go with the call when both values are
   * set; a refusal by Access names its variables. Null or absent: no Access headers, ever.
   */
  readonly access?: PeerAccess | null;
  /** For the whole call: connecting, sending and reading the answer. */
  readonly timeoutMs: number;
  /** Answers larger than this are refused rather than held in memory. */
  readonly maxBytes: number;
}

export interface PeerAnswer {
  readonly status: number;
  readonly body: unknown;
}

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
]);

/**
 * One JSON call to a peer with node:http/node:https, which (unlike fetch) may set the Host header: on a
 * private route the call goes to an internal address while the reverse proxy in front of the peer still
 * sees the public host name it routes by (and TLS gets it as the server name). A 2xx answer resolves;
 * anything else rejects with a PeerCallError whose code says what happened.
 */
export function peerRequest(route: PeerRoute, call: PeerRequest): Promise<PeerAnswer> {
  const url = new URL(`${route.baseUrl}${call.path}`);
  const payload = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body));
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(route.host ? { host: route.host } : {}),
    ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
    ...(call.access?.clientId && call.access.clientSecret
      ? { 'cf-access-client-id': call.access.clientId, 'cf-access-client-secret': call.access.clientSecret }
      : {}),
    ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const where = `${call.method} ${url.origin}${call.path}${route.host ? ` (Host: ${route.host})` : ''}`;
  return new Promise<PeerAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (error: PeerCallError | undefined, answer?: PeerAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(answer!);
    };
    const request = send(
      url,
      {
        method: call.method,
        headers,
        // TLS must ask for the public name too, or the proxy's certificate would not match.
        ...(route.host && url.protocol === 'https:' ? { servername: route.host.replace(/:\d+$/, '') } : {}),
      },
      (response) => readAnswer(response, call, where, finish),
    );
    const timer = setTimeout(
      () =>
        finish(
          new PeerCallError(PeerCallErrorCode.timeout, `${where}: no answer within ${call.timeoutMs} ms`),
        ),
      call.timeoutMs,
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code && unreachableCodes.has(error.code) ? PeerCallErrorCode.unreachable : undefined;
      finish(
        new PeerCallError(code ?? PeerCallErrorCode.unreachable, `${where}: ${error.code ?? error.message}`, {
          cause: error,
        }),
      );
    });
    request.end(payload);
  });
}

function readAnswer(
  response: IncomingMessage,
  call: PeerRequest,
  where: string,
  finish: (error: PeerCallError | undefined, answer?: PeerAnswer) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > call.maxBytes) {
      finish(
        new PeerCallError(
          PeerCallErrorCode.badResponse,
          `${where}: the answer exceeds ${call.maxBytes} bytes`,
        ),
      );
      return;
    }
    chunks.push(chunk);
  });
  response.on('error', (error) =>
    finish(
      new PeerCallError(PeerCallErrorCode.unreachable, `${where}: the answer broke off`, { cause: error }),
    ),
  );
  response.on('end', () => {
    const status = response.statusCode ?? 0;
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    let answeredJson = true;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      answeredJson = false;
    }
    // Before the agent's own answer is read: the edge in front of it may have answered instead.
    const refusal = accessRefusal(status, response.headers, answeredJson && text !== '');
    if (refusal) {
      finish(
        new PeerCallError(
          PeerCallErrorCode.accessRefused,
          accessRefusedMessage(where, refusal, call.access ?? null),
          { status },
        ),
      );
      return;
    }
    if (!answeredJson) {
      finish(
        new PeerCallError(
          PeerCallErrorCode.badResponse,
          `${where}: answered ${status} with something other than JSON (is this an FPT agent?)`,
          { status },
        ),
      );
      return;
    }
    if (status >= 200 && status < 300) {
      finish(undefined, { status, body });
      return;
    }
    const error = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const said = typeof error.error === 'string' ? error.error : `HTTP ${status}`;
    finish(new PeerCallError(PeerCallErrorCode.http, `${said} (${status})`, { status, body: error }));
  });
}
