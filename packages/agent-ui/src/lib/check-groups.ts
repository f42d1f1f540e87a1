import type { RunSummaryJson, SummaryCheck, SummaryGroup } from '@fpt/api-types';

/** The checks of one group (or of none), under a heading. */
export interface CheckGroup {
  /** The group's k6 path (`::checkout::pay`); empty for the checks outside any group. */
  readonly path: string;
  /** `checkout › pay`; `outside any group` for the root. */
  readonly label: string;
  /** 0 for a top-level group, 1 for one inside it, … */
  readonly depth: number;
  readonly checks: readonly SummaryCheck[];
  /** The group's own duration (its group_duration sub-metric), when the summary has it. */
  readonly p95Ms?: number;
  readonly avgMs?: number;
}

/**
 * A run's checks by group: those outside any group first (when there are some), then each group of
 * root_group before the groups inside it, then any group a check names that the tree lacks. Empty for a run
 * without groups, which lists its checks in one table as before.
 */
export function checkGroups(summary: RunSummaryJson): CheckGroup[] {
  const placed: { path: string; label: string; depth: number }[] = [];
  const visit = (group: SummaryGroup, names: readonly string[]) => {
    for (const child of group.groups) {
      const childNames = [...names, child.name];
      placed.push({ path: child.path, label: childNames.join(' › '), depth: names.length });
      visit(child, childNames);
    }
  };
  visit(summary.root_group, []);
  if (placed.length === 0) return [];

  const { checks } = summary.fpt;
  const known = new Set(placed.map((g) => g.path));
  for (const check of checks) {
    if (check.group === undefined || known.has(check.group)) continue;
    known.add(check.group);
    placed.push({ path: check.group, label: check.group.split('::').slice(1).join(' › '), depth: 0 });
  }
  if (checks.some((c) => c.group === undefined))
    placed.unshift({ path: '', label: 'outside any group', depth: 0 });

  return placed.map((g) => {
    const key = `group_duration{group:${g.path}}`;
    const duration = Object.hasOwn(summary.metrics, key) ? summary.metrics[key]?.values : undefined;
    return {
      ...g,
      checks: checks.filter((c) => (c.group ?? '') === g.path),
      ...(duration?.['p(95)'] === undefined ? {} : { p95Ms: duration['p(95)'] }),
      ...(duration?.['avg'] === undefined ? {} : { avgMs: duration['avg'] }),
    };
  });
}
