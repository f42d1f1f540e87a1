import { isIP, connect as netConnect, type OnReadOpts, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { AddressRefusedError } from './address-picker.js';
import type { ConnectTarget } from './connect-target.js';
import { CodedRequestError, ErrorCode } from './error-codes.js';

/** What opening a connection reports, in order: TCP connected (to the target or proxy), then ready or failed. */
export interface SocketEvents {
  /** TCP is connected (through a proxy tunnel: the proxy answered CONNECT). */
  onTcpConnected(atMs: number): void;
  /** The socket can carry HTTP: TLS is done when the target is https. Listeners of the opening are gone. */
  onReady(socket: Socket, atMs: number): void;
  onFailed(error: Error): void;
}

export interface OpenSocketOptions {
  /** ALPN protocols offered in the TLS handshake, in order of preference. */
  readonly alpn: readonly string[];
  /** Read plain TCP into a shared buffer (the HTTP/1.1 fast path); unused for TLS and tunnels. */
  readonly onread?: OnReadOpts | undefined;
  /** Go through the proxy with CONNECT even for http:// (HTTP/2 cleartext needs a raw tunnel). */
  readonly tunnelPlain?: boolean;
}

/** An opening connection; destroy() abandons it without a report. */
export interface OpeningSocket {
  destroy(): void;
}

/** The server said no to a connection at its start (a proxy refusing CONNECT): not a network failure. */
export class ConnectionClosedBeforeReadyError extends Error {
  readonly code = 'FPT_CONNECTION_CLOSED';
  constructor() {
    super('the connection closed before it was ready');
    this.name = 'ConnectionClosedBeforeReadyError';
  }
}

const maxConnectResponseBytes = 16 * 1024;

/**
 * Opens one connection for HTTP: resolves the host with the run's address picker (each address checked by
 * the allowlist), binds the next source address, goes through the proxy when there is one (absolute-form
 * requests for http, a CONNECT tunnel for https), and does the TLS handshake with the run's context.
 */
export function openSocket(
  target: ConnectTarget,
  options: OpenSocketOptions,
  events: SocketEvents,
): OpeningSocket {
  const proxy = target.proxy;
  const localAddress = target.nextLocalAddress();
  if (proxy === undefined && isIP(target.host) !== 0) {
    const refusal = target.addresses.refusalForLiteral(target.host);
    if (refusal !== undefined) {
      process.nextTick(() => events.onFailed(new AddressRefusedError(refusal)));
      return { destroy() {} };
    }
  }
  const tunnel = proxy !== undefined && (target.tls || options.tunnelPlain === true);
  let settled = false;
  let current: Socket;
  const fail = (error: Error) => {
    if (settled) return;
    settled = true;
    current.destroy();
    events.onFailed(error);
  };
  const onClose = () => fail(new ConnectionClosedBeforeReadyError());
  const watch = (socket: Socket) => {
    current = socket;
    socket.on('error', fail);
    socket.on('close', onClose);
  };
  const ready = (socket: Socket) => {
    if (settled) return;
    settled = true;
    socket.off('error', fail);
    socket.off('close', onClose);
    events.onReady(socket, performance.now());
  };
  const startTls = (over: Socket | undefined) => {
    const socket = tlsConnect({
      ...(over
        ? { socket: over }
        : {
            host: target.host,
            port: target.port,
            lookup: target.addresses.lookup,
            ...(localAddress ? { localAddress } : {}),
          }),
      servername: target.servername,
      ...(target.secureContext ? { secureContext: target.secureContext } : {}),
      rejectUnauthorized: target.rejectUnauthorized,
      ALPNProtocols: [...options.alpn],
    });
    if (over) {
      over.off('error', fail);
      over.off('close', onClose);
    } else {
      socket.once('connect', () => events.onTcpConnected(performance.now()));
    }
    watch(socket);
    socket.once('secureConnect', () => ready(socket));
  };

  if (proxy === undefined) {
    if (target.tls) {
      startTls(undefined);
    } else {
      const socket = netConnect({
        host: target.host,
        port: target.port,
        lookup: target.addresses.lookup,
        ...(localAddress ? { localAddress } : {}),
        ...(options.onread ? { onread: options.onread } : {}),
      });
      watch(socket);
      socket.once('connect', () => {
        const atMs = performance.now();
        events.onTcpConnected(atMs);
        ready(socket);
      });
    }
  } else {
    const socket = netConnect({
      host: proxy.host,
      port: proxy.port,
      ...(localAddress ? { localAddress } : {}),
      ...(options.onread && !tunnel ? { onread: options.onread } : {}),
    });
    watch(socket);
    socket.once('connect', () => {
      if (!tunnel) {
        events.onTcpConnected(performance.now());
        ready(socket);
        return;
      }
      const authority = `${isIP(target.host) === 6 ? `[${target.host}]` : target.host}:${target.port}`;
      socket.write(
        `CONNECT ${authority} HTTP/1.1\r\nhost: ${authority}\r\n${proxy.authorization ? `proxy-authorization: ${proxy.authorization}\r\n` : ''}\r\n`,
      );
      readConnectAnswer(socket, proxy.display, authority, fail, () => {
        events.onTcpConnected(performance.now());
        if (target.tls) startTls(socket);
        else ready(socket);
      });
    });
  }
  return {
    // Abandoned by its connection (a timeout, a stop): nothing more is reported.
    destroy: () => {
      settled = true;
      current.destroy();
    },
  };
}

/** Reads the proxy's answer to CONNECT: a 2xx opens the tunnel; anything else fails as that status. */
function readConnectAnswer(
  socket: Socket,
  proxy: string,
  authority: string,
  fail: (error: Error) => void,
  opened: () => void,
): void {
  let received = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    const end = received.indexOf('\r\n\r\n');
    if (end < 0) {
      if (received.length > maxConnectResponseBytes) {
        socket.off('data', onData);
        fail(new CodedRequestError(ErrorCode.generic, `proxy ${proxy} sent an endless answer to CONNECT`));
      }
      return;
    }
    socket.off('data', onData);
    socket.pause();
    const statusLine = received.toString('latin1', 0, received.indexOf('\r\n'));
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
    if (status < 200 || status > 299) {
      fail(
        new CodedRequestError(
          status >= 400 ? 1000 + status : ErrorCode.generic,
          `proxy ${proxy} refused CONNECT ${authority}: ${statusLine.slice(9) || 'no HTTP answer'}`,
        ),
      );
      return;
    }
    // Whatever followed the answer belongs to the tunnel (a server speaking first over h2c).
    if (received.length > end + 4) socket.unshift(received.subarray(end + 4));
    opened();
  };
  socket.on('data', onData);
}
