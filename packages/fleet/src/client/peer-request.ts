import type { IncomingMessage } from 'node:http';
import { accessRefusal, accessRefusedMessage } from './access-refusal.js';
import { PeerCallError, PeerCallErrorCode } from './peer-call-error.js';
import {
  connectionFailure,
  describeCall,
  openPeerRequest,
  type PeerCredentials,
  type PeerRoute,
  peerHeaders,
} from './peer-connection.js';

export type { PeerRoute } from './peer-connection.js';

/** The token and the Access service token (a refusal by Access names its variables) go with the call. */
export interface PeerRequest extends PeerCredentials {
  readonly method: 'GET' | 'POST';
  /** Path under the base URL, starting with "/". */
  readonly path: string;
  readonly body?: unknown;
  /** For the whole call: connecting, sending and reading the answer. */
  readonly timeoutMs: number;
  /** Answers larger than this are refused rather than held in memory. */
  readonly maxBytes: number;
}

export interface PeerAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * One JSON call to a peer over its route (openPeerRequest). A 2xx answer resolves; anything else rejects
 * with a PeerCallError whose code says what happened.
 */
export function peerRequest(route: PeerRoute, call: PeerRequest): Promise<PeerAnswer> {
  const url = new URL(`${route.baseUrl}${call.path}`);
  const payload = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body));
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...peerHeaders(route, call),
    ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
  };
  const where = describeCall(route, call.method, url, call.path);
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
    const request = openPeerRequest(route, url, call.method, headers, (response) =>
      readAnswer(response, call, where, finish),
    );
    const timer = setTimeout(
      () =>
        finish(
          new PeerCallError(PeerCallErrorCode.timeout, `${where}: no answer within ${call.timeoutMs} ms`),
        ),
      call.timeoutMs,
    );
    request.on('error', (error: NodeJS.ErrnoException) => finish(connectionFailure(where, error)));
    request.end(payload);
  });
}

/** Reads a JSON answer: the agent's, or a refusal by the edge in front of it (Cloudflare Access). */
export function readAnswer(
  response: IncomingMessage,
  call: Pick<PeerRequest, 'access' | 'maxBytes'>,
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
