import type { VirtualUser } from '../scenario-runtime.js';
import type { ScenarioExecution, ScenarioStats } from './scenario-execution.js';

/**
 * The open model shared by both arrival-rate executors: iterations start on schedule whatever the
 * response times. A free VU takes each one; with none free a new VU is allocated up to maxVUs; past that
 * the iteration is dropped (dropped_iterations). Each start records how late it was against its schedule.
 */
export async function runArrivalRate(
  execution: ScenarioExecution,
  options: { preAllocatedVUs: number; maxVUs: number; startTimeOf: (n: number) => number | undefined },
): Promise<ScenarioStats> {
  const { context } = execution;
  const idle: VirtualUser[] = [];
  for (let i = 0; i < options.preAllocatedVUs; i++) idle.push(execution.createVu());
  let allocated = options.preAllocatedVUs;
  const running = new Set<Promise<void>>();

  for (let n = 0; !execution.stopping; n++) {
    const scheduledMs = options.startTimeOf(n);
    if (scheduledMs === undefined) break;
    // Behind schedule, the loop starts every due iteration at once instead of sleeping.
    if (scheduledMs > execution.elapsedMs()) await execution.sleepUntil(scheduledMs);
    if (execution.stopping) break;
    let vu = idle.pop();
    if (!vu && allocated < options.maxVUs) {
      vu = execution.createVu();
      allocated++;
    }
    if (!vu) {
      execution.drop();
      continue;
    }
    const delayMs = Math.max(0, execution.elapsedMs() - scheduledMs);
    context.recorder.recordStartDelay(context.scenario, delayMs);
    const chosen = vu;
    const iteration = execution.iterate(chosen, execution.hardStop, delayMs).then(() => {
      idle.push(chosen);
      running.delete(iteration);
    });
    running.add(iteration);
  }
  await Promise.all(running);
  return execution.finish();
}
