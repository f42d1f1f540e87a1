import { type ExecutionSegment, globalUnit, wholeRun } from '@fpt/preset';

/** Live VU counts across all scenarios, sampled once a second into the vus and vus_max gauges. */
export class VuCounter {
  readonly #segment: ExecutionSegment;
  #made = 0;
  active = 0;
  allocated = 0;
  peakActive = 0;
  peakAllocated = 0;
  #intervalPeakActive = 0;

  /**
   * @param segment this part of the run: its VUs take the ids of the units it owns (k6's __VU), so ids
   *   are unique across worker threads and agents, and 1..N when the run is one part.
   */
  constructor(segment: ExecutionSegment = wholeRun) {
    this.#segment = segment;
  }

  nextId(): number {
    return globalUnit(this.#segment, this.#made++) + 1;
  }

  allocate(delta: number): void {
    this.allocated += delta;
    if (this.allocated > this.peakAllocated) this.peakAllocated = this.allocated;
  }

  activate(delta: number): void {
    this.active += delta;
    if (this.active > this.peakActive) this.peakActive = this.active;
    if (this.active > this.#intervalPeakActive) this.#intervalPeakActive = this.active;
  }

  /** The most VUs that ran at once since the previous call (at least those running now); starts the next interval. */
  takeIntervalPeak(): number {
    const peak = Math.max(this.#intervalPeakActive, this.active);
    this.#intervalPeakActive = this.active;
    return peak;
  }
}
