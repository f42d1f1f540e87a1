import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { demoTargetHandlers } from './demo-target-handlers.js';
import { type DemoTargetRouteName, demoTargetLimits, demoTargetRoutes } from './demo-target-routes.js';
import { createDemoTargetState, type DemoTargetState, zeroCounts } from './demo-target-state.js';
import type { RequestContext } from './request-context.js';
import { createRouteMatcher } from './route-matcher.js';
import { sendJson } from './send-response.js';

export type DemoTargetOptions = {
  /** Interface to listen on. Default 127.0.0.1: the target is for local demos and tests. */
  readonly host?: string;
  /** Default 0: the OS picks a free port, read it back from `port` or `url`. */
  readonly port?: number;
  /** Extra time before a route starts answering, per route name: a slower build, for regression tests. */
  readonly routeDelaysMs?: Readonly<Partial<Record<DemoTargetRouteName, number>>>;
};

export type DemoTargetStats = {
  /** Every request that reached the server, matched or not. */
  readonly totalRequests: number;
  /** Requests per route name (see demoTargetRoutes), counted on arrival, so faults count too. */
  readonly byRoute: Readonly<Record<DemoTargetRouteName, number>>;
  /** Requests answered 404 (unknown path) or 405 (known path, other method). */
  readonly unmatchedRequests: number;
};

export type DemoTarget = {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Stops listening and destroys every open socket, keep-alive and hanging ones included. Idempotent. */
  close(): Promise<void>;
  stats(): DemoTargetStats;
  /** Zeroes the request counts and restarts the /fail sequences, so a test can reuse one server. */
  resetStats(): void;
  /**
   * Makes one route answer `delayMs` later than it would (0 restores it), from the next request on:
   * the same target plays the baseline build and then a slower one.
   */
  setRouteDelay(route: DemoTargetRouteName, delayMs: number): void;
};

// Load tools reuse connections; Node's 5 s default would make them reconnect mid-test and skew results.
const keepAliveTimeoutMs = 60_000;
// Must exceed the keep-alive timeout, or a reused socket can be cut while a request is arriving on it.
const headersTimeoutMs = 65_000;

const matcher = createRouteMatcher(demoTargetRoutes);
const emptyQuery = new URLSearchParams();

export async function startDemoTarget(options: DemoTargetOptions = {}): Promise<DemoTarget> {
  const host = options.host ?? '127.0.0.1';
  const state = createDemoTargetState();
  const sockets = new Set<Socket>();
  const routeNames = new Set<string>(demoTargetRoutes.map((r) => r.name));
  const setRouteDelay = (route: DemoTargetRouteName, delayMs: number) => {
    if (!routeNames.has(route))
      throw new RangeError(`unknown demo target route "${route}"; GET / lists the route names`);
    if (!Number.isFinite(delayMs) || delayMs < 0 || delayMs > demoTargetLimits.maxDelayMs)
      throw new RangeError(
        `route delay ${delayMs} ms for "${route}" is out of range: give 0 to ${demoTargetLimits.maxDelayMs} ms`,
      );
    if (delayMs === 0) state.routeDelaysMs.delete(route);
    else state.routeDelaysMs.set(route, delayMs);
  };
  for (const [route, delayMs] of Object.entries(options.routeDelaysMs ?? {}))
    setRouteDelay(route as DemoTargetRouteName, delayMs ?? 0);

  const server = createServer({ noDelay: true }, (req, res) => dispatch(req, res, state));
  server.keepAliveTimeout = keepAliveTimeoutMs;
  server.headersTimeout = headersTimeoutMs;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    host,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
    stats() {
      return {
        totalRequests: state.totalRequests,
        byRoute: { ...state.requestCounts },
        unmatchedRequests: state.unmatchedRequests,
      };
    },
    setRouteDelay,
    resetStats() {
      Object.assign(state.requestCounts, zeroCounts());
      state.totalRequests = 0;
      state.unmatchedRequests = 0;
      state.failSequence.reset();
    },
  };
}

function dispatch(req: IncomingMessage, res: ServerResponse, state: DemoTargetState): void {
  const startedAtMs = performance.now();
  state.totalRequests++;
  const rawUrl = req.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  // HEAD gets the GET route; Node drops the body of a HEAD response by itself.
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  const match = matcher.match(method, path);

  if (match.kind !== 'found') {
    state.unmatchedRequests++;
    if (match.kind === 'method-not-allowed') {
      sendJson(
        res,
        405,
        { error: 'method not allowed', method: req.method, allow: match.allowedMethods },
        { allow: match.allowedMethods.join(', ') },
      );
    } else {
      sendJson(res, 404, { error: 'not found', path });
    }
    return;
  }

  state.requestCounts[match.route.name]++;
  const handle = (handlerStartedAtMs: number) => {
    const ctx: RequestContext = {
      req,
      res,
      path,
      params: match.params,
      query: queryStart === -1 ? emptyQuery : new URLSearchParams(rawUrl.slice(queryStart + 1)),
      state,
      startedAtMs: handlerStartedAtMs,
    };
    try {
      const pending = demoTargetHandlers[match.route.name](ctx);
      if (pending !== undefined) pending.catch((error: unknown) => failInternally(res, error));
    } catch (error) {
      failInternally(res, error);
    }
  };
  const extraDelayMs = state.routeDelaysMs.get(match.route.name);
  if (extraDelayMs === undefined) {
    handle(startedAtMs);
    return;
  }
  // The route's own timing (e.g. /delay?ms=) starts after the extra delay, so the two add up.
  const timer = setTimeout(() => handle(performance.now()), extraDelayMs);
  res.once('close', () => clearTimeout(timer));
}

// A handler bug must show up as a 500 the load test can count, not take the whole target down.
function failInternally(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, 500, {
    error: 'internal error',
    message: error instanceof Error ? error.message : String(error),
  });
}

// Wildcard binds are reachable on loopback, and "http://0.0.0.0:port" is not a URL every client accepts.
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
