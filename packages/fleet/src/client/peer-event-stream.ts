import { EventStreamParser, type ServerSentEvent } from './event-stream-parser.js';
import { PeerCallError, PeerCallErrorCode } from './peer-call-error.js';
import {
  connectionFailure,
  describeCall,
  openPeerRequest,
  type PeerCredentials,
  type PeerRoute,
  peerHeaders,
} from './peer-connection.js';
import { readAnswer } from './peer-request.js';

export interface PeerEventStreamCall extends PeerCredentials {
  /** Path under the base URL, starting with "/". */
  readonly path: string;
  /** Until the answer's headers arrive. */
  readonly connectMs: number;
  /** The longest quiet between two chunks (an agent's stream sends a keep-alive comment every 15 s). */
  readonly idleMs: number;
  /** Aborting closes the stream; the promise then resolves. */
  readonly signal: AbortSignal;
  /** The peer answered with an event stream. */
  readonly onOpen: () => void;
  readonly onEvent: (event: ServerSentEvent) => void;
}

/** An error answer is small; an event larger than this is not one the agent API sends. */
const maxErrorBytes = 64 * 1024;
const maxEventChars = 4 * 1024 * 1024;

/**
 * Follows a server-sent event stream of a peer, over its route with its headers, until it closes: resolves
 * when the peer ends it (or when aborted); rejects with a PeerCallError when the peer (or the edge in
 * front of it) refuses it, stays silent too long, or the connection breaks.
 */
export function peerEventStream(route: PeerRoute, call: PeerEventStreamCall): Promise<void> {
  const url = new URL(`${route.baseUrl}${call.path}`);
  const where = describeCall(route, 'GET', url, call.path);
  return new Promise<void>((resolve, reject) => {
    if (call.signal.aborted) {
      resolve();
      return;
    }
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (error?: PeerCallError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal.removeEventListener('abort', onAbort);
      request.destroy();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish();
    const expireAfter = (ms: number, what: string) => {
      clearTimeout(timer);
      timer = setTimeout(
        () => finish(new PeerCallError(PeerCallErrorCode.timeout, `${where}: ${what} within ${ms} ms`)),
        ms,
      );
    };
    const request = openPeerRequest(
      route,
      url,
      'GET',
      { accept: 'text/event-stream', ...peerHeaders(route, call) },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status !== 200 || !String(response.headers['content-type']).startsWith('text/event-stream')) {
          readAnswer(response, { access: call.access, maxBytes: maxErrorBytes }, where, (error) =>
            finish(
              error ??
                new PeerCallError(
                  PeerCallErrorCode.badResponse,
                  `${where}: answered ${status}, not an event stream`,
                  {
                    status,
                  },
                ),
            ),
          );
          return;
        }
        call.onOpen();
        const parser = new EventStreamParser();
        response.setEncoding('utf8');
        expireAfter(call.idleMs, 'no event or keep-alive');
        response.on('data', (chunk: string) => {
          expireAfter(call.idleMs, 'no event or keep-alive');
          for (const event of parser.push(chunk)) if (!settled) call.onEvent(event);
          if (parser.pending > maxEventChars) {
            finish(
              new PeerCallError(
                PeerCallErrorCode.badResponse,
                `${where}: an event exceeds ${maxEventChars} characters`,
              ),
            );
          }
        });
        // 'close' without a complete answer: the peer died or the network dropped the connection.
        response.on('close', () =>
          finish(
            response.complete
              ? undefined
              : new PeerCallError(PeerCallErrorCode.unreachable, `${where}: the stream broke off`),
          ),
        );
      },
    );
    expireAfter(call.connectMs, 'no answer');
    request.on('error', (error: NodeJS.ErrnoException) => finish(connectionFailure(where, error)));
    call.signal.addEventListener('abort', onAbort, { once: true });
    request.end();
  });
}
