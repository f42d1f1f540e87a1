/** What an executor drives: VUs that run iterations. API and browser scenarios both implement it. */
export interface ScenarioRuntime {
  readonly name: string;
  createVu(id: number): VirtualUser;
  /** Releases what the scenario shares between its VUs (a browser process, say), after its last VU closed. */
  close?(): Promise<void>;
}

export type IterationResult = 'completed' | 'interrupted';

export interface VirtualUser {
  readonly id: number;
  /**
   * Runs one iteration; resolves 'interrupted' when the signal aborted it. Never rejects for target failures.
   * `startDelayMs`: for open-model executors, how late this iteration started against its schedule.
   */
  runIteration(signal: AbortSignal, startDelayMs?: number): Promise<IterationResult>;
  close(): Promise<void>;
}
