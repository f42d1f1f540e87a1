import type { RunStatus } from '@fpt/api-types';

// A record keyed by every status: a status the API adds fails the type check here until it is listed.
const listed: Readonly<Record<RunStatus, true>> = {
  running: true,
  passed: true,
  failed: true,
  aborted: true,
  stopped: true,
  error: true,
};

/** Every run status, in the order the history filter offers them. */
export const runStatuses = Object.keys(listed) as readonly RunStatus[];
