/** Live VU counts across all scenarios, sampled once a second into the vus and vus_max gauges. */
export class VuCounter {
  #nextId = 1;
  active = 0;
  allocated = 0;
  peakActive = 0;
  peakAllocated = 0;

  nextId(): number {
    return this.#nextId++;
  }

  allocate(delta: number): void {
    this.allocated += delta;
    if (this.allocated > this.peakAllocated) this.peakAllocated = this.allocated;
  }

  activate(delta: number): void {
    this.active += delta;
    if (this.active > this.peakActive) this.peakActive = this.active;
  }
}
