import type { FleetRunRow } from '../api/fleet-types.js';
import type { RunVerdict } from './run-verdict.js';

function thresholdsOf(count: number): string {
  return `${count} threshold${count === 1 ? '' : 's'}`;
}

/**
 * A fleet run's badge and first line. INCOMPLETE is its own word: what arrived held, but some regions
 * delivered nothing, so there is no verdict on the whole fleet.
 */
export function fleetRunVerdict(run: FleetRunRow): RunVerdict {
  const total = run.thresholds.length;
  const crossed = run.thresholds.filter((t) => !t.ok).length;
  const reason = run.reason ? `: ${run.reason}` : '';
  switch (run.status) {
    case 'running':
      return {
        badge: 'RUNNING',
        icon: '▶',
        tone: 'info',
        detail: `in progress in ${run.requestedRegions.join(', ')}; the merged figures come at the end`,
      };
    case 'passed':
      return total === 0
        ? {
            badge: 'COMPLETED',
            icon: '○',
            tone: 'neutral',
            detail: 'every region delivered; no thresholds defined, so nothing was judged',
          }
        : {
            badge: 'PASSED',
            icon: '✓',
            tone: 'good',
            detail: `every region delivered and all ${thresholdsOf(total)} held on the merged data`,
          };
    case 'failed':
      return {
        badge: 'FAILED',
        icon: '✗',
        tone: 'bad',
        detail: run.reason ?? `${crossed} of ${thresholdsOf(total)} crossed`,
      };
    case 'incomplete':
      return {
        badge: 'INCOMPLETE',
        icon: '◐',
        tone: 'warn',
        detail: run.reason ?? `regions missing: ${run.missingRegions.join(', ')}`,
      };
    case 'stopped':
      return {
        badge: 'STOPPED',
        icon: '■',
        tone: 'warn',
        detail: run.reason ?? 'stopped on request; what the agents measured so far is merged',
      };
    case 'error':
      return {
        badge: 'ERROR',
        icon: '!',
        tone: 'warn',
        detail: `the coordinator could not finish the fleet run (not a verdict on the target)${reason}`,
      };
  }
}
