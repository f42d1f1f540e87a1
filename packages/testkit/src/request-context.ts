import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoTargetState } from './demo-target-state.js';

export type RequestContext = {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly state: DemoTargetState;
  /** performance.now() when the request reached its handler; delays are measured from here. */
  readonly startedAtMs: number;
};

export type RouteHandler = (ctx: RequestContext) => void | Promise<void>;
