import type { SummaryGroup } from './summary-data.js';

/** One group of a run's group tree, with where it sits. */
export interface PlacedGroup {
  readonly group: SummaryGroup;
  /** 0 for a top-level group, 1 for a group inside it, … */
  readonly depth: number;
  /** Its name and its parents', outermost first: ['checkout', 'pay']. */
  readonly names: readonly string[];
}

/** Every group below the root, each right before the groups inside it, in the order they first ran. */
export function flattenGroups(root: SummaryGroup): PlacedGroup[] {
  const placed: PlacedGroup[] = [];
  const visit = (group: SummaryGroup, names: readonly string[]) => {
    for (const child of group.groups) {
      const childNames = [...names, child.name];
      placed.push({ group: child, depth: names.length, names: childNames });
      visit(child, childNames);
    }
  };
  visit(root, []);
  return placed;
}
