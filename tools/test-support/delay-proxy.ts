import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface DelayProxy {
  /** http://127.0.0.1:<port>: use it as a target base URL. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 that forwards to `target` after holding every chunk the client sends for
 * `delayMs`: each request reaches the target at least that much later, on new and kept-alive
 * connections alike, so a region that goes through it measures at least `delayMs` more per request.
 * Chunks keep their order (timers of one duration fire in the order they were set).
 */
/**
 * Runs each step once at least `delayMs` after it was queued by the fine clock, in the order queued (a
 * connection's bytes must not overtake each other). setTimeout alone counts from the event loop's cached
 * time and can fire early on a busy machine, and the tests assert latency >= the delay.
 */
function delayedQueue(delayMs: number): (step: () => void) => void {
  const queue: { dueMs: number; step: () => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const drain = (): void => {
    timer = undefined;
    while (queue.length > 0 && queue[0]!.dueMs <= performance.now()) queue.shift()!.step();
    if (queue.length > 0) timer = setTimeout(drain, Math.ceil(queue[0]!.dueMs - performance.now()));
  };
  return (step) => {
    queue.push({ dueMs: performance.now() + delayMs, step });
    if (timer === undefined) timer = setTimeout(drain, delayMs);
  };
}

export async function startDelayProxy(target: string, delayMs: number): Promise<DelayProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client);
    sockets.add(upstream);
    const later = delayedQueue(delayMs);
    client.on('data', (chunk) => {
      later(() => {
        if (!upstream.destroyed) upstream.write(chunk);
      });
    });
    client.on('end', () => later(() => upstream.end()));
    upstream.pipe(client);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: own } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${own}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
