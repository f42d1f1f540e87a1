import type { ExecutionSegment } from '@fpt/preset';
import type { Clock } from '../clock.js';
import { sleepMs } from '../clock.js';
import type { MetricsRecorder } from '../metrics-recorder.js';
import type { IterationResult, ScenarioRuntime, VirtualUser } from '../scenario-runtime.js';
import type { VuCounter } from '../vu-counter.js';

export interface ExecutorContext {
  readonly scenario: string;
  readonly runtime: ScenarioRuntime;
  readonly clock: Clock;
  readonly recorder: MetricsRecorder;
  readonly vus: VuCounter;
  /** Aborts when the whole run stops (signal, abortOnFail): no new iterations, in-flight ones interrupted. */
  readonly runStop: AbortSignal;
  /** Monotonic time at which this scenario starts (its startTime already applied). */
  readonly startMs: number;
  /** The part of the scenario this thread runs; the whole scenario when not split. */
  readonly segment: ExecutionSegment;
}

export interface ScenarioStats {
  readonly completed: number;
  readonly interrupted: number;
  readonly dropped: number;
  readonly maxVUs: number;
}

/** The k6 executors, one file each, behind one shape. */
export interface Executor {
  run(context: ExecutorContext): Promise<ScenarioStats>;
}

/**
 * State and helpers every executor shares: counting iterations, the graceful-stop deadline after which
 * in-flight iterations are interrupted, VU creation with global ids, and interruptible waits.
 */
export class ScenarioExecution {
  readonly context: ExecutorContext;
  readonly #hardStop = new AbortController();
  readonly #vus: VirtualUser[] = [];
  #gracefulTimer: NodeJS.Timeout | undefined;
  completed = 0;
  interrupted = 0;
  dropped = 0;

  constructor(context: ExecutorContext) {
    this.context = context;
    if (context.runStop.aborted) this.#hardStop.abort();
    else context.runStop.addEventListener('abort', () => this.#hardStop.abort(), { once: true });
  }

  /** Aborted once in-flight iterations must stop: the graceful stop ran out, or the run stopped. */
  get hardStop(): AbortSignal {
    return this.#hardStop.signal;
  }

  get stopping(): boolean {
    return this.context.runStop.aborted;
  }

  nowMs(): number {
    return this.context.clock.nowMs();
  }

  /** Milliseconds since the scenario started. */
  elapsedMs(): number {
    return this.context.clock.nowMs() - this.context.startMs;
  }

  createVu(): VirtualUser {
    const vu = this.context.runtime.createVu(this.context.vus.nextId());
    this.#vus.push(vu);
    this.context.vus.allocate(1);
    return vu;
  }

  /** From `atMs` (scenario time) on, in-flight iterations get `gracefulStopMs`, then are interrupted. */
  armGracefulStop(atMs: number, gracefulStopMs: number): void {
    const delayMs = Math.max(0, this.context.startMs + atMs + gracefulStopMs - this.nowMs());
    this.#gracefulTimer = setTimeout(() => this.#hardStop.abort(), delayMs);
  }

  async iterate(
    vu: VirtualUser,
    signal: AbortSignal = this.hardStop,
    startDelayMs?: number,
  ): Promise<IterationResult> {
    const startedMs = this.nowMs();
    this.context.vus.activate(1);
    let result: IterationResult;
    try {
      result = await vu.runIteration(signal, startDelayMs);
    } finally {
      this.context.vus.activate(-1);
    }
    if (result === 'completed') {
      this.completed++;
      this.context.recorder.recordIteration(this.context.scenario, this.nowMs() - startedMs);
    } else {
      this.interrupted++;
      this.context.recorder.recordInterrupted(this.context.scenario);
    }
    return result;
  }

  drop(count = 1): void {
    if (count <= 0) return;
    this.dropped += count;
    this.context.recorder.recordDropped(this.context.scenario, count);
  }

  /** Waits until scenario time `atMs`, or less if the run stops. */
  async sleepUntil(atMs: number): Promise<void> {
    await sleepMs(this.context.startMs + atMs - this.nowMs(), this.context.runStop);
  }

  async finish(): Promise<ScenarioStats> {
    clearTimeout(this.#gracefulTimer);
    await Promise.allSettled(this.#vus.map((vu) => vu.close()));
    // The VUs stay counted in vus_max, as k6 keeps every VU it initialised until the test ends: vus_max is
    // "max possible VUs", so it does not dip when an earlier scenario ends and it equals the header's max VUs.
    return {
      completed: this.completed,
      interrupted: this.interrupted,
      dropped: this.dropped,
      maxVUs: this.#vus.length,
    };
  }
}
