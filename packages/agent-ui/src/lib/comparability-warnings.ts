import type { RunRow } from '../api/agent-types.js';
import type { SummaryScenario } from '../api/summary-types.js';
import { formatDuration } from './format-elapsed.js';

/** Planned durations closer than this are the same load, give or take start-up. */
const DURATION_TOLERANCE = 0.1;

/** Names and executors: a change in VUs alone is reported as different load, not here. */
function describeScenarios(scenarios: readonly SummaryScenario[]): string {
  return scenarios
    .map((s) => `${s.name} (${s.executor})`)
    .sort()
    .join(', ');
}

/**
 * Why comparing A and B may mislead: different presets, load, region, duration, or a run that did not
 * complete. Empty when they are comparable. Scenarios come from summary.json when it was readable.
 */
export function comparabilityWarnings(
  a: RunRow,
  b: RunRow,
  scenarios?: { readonly a?: readonly SummaryScenario[]; readonly b?: readonly SummaryScenario[] },
): string[] {
  const warnings: string[] = [];
  if (a.preset !== b.preset) warnings.push(`Different presets: A ran ${a.preset}, B ran ${b.preset}.`);
  if (a.region !== b.region) warnings.push(`Different regions: A ran from ${a.region}, B from ${b.region}.`);
  if (a.maxVus !== null && b.maxVus !== null && a.maxVus !== b.maxVus)
    warnings.push(`Different load: A peaked at ${a.maxVus} VUs, B at ${b.maxVus} VUs.`);
  if (a.plannedMs && b.plannedMs && Math.abs(a.plannedMs - b.plannedMs) > DURATION_TOLERANCE * a.plannedMs)
    warnings.push(
      `Different planned durations: A ${formatDuration(a.plannedMs)}, B ${formatDuration(b.plannedMs)}.`,
    );
  if (scenarios?.a && scenarios.b) {
    const sa = describeScenarios(scenarios.a);
    const sb = describeScenarios(scenarios.b);
    if (sa !== sb) warnings.push(`Different scenarios: A has ${sa}; B has ${sb}.`);
  }
  for (const [label, run] of [
    ['A', a],
    ['B', b],
  ] as const) {
    if (run.status === 'running') warnings.push(`${label} is still running: its figures are not final.`);
    else if (run.status === 'aborted' || run.status === 'stopped' || run.status === 'error')
      warnings.push(`${label} did not complete (${run.status}): its data is partial.`);
  }
  return warnings;
}
