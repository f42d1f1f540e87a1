/**
 * Splitting a run into N parts (worker threads now, agents later), in the spirit of k6's execution
 * segments. Units of work are numbered globally — the j-th VU of a scenario, the n-th iteration of an
 * arrival-rate schedule, the j-th iteration of a shared pool — and unit j belongs to segment j mod N.
 * Every part then follows the whole profile and runs exactly the units it owns, so the parts always add up to
 * the whole: at every moment of a ramp, for any VU count, iteration total or schedule.
 */
export interface ExecutionSegment {
  /** 0-based position of this part. */
  readonly index: number;
  /** How many parts the run is split into. */
  readonly count: number;
}

export const wholeRun: ExecutionSegment = { index: 0, count: 1 };

export function executionSegments(count: number): ExecutionSegment[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`a run splits into at least 1 part, not ${count}`);
  return Array.from({ length: count }, (_, index) => ({ index, count }));
}

/** How many of the units 0..total-1 this segment owns: its share of a VU count or an iteration total. */
export function segmentShare(segment: ExecutionSegment, total: number): number {
  const whole = Math.max(0, Math.floor(total));
  return whole > segment.index ? Math.floor((whole - segment.index - 1) / segment.count) + 1 : 0;
}

/** Whether unit `n` (a global VU index, iteration index or schedule position) belongs to this segment. */
export function ownsUnit(segment: ExecutionSegment, n: number): boolean {
  return n % segment.count === segment.index;
}

/** The global number of this segment's k-th unit (k = 0, 1, ...): its position in the whole run's schedule. */
export function globalUnit(segment: ExecutionSegment, k: number): number {
  return k * segment.count + segment.index;
}

/**
 * The segment a part uses for a scenario that cannot be cut finer than `capacity` units (an arrival-rate
 * scenario's maxVUs, a shared pool's VUs): parts past the capacity sit the scenario out, and the schedule is
 * shared among the others only, so no part owns iterations it has no VU for.
 */
export function cappedSegment(segment: ExecutionSegment, capacity: number): ExecutionSegment | undefined {
  const count = Math.min(segment.count, Math.max(1, Math.floor(capacity)));
  return segment.index < count ? { index: segment.index, count } : undefined;
}
