import type { RampingVusSpec } from '@fpt/preset';
import { parseDurationMs, segmentShare } from '@fpt/preset';
import { sleepMs } from '../clock.js';
import type { VirtualUser } from '../scenario-runtime.js';
import {
  type Executor,
  type ExecutorContext,
  ScenarioExecution,
  type ScenarioStats,
} from './scenario-execution.js';
import { stageProfile } from './stage-profile.js';

/** How often the VU target is re-read; ramps are linear, so this bounds how late a VU joins or leaves. */
const controlIntervalMs = 20;

/**
 * The VU count follows the stages (k6 ramping-vus). A VU above the target finishes its iteration and
 * leaves; if it is still busy gracefulRampDown later, its iteration is interrupted.
 */
export function rampingVus(spec: RampingVusSpec): Executor {
  const profile = stageProfile(spec.startVUs, spec.stages);
  const rampDownMs = parseDurationMs(spec.gracefulRampDown);
  return {
    async run(context: ExecutorContext): Promise<ScenarioStats> {
      const execution = new ScenarioExecution(context);
      execution.armGracefulStop(profile.totalMs, parseDurationMs(spec.gracefulStop));
      const slots: {
        vu: VirtualUser;
        loop?: Promise<void>;
        leave?: AbortController;
        rampDownTimer?: NodeJS.Timeout;
      }[] = [];
      let target = 0;

      const startLoop = (index: number) => {
        const slot = slots[index]!;
        const leave = new AbortController();
        const stopIteration = AbortSignal.any([execution.hardStop, leave.signal]);
        slot.leave = leave;
        slot.loop = (async () => {
          while (index < target && !execution.stopping && execution.elapsedMs() < profile.totalMs) {
            if ((await execution.iterate(slot.vu, stopIteration)) === 'interrupted') break;
          }
          clearTimeout(slot.rampDownTimer);
          slot.rampDownTimer = undefined;
          slot.loop = undefined;
        })();
      };

      while (!execution.stopping && execution.elapsedMs() < profile.totalMs) {
        // A tiny epsilon keeps 2.9999999 from rounding down at the end of a ramp to 3.
        const wanted = segmentShare(context.segment, profile.valueAt(execution.elapsedMs()) + 1e-9);
        const previous = target;
        // The new target is set first: a loop started below checks it before its first iteration.
        target = wanted;
        if (wanted > previous) {
          for (let i = previous; i < wanted; i++) {
            if (!slots[i]) slots[i] = { vu: execution.createVu() };
            const slot = slots[i]!;
            if (!slot.loop) startLoop(i);
            else if (slot.rampDownTimer) {
              // Wanted again before it left: keep it.
              clearTimeout(slot.rampDownTimer);
              slot.rampDownTimer = undefined;
            }
          }
        } else {
          for (let i = wanted; i < previous; i++) {
            const slot = slots[i]!;
            if (slot.loop && !slot.rampDownTimer)
              slot.rampDownTimer = setTimeout(() => slot.leave?.abort(), rampDownMs);
          }
        }
        await sleepMs(Math.min(controlIntervalMs, profile.totalMs - execution.elapsedMs()), context.runStop);
      }
      target = 0;
      await Promise.all(slots.map((slot) => slot.loop));
      for (const slot of slots) clearTimeout(slot.rampDownTimer);
      return execution.finish();
    },
  };
}
