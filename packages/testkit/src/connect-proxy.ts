import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo, BlockList, connect, isIP } from 'node:net';
import type { Duplex } from 'node:stream';

export type ConnectProxyOptions = {
  /** When set, every request must carry `Proxy-Authorization: Basic base64(username:password)`, or gets 407. */
  readonly auth?: { readonly username: string; readonly password: string };
  /**
   * Name → IP address, the proxy's only resolver (e.g. { 'api.test': '127.0.0.1' }). Besides these, the
   * proxy takes IP literals and `localhost` (127.0.0.1); it never asks DNS.
   */
  readonly hosts?: Readonly<Record<string, string>>;
};

export type ProxyLogEntry = {
  /** `forward`: an absolute-form request the proxy sent on; `connect`: a CONNECT tunnel. */
  readonly kind: 'forward' | 'connect';
  readonly method: string;
  /** The absolute URL (forward) or `host:port` (connect), as the client sent it. */
  readonly target: string;
  /** Request headers as received, lower-case names, proxy-authorization included. */
  readonly headers: Readonly<Record<string, string>>;
  /** What the proxy answered: the origin's status, 200 for an open tunnel, or the proxy's own 4xx/5xx. */
  readonly status: number;
};

export type ConnectProxy = {
  /** e.g. http://127.0.0.1:41234, the form HTTP clients take as their proxy setting. */
  readonly url: string;
  readonly port: number;
  /** One entry per request, in the order the proxy answered them. */
  readonly log: ProxyLogEntry[];
  /** Stops listening and destroys every client connection, tunnel and origin connection. Idempotent. */
  close(): Promise<void>;
};

const realm = 'fpt-test';
// RFC 9110 7.6.1: connection-specific headers are for one hop only and must not be forwarded.
const hopByHopHeaders = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

type Resolved = { ok: true; address: string } | { ok: false; message: string };

