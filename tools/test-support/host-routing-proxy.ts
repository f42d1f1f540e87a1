import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostRoutingProxy {
  /** http://127.0.0.1:<port>: the private route to the hosts behind it. */
  readonly url: string;
  /** The Host header of every request that reached the proxy, in order. */
  readonly hosts: readonly string[];
  close(): Promise<void>;
}

/**
 * A reverse proxy on 127.0.0.1 that routes by the Host header, as the Kamal proxy or a tunnel in front of
 * an agent does: a request whose Host names a route is forwarded there (Host kept), anything else gets
 * 421 Misdirected Request. It records every Host it saw.
 */
export async function startHostRoutingProxy(
  routes: Readonly<Record<string, string>>,
): Promise<HostRoutingProxy> {
  const hosts: string[] = [];
  const server = createServer((incoming, outgoing) => {
    const host = incoming.headers.host ?? '';
    hosts.push(host);
    const upstream = routes[host];
    if (!upstream) {
      outgoing.writeHead(421, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ error: `no route for Host ${host}` }));
      return;
    }
    const forward = request(
      `${upstream}${incoming.url ?? '/'}`,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', (error) => {
      outgoing.writeHead(502, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ error: `upstream failed: ${error.message}` }));
    });
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hosts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
