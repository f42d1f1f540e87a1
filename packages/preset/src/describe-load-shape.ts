import type { ScenarioSpec } from './schema/scenario.js';

/** A scenario's load in a few words, for the presets page and the plan a run prints: "5 VUs for 15s". */
export function describeLoadShape(spec: ScenarioSpec): string {
  const kind = spec.browser ? 'browser ' : '';
  const vus = (count: number) => `${count} ${kind}${count === 1 ? 'VU' : 'VUs'}`;
  const upTo = (count: number) => `(up to ${count} ${count === 1 ? 'VU' : 'VUs'})`;
  const iterations = (count: number) => `${count} ${count === 1 ? 'iteration' : 'iterations'}`;
  switch (spec.executor) {
    case 'constant-vus':
      return `${vus(spec.vus)} for ${spec.duration}`;
    case 'ramping-vus':
      return `VUs ${stagesInWords(spec.startVUs, spec.stages)}`;
    case 'per-vu-iterations':
      return `${vus(spec.vus)} × ${iterations(spec.iterations)} (at most ${spec.maxDuration})`;
    case 'shared-iterations':
      return `${iterations(spec.iterations)} shared by ${vus(spec.vus)} (at most ${spec.maxDuration})`;
    case 'constant-arrival-rate':
      return `${spec.rate} ${perUnit(spec.timeUnit)} for ${spec.duration} ${upTo(spec.maxVUs ?? spec.preAllocatedVUs)}`;
    case 'ramping-arrival-rate':
      return `${perUnit(spec.timeUnit)} ${stagesInWords(spec.startRate, spec.stages)} ${upTo(spec.maxVUs ?? spec.preAllocatedVUs)}`;
  }
}

/** "iterations/s" for k6's default time unit, "iterations per 30s" for any other. */
function perUnit(timeUnit: string): string {
  return timeUnit === '1s'
    ? 'iterations/s'
    : timeUnit === '1m'
      ? 'iterations/min'
      : `iterations per ${timeUnit}`;
}

function stagesInWords(start: number, stages: readonly { duration: string; target: number }[]): string {
  let from = start;
  const parts: string[] = [];
  for (const stage of stages) {
    parts.push(
      from === stage.target
        ? `hold ${from} for ${stage.duration}`
        : `${from}→${stage.target} over ${stage.duration}`,
    );
    from = stage.target;
  }
  return parts.join(', ');
}
