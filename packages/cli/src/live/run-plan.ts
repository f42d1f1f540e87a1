import {
  describeLoadShape,
  type ExecutionSegment,
  formatDuration,
  type LoadedPreset,
  loadExtent,
} from '@fpt/preset';

/**
 * What is about to run, printed before the load starts (as k6 prints its execution plan): the preset and
 * its target, the scenarios with their load in words, the planned length and how long graceful stops may
 * add, the VU ceiling and how many thresholds will judge it. A wrong target or a 10x typo in the VUs is
 * caught here, before the load reaches anything.
 */
export function formatRunPlan(loaded: LoadedPreset, segment?: ExecutionSegment): string {
  const { preset } = loaded;
  const extent = loadExtent(preset.scenarios);
  const scenarios = Object.entries(preset.scenarios);
  const thresholds = Object.values(preset.thresholds ?? {}).reduce((sum, list) => sum + list.length, 0);
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const length =
    extent.maxDurationMs > extent.plannedDurationMs
      ? `${formatDuration(extent.plannedDurationMs)} (up to ${formatDuration(extent.maxDurationMs)} with graceful stops)`
      : formatDuration(extent.plannedDurationMs);
  const lines = [
    `  preset ${preset.name} → ${preset.target.baseUrl ?? 'the URLs its script names'}${segment ? ` · share ${segment.index}/${segment.count} of the load` : ''}`,
    `  ${plural(scenarios.length, 'scenario')}, at most ${plural(extent.peakVUs, 'VU')}, ${length}, ${plural(thresholds, 'threshold')}`,
    ...scenarios.map(
      ([name, spec]) =>
        `    * ${name}: ${describeLoadShape(spec)}${spec.exec === undefined ? '' : ' (script)'}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
