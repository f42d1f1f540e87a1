import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { monotonicClock } from '../clock.js';
import { EngineError } from '../engine-error.js';
import { runSegment } from './run-segment.js';
import type { FromSegment, SegmentInput, SegmentResult, ToSegment } from './segment-protocol.js';

/**
 * One part of a run, wherever it runs: the main thread sees only messages and a result. `ready` resolves
 * once the part can start at once (its thread has loaded), so that all parts can be given one start time.
 */
export interface SegmentHost {
  readonly ready: Promise<void>;
  start(input: SegmentInput): void;
  stop(): void;
  readonly done: Promise<SegmentResult>;
}

/** Runs the segment in this thread: one part, no thread to start (tests, single-core machines). */
export function inProcessHost(onMessage: (message: FromSegment) => void): SegmentHost {
  const stop = new AbortController();
  let begin!: (input: SegmentInput) => void;
  const input = new Promise<SegmentInput>((resolve) => {
    begin = resolve;
  });
  return {
    ready: Promise.resolve(),
    start: begin,
    stop: () => stop.abort(),
    done: input.then((value) => runSegment(value, monotonicClock, stop.signal, onMessage)),
  };
}

/** Runs the segment in a worker thread, with its own event loop and its own core. */
export function workerThreadHost(onMessage: (message: FromSegment) => void): SegmentHost {
  const worker = new Worker(workerEntry());
  const send = (message: ToSegment) => worker.postMessage(message);
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const done = new Promise<SegmentResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: FromSegment) => {
      if (message.type === 'ready') {
        markReady();
      } else if (message.type === 'done') {
        settled = true;
        resolve(message.result);
      } else if (message.type === 'failed') {
        settled = true;
        reject(
          message.hint
            ? new EngineError(message.message, message.hint)
            : new Error(message.stack ?? message.message),
        );
      } else {
        onMessage(message);
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      markReady();
      if (!settled) reject(new Error(`an engine worker thread exited with code ${code}`));
    });
  });
  return {
    ready,
    start: (input) => send({ type: 'start', input }),
    stop: () => send({ type: 'stop' }),
    done,
  };
}

/**
 * The compiled worker entry. Under the test runner this module is TypeScript source, which a worker
 * cannot load, so the built file in dist/ is used instead (npm test builds first).
 */
function workerEntry(): URL {
  const sibling = new URL('./worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = new URL('../../dist/segment/worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new EngineError(
    'the engine worker is not built',
    'run npm run build, or run with one worker (--workers 1)',
  );
}
