import type { PresetThresholdInfo } from '@fpt/api-types';

export interface LiveThresholdState {
  readonly metric: string;
  readonly expression: string;
  /** Provisional: a threshold holding now can still be crossed before the end. */
  readonly failing: boolean;
}

/** The key the live stream uses in `failingThresholds`. */
export function thresholdKey(metric: string, expression: string): string {
  return `${metric} ${expression}`;
}

/**
 * Each threshold of the preset with whether it is crossed so far. A failing key the preset does not
 * list (the preset changed since the run started) is kept, so a failure is never hidden.
 */
export function liveThresholdStates(
  thresholds: readonly PresetThresholdInfo[],
  failingKeys: readonly string[],
): LiveThresholdState[] {
  const failing = new Set(failingKeys);
  const known = thresholds.map((t) => ({
    metric: t.metric,
    expression: t.expression,
    failing: failing.has(thresholdKey(t.metric, t.expression)),
  }));
  const knownKeys = new Set(thresholds.map((t) => thresholdKey(t.metric, t.expression)));
  const unknown = failingKeys
    .filter((key) => !knownKeys.has(key))
    .map((key) => {
      const space = key.indexOf(' ');
      return space < 0
        ? { metric: key, expression: '', failing: true }
        : { metric: key.slice(0, space), expression: key.slice(space + 1), failing: true };
    });
  return [...known, ...unknown].sort((a, b) => Number(b.failing) - Number(a.failing));
}

/** "2 of 3 holding so far", or "no thresholds defined". */
export function describeLiveThresholds(states: readonly LiveThresholdState[]): string {
  if (states.length === 0) return 'no thresholds defined';
  const holding = states.filter((s) => !s.failing).length;
  return `${holding} of ${states.length} holding so far`;
}
