/** How the coordinator paces the merged live stream. */
export interface FleetLiveTiming {
  /** How long a second waits for the agents that have not delivered it once one has (a laggard is left out). */
  readonly lagMs: number;
  /** Between two looks whether a waiting second is due. */
  readonly tickMs: number;
  /** Before opening a failed stream again. */
  readonly retryMs: number;
  /** A stream quiet this long is taken for dead and opened again (an agent sends a keep-alive every 15 s). */
  readonly idleMs: number;
  /** Once the fleet run is over, how long the agents' streams may take to deliver their last points. */
  readonly closeGraceMs: number;
}

export const defaultFleetLiveTiming: FleetLiveTiming = {
  lagMs: 2_000,
  tickMs: 250,
  retryMs: 1_000,
  idleMs: 20_000,
  closeGraceMs: 2_000,
};
