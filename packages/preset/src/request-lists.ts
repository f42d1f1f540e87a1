import type { Preset } from './schema/preset.js';
import type { RequestSpec } from './schema/request.js';

/** One list of requests a preset holds: setup, teardown, or a scenario's. */
export interface RequestList {
  readonly path: readonly PropertyKey[];
  readonly requests: readonly RequestSpec[];
  /** Where it sits: setup and teardown run once, in order; a scenario runs per iteration. */
  readonly role: 'setup' | 'teardown' | 'scenario';
  /** The scenario's name, for a scenario's list. */
  readonly scenario?: string;
  /** The requests run in order, each iteration: setup, teardown, and scenarios with selection: sequence. */
  readonly sequence: boolean;
}

/** Every request list of a preset, in the order they run, so that each check walks them the same way. */
export function requestLists(preset: Preset): RequestList[] {
  const lists: RequestList[] = [];
  if (preset.setup) lists.push({ path: ['setup'], requests: preset.setup, role: 'setup', sequence: true });
  for (const [name, scenario] of Object.entries(preset.scenarios)) {
    if (!scenario.requests) continue;
    lists.push({
      path: ['scenarios', name, 'requests'],
      requests: scenario.requests,
      role: 'scenario',
      scenario: name,
      sequence: scenario.selection === 'sequence',
    });
  }
  if (preset.teardown)
    lists.push({ path: ['teardown'], requests: preset.teardown, role: 'teardown', sequence: true });
  return lists;
}

/** The group a request runs in as its path of names (checkout::pay → [checkout, pay]); [] outside groups. */
export function groupNames(request: RequestSpec): string[] {
  return request.group === undefined ? [] : request.group.split('::').map((name) => name.trim());
}

/** k6's path of a group: "::checkout::pay"; "" for the root group. */
export function groupPath(names: readonly string[]): string {
  return names.map((name) => `::${name}`).join('');
}
