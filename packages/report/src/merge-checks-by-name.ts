import type { CheckOutcome } from '@fpt/metrics';

export interface NamedCheckTotals {
  readonly name: string;
  readonly passes: number;
  readonly fails: number;
}

/**
 * One entry per check name, in order of first appearance. k6 has one check per name within a group, so
 * the same check run by several scenarios or requests of one group adds up to one.
 */
export function mergeChecksByName(checks: readonly CheckOutcome[]): NamedCheckTotals[] {
  const byName = new Map<string, { name: string; passes: number; fails: number }>();
  for (const check of checks) {
    const totals = byName.get(check.name);
    if (totals === undefined)
      byName.set(check.name, { name: check.name, passes: check.passes, fails: check.fails });
    else {
      totals.passes += check.passes;
      totals.fails += check.fails;
    }
  }
  return [...byName.values()];
}
