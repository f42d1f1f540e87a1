import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { count, run } from './engine-fixtures.js';

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

interface Seen {
  readonly local: string;
  readonly remote: string;
  readonly socket: Socket;
  readonly connection: string | undefined;
}

/** The same port on several loopback addresses, like one name with several A records. */
async function servers(addresses: readonly string[]): Promise<{ port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  let port = 0;
  for (const address of addresses) {
    const server: Server = createServer((req, res) => {
      seen.push({
        local: req.socket.localAddress ?? '',
        remote: req.socket.remoteAddress ?? '',
        socket: req.socket,
        connection: req.headers.connection,
      });
      res.end('ok');
    });
    closers.push(() => {
      server.closeAllConnections();
      server.close();
    });
    await new Promise<void>((resolve) => server.listen(port, address, resolve));
    port = (server.address() as { port: number }).port;
  }
  return { port, seen };
}

const load = (
  target: string,
  iterations = 12,
  vus = 1,
  requests = '      - { name: r, path: / }',
) => `${target}scenarios:
  s:
    executor: shared-iterations
    vus: ${vus}
    iterations: ${iterations}
    requests:
${requests}`;

const connectionsOf = (seen: readonly Seen[]) => new Set(seen.map((s) => s.socket)).size;

describe('addresses', () => {
  it('spreads connections over every address a name has (dns.hosts, roundRobin), keeping the Host name', async () => {
    const { port, seen } = await servers(['127.0.0.1', '127.0.0.2']);
    await run(
      `http://api.test:${port}`,
      load(
        '  dns: { hosts: { api.test: [127.0.0.1, 127.0.0.2] }, select: roundRobin }\n  connectionReuse: off\n',
      ),
    );
    const byAddress: Record<string, number> = {};
    for (const s of seen) byAddress[s.local] = (byAddress[s.local] ?? 0) + 1;
    expect(byAddress).toEqual({ '127.0.0.1': 6, '127.0.0.2': 6 });
  });

  it('keeps to the first address with select: first, and spreads at random by default', async () => {
    const { port, seen } = await servers(['127.0.0.1', '127.0.0.2']);
    await run(
      `http://api.test:${port}`,
      load(
        '  dns: { hosts: { api.test: [127.0.0.2, 127.0.0.1] }, select: first }\n  connectionReuse: off\n',
        6,
      ),
    );
    expect(new Set(seen.map((s) => s.local))).toEqual(new Set(['127.0.0.2']));
    seen.length = 0;
    await run(
      `http://api.test:${port}`,
      load('  dns: { hosts: { api.test: [127.0.0.1, 127.0.0.2] } }\n  connectionReuse: off\n', 40),
    );
    // 40 fair coin flips all landing on one side: a chance of 2 in 10^12.
    expect(new Set(seen.map((s) => s.local)).size).toBe(2);
  });

  it('takes source addresses in turn from target.localAddresses', async () => {
    const { port, seen } = await servers(['127.0.0.1']);
    await run(
      `http://127.0.0.1:${port}`,
      load('  localAddresses: [127.0.0.2, 127.0.0.3]\n  connectionReuse: off\n', 6),
    );
    expect(seen.map((s) => s.remote)).toEqual([
      '127.0.0.2',
      '127.0.0.3',
      '127.0.0.2',
      '127.0.0.3',
      '127.0.0.2',
      '127.0.0.3',
    ]);
  });
});

describe('connection reuse', () => {
  it('opens a connection per request with connectionReuse: off (Connection: close), one per VU by default', async () => {
    const { port, seen } = await servers(['127.0.0.1']);
    await run(`http://127.0.0.1:${port}`, load('  connectionReuse: off\n', 6));
    expect(connectionsOf(seen)).toBe(6);
    expect(seen.every((s) => s.connection === 'close')).toBe(true);
    seen.length = 0;
    await run(`http://127.0.0.1:${port}`, load('', 6, 2));
    expect(connectionsOf(seen)).toBe(2);
  });

  it('drops connections between iterations with connectionReuse: iteration', async () => {
    const { port, seen } = await servers(['127.0.0.1']);
    await run(
      `http://127.0.0.1:${port}`,
      load(
        '  connectionReuse: iteration\n',
        3,
        1,
        '      - { name: a, path: /a }\n      - { name: b, path: /b }',
      ).replace('    requests:', '    selection: sequence\n    requests:'),
    );
    expect(seen).toHaveLength(6);
    expect(connectionsOf(seen)).toBe(3);
  });

  it('closes after one request with keepAlive: false and keeps the others', async () => {
    const { port, seen } = await servers(['127.0.0.1']);
    const { store } = await run(
      `http://127.0.0.1:${port}`,
      load(
        '',
        3,
        1,
        '      - { name: once, path: /once, keepAlive: false }\n      - { name: kept, path: /kept }',
      ).replace('    requests:', '    selection: sequence\n    requests:'),
    );
    expect(count(store, 'http_reqs')).toBe(6);
    expect(seen.filter((s) => s.connection === 'close')).toHaveLength(3);
    // /once closes the connection it used; /kept opens a new one, which the next /once uses and closes.
    expect(connectionsOf(seen)).toBe(4);
  });
});

describe('headers', () => {
  it('sends header names as written and reads repeated and UTF-8 response headers as checks expect', async () => {
    const heads: string[] = [];
    const raw = createTcpServer((socket) => {
      socket.on('data', (chunk) => {
        heads.push(chunk.toString('latin1'));
        const city = Buffer.from('Zürich', 'utf8');
        socket.write(
          Buffer.concat([
            Buffer.from('HTTP/1.1 200 OK\r\nX-Tag: a\r\nX-Tag: b\r\nX-City: ', 'latin1'),
            city,
            Buffer.from('\r\nContent-Length: 2\r\n\r\nok', 'latin1'),
          ]),
        );
      });
      socket.on('error', () => {});
    });
    closers.push(() => raw.close());
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const port = (raw.address() as { port: number }).port;
    const { summary } = await run(
      `http://127.0.0.1:${port}`,
      load(
        '',
        1,
        1,
        `      - name: r
        path: /
        headers: { X-Request-ID: abc, x-lower: v, X-Name: "Åsa" }
        checks: [{ header: x-tag, equals: "a, b" }, { header: X-City, equals: "Zürich" }]`,
      ),
    );
    expect(summary.checks.map((c) => [c.name, c.passes])).toEqual([
      ['header x-tag is "a, b"', 1],
      ['header X-City is "Zürich"', 1],
    ]);
    expect(heads[0]).toContain('\r\nX-Request-ID: abc\r\n');
    expect(heads[0]).toContain('\r\nx-lower: v\r\n');
    expect(heads[0]).toContain('\r\nUser-Agent: fpt/');
    expect(Buffer.from(heads[0]!, 'latin1').includes(Buffer.from('X-Name: Åsa', 'utf8'))).toBe(true);
  });
});
