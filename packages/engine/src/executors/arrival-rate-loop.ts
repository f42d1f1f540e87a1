import type { ConstantArrivalRateSpec, RampingArrivalRateSpec } from '@fpt/preset';
import { cappedSegment, globalUnit, parseDurationMs, segmentShare } from '@fpt/preset';
import type { VirtualUser } from '../scenario-runtime.js';
import type { ScenarioExecution, ScenarioStats } from './scenario-execution.js';

/** Iterations the loop handles back to back before it lets other work run. */
const dueBeforeYield = 1000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The open model shared by both arrival-rate executors: iterations start on schedule whatever the
 * response times. A free VU takes each one; with none free a new VU is allocated up to maxVUs. Past that,
 * k6 drops the iteration at once; with `maxStartDelay` FPT lets it wait that long for a VU, and it then
 * starts late — the lateness is recorded (iteration_start_delay) and added to its response times
 * (http_req_duration_corrected), which is what makes a stalled target visible instead of hidden.
 */
export async function runArrivalRate(
  execution: ScenarioExecution,
  options: {
    spec: ConstantArrivalRateSpec | RampingArrivalRateSpec;
    startTimeOf: (n: number) => number | undefined;
  },
): Promise<ScenarioStats> {
  const { context } = execution;
  const { spec } = options;
  const maxVUs = spec.maxVUs ?? spec.preAllocatedVUs;
  const segment = cappedSegment(context.segment, maxVUs);
  if (!segment) return execution.finish();
  const maxStartDelayMs = parseDurationMs(spec.maxStartDelay);
  const myMaxVUs = segmentShare(segment, maxVUs);
  const idle: VirtualUser[] = [];
  for (let i = segmentShare(segment, spec.preAllocatedVUs); i > 0; i--) idle.push(execution.createVu());
  let allocated = idle.length;
  const running = new Set<Promise<void>>();
  /** Scheduled start times of iterations waiting for a VU, oldest first. */
  const waiting: number[] = [];

  const dropExpired = () => {
    const nowMs = execution.elapsedMs();
    let expired = 0;
    while (expired < waiting.length && nowMs - waiting[expired]! > maxStartDelayMs) expired++;
    if (expired > 0) {
      waiting.splice(0, expired);
      execution.drop(expired);
    }
  };

  const start = (vu: VirtualUser, scheduledMs: number) => {
    const delayMs = Math.max(0, execution.elapsedMs() - scheduledMs);
    context.recorder.recordStartDelay(context.scenario, delayMs);
    const iteration = execution.iterate(vu, execution.hardStop, delayMs).then(() => {
      running.delete(iteration);
      dropExpired();
      const next = execution.stopping ? undefined : waiting.shift();
      if (next === undefined) idle.push(vu);
      else start(vu, next);
    });
    running.add(iteration);
  };

  let dueInARow = 0;
  for (let k = 0; !execution.stopping; k++) {
    const scheduledMs = options.startTimeOf(globalUnit(segment, k));
    if (scheduledMs === undefined) break;
    // Behind schedule, the loop starts every due iteration at once instead of sleeping; it still lets the
    // event loop turn now and then, so that a stop, a threshold abort and the interval ticks get through
    // even when a rate far beyond the machine keeps every iteration due.
    if (scheduledMs > execution.elapsedMs()) {
      dueInARow = 0;
      await execution.sleepUntil(scheduledMs);
    } else if (++dueInARow >= dueBeforeYield) {
      dueInARow = 0;
      await yieldToEventLoop();
    }
    if (execution.stopping) break;
    dropExpired();
    let vu = idle.pop();
    if (!vu && allocated < myMaxVUs) {
      vu = execution.createVu();
      allocated++;
    }
    if (vu) start(vu, scheduledMs);
    else if (maxStartDelayMs > 0) waiting.push(scheduledMs);
    else execution.drop();
  }
  while (running.size > 0) await Promise.race(running);
  execution.drop(waiting.length);
  return execution.finish();
}