/**
 * A real HTTP forward proxy on 127.0.0.1 for tests of proxy support: absolute-form requests and CONNECT
 * tunnels, optional Basic auth, and a log of what clients sent. It only ever connects to loopback
 * addresses, so a test that gets its target wrong cannot reach the network through it.
 */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const hosts = new Map<string, string>();
  for (const [name, address] of Object.entries(options.hosts ?? {})) {
    if (isIP(address) === 0)
      throw new TypeError(
        `proxy hosts entry "${name}" maps to "${address}", which is not an IP address: give an address such as 127.0.0.1`,
      );
    hosts.set(name.toLowerCase(), address);
  }
  const expectedAuthorization =
    options.auth === undefined
      ? undefined
      : `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  // A private agent, so close() can end the origin connections it keeps alive.
  const agent = new Agent({ keepAlive: true });

  const resolve = (host: string): Resolved => {
    const name = host.toLowerCase();
    const address = hosts.get(name) ?? (isIP(name) !== 0 ? name : name === 'localhost' ? '127.0.0.1' : '');
    if (address === '')
      return {
        ok: false,
        message: `the test proxy does not resolve "${host}": add it to startConnectProxy's hosts option`,
      };
    if (!loopback.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4'))
      return {
        ok: false,
        message: `the test proxy refuses "${host}" (${address}): it only connects to loopback addresses`,
      };
    return { ok: true, address };
  };
  const authorized = (headers: IncomingHttpHeaders) =>
    expectedAuthorization === undefined || headers['proxy-authorization'] === expectedAuthorization;

  const server = createServer((req, res) => {
    const entry = (status: number) =>
      log.push({
        kind: 'forward',
        method: req.method ?? 'GET',
        target: req.url ?? '',
        headers: flatHeaders(req.headers),
        status,
      });
    const refuse = (status: number, message: string, headers: OutgoingHttpHeaders = {}) => {
      entry(status);
      res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end(`${message}\n`);
    };
    if (!authorized(req.headers)) {
      refuse(407, 'proxy authentication required: send Proxy-Authorization: Basic base64(user:password)', {
        'proxy-authenticate': `Basic realm="${realm}"`,
      });
      return;
    }
    const url = parseAbsoluteUrl(req.url ?? '');
    if (url === undefined) {
      refuse(
        400,
        'the test proxy takes absolute-form http:// requests (GET http://host:port/path) and CONNECT host:port',
      );
      return;
    }
    const target = resolve(stripBrackets(url.hostname));
    if (!target.ok) {
      refuse(403, target.message);
      return;
    }
    forward(req, res, url, target.address, agent, entry);
  });
  server.on('connection', track);
  server.on('connect', (req: IncomingMessage, clientSocket: Duplex, head: Buffer) => {
    const target = req.url ?? '';
    const entry = (status: number) =>
      log.push({ kind: 'connect', method: 'CONNECT', target, headers: flatHeaders(req.headers), status });
    const refuse = (status: number, reason: string, message: string, extraHeaders = '') => {
      entry(status);
      const body = `${message}\n`;
      clientSocket.end(
        `HTTP/1.1 ${status} ${reason}\r\n${extraHeaders}content-type: text/plain; charset=utf-8\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    };
    clientSocket.on('error', () => clientSocket.destroy());
    if (!authorized(req.headers)) {
      refuse(
        407,
        'Proxy Authentication Required',
        'proxy authentication required: send Proxy-Authorization: Basic base64(user:password)',
        `proxy-authenticate: Basic realm="${realm}"\r\n`,
      );
      return;
    }
    const authority = parseAuthority(target);
    if (authority === undefined) {
      refuse(400, 'Bad Request', `CONNECT target "${target}" is not host:port`);
      return;
    }
    const resolved = resolve(authority.host);
    if (!resolved.ok) {
      refuse(403, 'Forbidden', resolved.message);
      return;
    }
    const upstream = connect({ host: resolved.address, port: authority.port });
    track(upstream);
    let established = false;
    upstream.on('error', (error) => {
      if (!established) {
        refuse(502, 'Bad Gateway', `the test proxy could not connect to ${target}: ${error.message}`);
      } else {
        clientSocket.destroy();
      }
    });
    upstream.once('connect', () => {
      established = true;
      entry(200);
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
      clientSocket.once('close', () => upstream.destroy());
      upstream.once('close', () => clientSocket.destroy());
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    close() {
      closing ??= new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error === undefined ? resolveClose() : reject(error)));
        for (const socket of sockets) socket.destroy();
        agent.destroy();
      });
      return closing;
    },
  };
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  address: string,
  agent: Agent,
  entry: (status: number) => void,
): void {
  const upstream = httpRequest({
    host: address,
    port: url.port === '' ? 80 : Number(url.port),
    method: req.method,
    path: `${url.pathname}${url.search}`,
    headers: withoutHopByHop(req.headers),
    // The Host header the client sent names the origin; keep it rather than the resolved address.
    setHost: false,
    agent,
  });
  upstream.once('response', (upstreamRes) => {
    const status = upstreamRes.statusCode ?? 502;
    entry(status);
    res.writeHead(status, upstreamRes.statusMessage, withoutHopByHop(upstreamRes.headers));
    upstreamRes.pipe(res);
    upstreamRes.on('error', () => res.destroy());
  });
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    entry(502);
    res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end(`the test proxy could not reach ${url.host}: ${error.message}\n`);
  });
  res.once('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  // Headers the Connection header lists are hop-by-hop too (RFC 9110 7.6.1).
  const listed = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== ''),
  );
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || hopByHopHeaders.has(name) || listed.has(name)) continue;
    kept[name] = value;
  }
  return kept;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseAbsoluteUrl(target: string): URL | undefined {
  if (!/^http:\/\//i.test(target)) return undefined;
  try {
    return new URL(target);
  } catch {
    return undefined;
  }
}

function parseAuthority(target: string): { host: string; port: number } | undefined {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]/\s]+)):(\d{1,5})$/.exec(target);
  if (match === null) return undefined;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return undefined;
  return { host: match[1] ?? match[2] ?? '', port };
}

function stripBrackets(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
