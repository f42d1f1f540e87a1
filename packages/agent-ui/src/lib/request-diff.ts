import type { SummaryRequest } from '../api/summary-types.js';
import { type DeltaMeaning, metricDelta } from './metric-delta.js';

export type RequestChange = 'both' | 'added' | 'removed';

export interface RequestDiffRow {
  readonly name: string;
  readonly scenario: string;
  readonly change: RequestChange;
  readonly a?: SummaryRequest;
  readonly b?: SummaryRequest;
  /** B p95 − A p95 in ms; null unless both runs have the request. */
  readonly deltaP95Ms: number | null;
  readonly deltaP95Pct: number | null;
  /** What the p95 change means: below the significance level it is `same`. */
  readonly meaning: DeltaMeaning;
}

const keyOf = (r: SummaryRequest) => `${r.scenario}\u0000${r.name}`;

/**
 * Requests of two runs side by side, matched by name and scenario. Rows in both come first, largest
 * p95 change first; then requests only B made (added), then only A made (removed).
 */
export function diffRequests(
  a: readonly SummaryRequest[],
  b: readonly SummaryRequest[],
  significancePct = 5,
): RequestDiffRow[] {
  const inA = new Map(a.map((r) => [keyOf(r), r]));
  const inB = new Map(b.map((r) => [keyOf(r), r]));
  const both: RequestDiffRow[] = [];
  const added: RequestDiffRow[] = [];
  for (const rb of b) {
    const ra = inA.get(keyOf(rb));
    if (ra) {
      const delta = metricDelta(ra.p95Ms, rb.p95Ms, 'lower', significancePct);
      both.push({
        name: rb.name,
        scenario: rb.scenario,
        change: 'both',
        a: ra,
        b: rb,
        deltaP95Ms: delta.delta,
        deltaP95Pct: delta.deltaPct,
        meaning: delta.meaning,
      });
    } else {
      added.push({
        name: rb.name,
        scenario: rb.scenario,
        change: 'added',
        b: rb,
        deltaP95Ms: null,
        deltaP95Pct: null,
        meaning: 'unknown',
      });
    }
  }
  const removed: RequestDiffRow[] = a
    .filter((ra) => !inB.has(keyOf(ra)))
    .map((ra) => ({
      name: ra.name,
      scenario: ra.scenario,
      change: 'removed',
      a: ra,
      deltaP95Ms: null,
      deltaP95Pct: null,
      meaning: 'unknown' as const,
    }));
  both.sort((x, y) => Math.abs(y.deltaP95Ms!) - Math.abs(x.deltaP95Ms!));
  return [...both, ...added, ...removed];
}
