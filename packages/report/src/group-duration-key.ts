/**
 * The summary's metrics key of one group's own duration: `group_duration{group:::checkout::pay}`, the key a
 * threshold on it would have, so the summary, the HTML report and the agent UI find it by the group's path.
 */
export function groupDurationKey(groupPath: string): string {
  return `group_duration{group:${groupPath}}`;
}
