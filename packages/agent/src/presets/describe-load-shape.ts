import type { ScenarioSpec } from '@fpt/preset';

/** A scenario's load in a few words, for the presets page: "ramp 0→20 VUs over 30s, 20→0 over 10s". */
export function describeLoadShape(spec: ScenarioSpec): string {
  const kind = spec.browser ? 'browser ' : '';
  switch (spec.executor) {
    case 'constant-vus':
      return `${spec.vus} ${kind}VUs for ${spec.duration}`;
    case 'ramping-vus':
      return `VUs ${stagesInWords(spec.startVUs, spec.stages)}`;
    case 'per-vu-iterations':
      return `${spec.vus} ${kind}VUs × ${spec.iterations} iterations (at most ${spec.maxDuration})`;
    case 'shared-iterations':
      return `${spec.iterations} iterations shared by ${spec.vus} ${kind}VUs (at most ${spec.maxDuration})`;
    case 'constant-arrival-rate':
      return `${spec.rate} iterations per ${spec.timeUnit} for ${spec.duration} (up to ${spec.maxVUs ?? spec.preAllocatedVUs} VUs)`;
    case 'ramping-arrival-rate':
      return `iterations per ${spec.timeUnit} ${stagesInWords(spec.startRate, spec.stages)} (up to ${spec.maxVUs ?? spec.preAllocatedVUs} VUs)`;
  }
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
