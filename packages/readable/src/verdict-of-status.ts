import { VerdictKind } from './verdict-words.js';

/**
 * The verdict a run's or a fleet run's status names ("passed", "failed", "incomplete", "stopped", "aborted",
 * "running", "error"), for a row that has no exit code to follow. A pass with no threshold judged is
 * COMPLETED. Undefined for a status this list does not know.
 */
export function verdictOfStatus(status: string, judged: boolean): VerdictKind | undefined {
  if (status === VerdictKind.passed) return judged ? VerdictKind.passed : VerdictKind.completed;
  const kinds: readonly string[] = Object.values(VerdictKind);
  return kinds.includes(status) && status !== VerdictKind.completed ? (status as VerdictKind) : undefined;
}
