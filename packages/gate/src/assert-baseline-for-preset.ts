import type { Baseline } from './baseline.js';
import { GateInputError } from './gate-input-error.js';

/**
 * Refuses a baseline of another preset: its requests, load and budgets have nothing to do with this
 * run's. `fpt run --baseline` calls it before the run starts, so a wrong file costs no load.
 */
export function assertBaselineForPreset(baseline: Baseline, presetName: string): void {
  if (baseline.preset.name === presetName) return;
  throw new GateInputError(
    `the baseline is for preset "${baseline.preset.name}", but the run is of preset "${presetName}"`,
    [],
    `gate against a baseline saved from a run of "${presetName}" (fpt baseline save <summary.json> -o <file>)`,
  );
}
