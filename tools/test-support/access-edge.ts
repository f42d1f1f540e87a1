import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Cloudflare Access service token: what the edge lets through. */
export interface AccessServiceToken {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** One request as it reached the edge. */
export interface EdgeRequest {
  readonly method: string;
  readonly path: string;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly authorization: string | undefined;
  /** Whether it went on to the agent behind the edge. */
  readonly forwarded: boolean;
}

export interface AccessEdge {
  /** http://127.0.0.1:<port>: the agent's public URL, as people and CI reach it. */
  readonly url: string;
  /** Every request that reached the edge, in order. */
  readonly seen: readonly EdgeRequest[];
  close(): Promise<void>;
}

/**
 * Cloudflare Access in front of one agent, on 127.0.0.1, as the fleet meets it: a request without a
 * service token is redirected to the team's login page (302, as Access does for an application people sign
 * in to), one with another token gets Cloudflare's own 403 page (HTML, `cf-ray`, `Server: cloudflare`), and
 * only one carrying `token` reaches the agent. With `token: null` nothing is enforced: a host outside
 * Access, which only records what it was sent. Every request is recorded either way.
 */
export async function startAccessEdge(
  upstream: string,
  token: AccessServiceToken | null,
): Promise<AccessEdge> {
  const seen: EdgeRequest[] = [];
  let rays = 0;
  const server = createServer((incoming, outgoing) => {
    const clientId = header(incoming.headers, 'cf-access-client-id');
    const clientSecret = header(incoming.headers, 'cf-access-client-secret');
    const path = incoming.url ?? '/';
    const accepted = token === null || (clientId === token.clientId && clientSecret === token.clientSecret);
    seen.push({
      method: incoming.method ?? 'GET',
      path,
      clientId,
      clientSecret,
      authorization: header(incoming.headers, 'authorization'),
      forwarded: accepted,
    });
    const cloudflare = { server: 'cloudflare', 'cf-ray': `${(++rays).toString(16).padStart(16, '0')}-TST` };
    if (!accepted) {
      incoming.resume();
      if (clientId === undefined && clientSecret === undefined) {
        const host = incoming.headers.host ?? 'agent.example.test';
        outgoing.writeHead(302, {
          ...cloudflare,
          location: `https://fpt-test.cloudflareaccess.com/cdn-cgi/access/login/${host}?kid=0123abcd&redirect_url=${encodeURIComponent(path)}`,
          'content-length': '0',
        });
        outgoing.end();
        return;
      }
      const page = '<!DOCTYPE html><html><head><title>Forbidden</title></head><body>Forbidden</body></html>';
      outgoing.writeHead(403, { ...cloudflare, 'content-type': 'text/html; charset=utf-8' });
      outgoing.end(page);
      return;
    }
    // Access hands the origin its own assertion, not the service token.
    const headers: IncomingHttpHeaders = { ...incoming.headers, 'cf-access-jwt-assertion': 'test-assertion' };
    delete headers['cf-access-client-id'];
    delete headers['cf-access-client-secret'];
    const forward = request(`${upstream}${path}`, { method: incoming.method, headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...cloudflare });
      answer.pipe(outgoing);
    });
    forward.on('error', (error) => {
      outgoing.writeHead(502, { ...cloudflare, 'content-type': 'text/html' });
      outgoing.end(`<html><body>Bad gateway: ${error.message}</body></html>`);
    });
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
