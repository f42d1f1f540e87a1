import type { CheckOutcome, MetricStore } from '@fpt/metrics';
import { mergeChecksByName } from './merge-checks-by-name.js';
import { pathId } from './path-id.js';
import type { SummaryGroup } from './summary-data.js';

interface GroupNode {
  readonly name: string;
  readonly path: string;
  readonly children: Map<string, GroupNode>;
  readonly checks: CheckOutcome[];
}

/**
 * k6's root_group: the groups that ran (from their group_duration series and their checks' group tags), nested
 * by path, each holding its own checks merged by name. Outside any group a check sits on the root.
 */
export function buildRootGroup(store: MetricStore, checks: readonly CheckOutcome[]): SummaryGroup {
  const root: GroupNode = { name: '', path: '', children: new Map(), checks: [] };
  const nodeAt = (path: string): GroupNode => {
    let node = root;
    for (const name of path.split('::').slice(1)) {
      let child = node.children.get(name);
      if (child === undefined) {
        child = { name, path: `${node.path}::${name}`, children: new Map(), checks: [] };
        node.children.set(name, child);
      }
      node = child;
    }
    return node;
  };
  for (const check of checks) nodeAt(check.group ?? '').checks.push(check);
  for (const { tagSet } of store.series('group_duration')) {
    const group = tagSet.tags.group;
    if (group?.startsWith('::')) nodeAt(group);
  }
  return toSummaryGroup(root);
}

function toSummaryGroup(node: GroupNode): SummaryGroup {
  return {
    name: node.name,
    path: node.path,
    id: pathId(node.path),
    groups: [...node.children.values()].map(toSummaryGroup),
    checks: mergeChecksByName(node.checks).map(({ name, passes, fails }) => {
      const path = `${node.path}::${name}`;
      return { name, path, id: pathId(path), passes, fails };
    }),
  };
}
