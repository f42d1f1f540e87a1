import type { Request, Response } from 'express';
import type { LiveChannel, LiveEvent } from '../runs/live-channel.js';

/** A comment line now and then keeps proxies (Cloudflare, the Kamal proxy) from closing a quiet stream. */
const keepAliveMs = 15_000;

/**
 * Streams a run's (or a fleet run's) live channel as server-sent events on the agent's own port; ends after
 * `end`. Points come slimmed (without the per-second histogram) unless the request asks `?histograms=1`, as
 * a fleet coordinator does.
 */
export function sendLiveEvents<TPoint, TStatus, TEnd>(
  request: Request,
  response: Response,
  channel: LiveChannel<TPoint, TStatus, TEnd>,
): void {
  const full = request.query.histograms === '1';
  response.status(200);
  response.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // nginx-style proxies would otherwise buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  response.flushHeaders();
  let closed = false;
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    unsubscribe();
    response.end();
  };
  const write = (event: LiveEvent<TPoint, TStatus, TEnd>) => {
    if (closed) return;
    const data = event.event === 'point' && !full ? channel.slim(event.data as TPoint) : event.data;
    response.write(`event: ${event.event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (event.event === 'end') setImmediate(close);
  };
  const unsubscribe = channel.subscribe(write);
  request.on('close', close);
}
