import { parentPort } from 'node:worker_threads';
import { monotonicClock } from '../clock.js';
import { EngineError } from '../engine-error.js';
import { runSegment } from './run-segment.js';
import type { FromSegment, ToSegment } from './segment-protocol.js';

/** A worker thread runs one execution segment and reports per-interval snapshots to the main thread. */
const port = parentPort;
if (!port) throw new Error('worker-entry runs inside a worker thread');

const stop = new AbortController();
const emit = (message: FromSegment) => port.postMessage(message);

// Loaded: the main thread waits for every part to say so before it sets their common start.
emit({ type: 'ready' });

port.on('message', (message: ToSegment) => {
  if (message.type === 'stop') {
    stop.abort();
    return;
  }
  runSegment(message.input, monotonicClock, stop.signal, emit).then(
    (result) => {
      emit({ type: 'done', result });
      port.close();
    },
    (error: unknown) => {
      emit({
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof EngineError ? { hint: error.hint } : {}),
        ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
      });
      port.close();
    },
  );
});
