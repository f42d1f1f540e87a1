import { FleetAgentState } from '@fpt/report';

const givenUpStates: ReadonlySet<FleetAgentState> = new Set([
  FleetAgentState.busy,
  FleetAgentState.refused,
  FleetAgentState.unreachable,
  FleetAgentState.timeout,
  FleetAgentState.lost,
  FleetAgentState.error,
]);

/**
 * An agent that will deliver nothing (more) to this fleet run: it could not start, was lost or timed out,
 * or its evidence could not be had. Its region is missing, even while the others still run.
 */
export function isGivenUp(state: FleetAgentState): boolean {
  return givenUpStates.has(state);
}
