import type { ApiErrorBody } from '@fpt/api-types';

export interface Refusal {
  /** What happened, in a few words. */
  readonly title: string;
  /** The agent's own words: its error, the problems, the rule, the hint. */
  readonly lines: string[];
  /** The run in progress, when the agent was busy. */
  readonly runId?: string;
  /** The fleet run in progress, when the coordinator was busy. */
  readonly fleetRunId?: string;
}

/** What was asked for: a run on this agent, or a fleet run this agent coordinates. */
export type RefusalSubject = 'run' | 'fleet';

const runTitles: Readonly<Record<number, string>> = {
  400: 'The preset or the overrides are not valid',
  401: 'Not logged in, or the token is no longer accepted',
  403: 'The target is not in the allowlist',
  404: 'Not found',
  409: 'The agent is busy',
  422: 'Over a hard limit of this agent',
};

const fleetTitles: Readonly<Record<number, string>> = {
  ...runTitles,
  400: 'The fleet run request is not valid',
  409: 'A fleet run is in progress',
  503: 'This agent cannot coordinate a fleet run',
};

/** An API refusal in words, from its status and JSON body (docs/agent.md: error, hint, problems, …). */
export function describeRefusal(
  status: number,
  body: ApiErrorBody | undefined,
  subject: RefusalSubject = 'run',
): Refusal {
  const titles = subject === 'fleet' ? fleetTitles : runTitles;
  // Status 0: no HTTP answer at all (the agent is down, restarting, or out of this browser's reach).
  if (status === 0)
    return {
      title: 'The agent cannot be reached',
      lines: [
        'No answer from the agent: it may be stopped or restarting, or out of this browser’s reach. Try again when it is back.',
        ...(body?.error ? [body.error] : []),
      ],
    };
  const title =
    titles[status] ?? (status >= 500 ? `The agent failed (HTTP ${status})` : `Refused (HTTP ${status})`);
  const lines: string[] = [];
  if (body?.error) lines.push(body.error);
  for (const problem of body?.problems ?? []) lines.push(problem);
  if (body?.rule && !body.error?.includes(body.rule)) lines.push(`Rule: ${body.rule}`);
  if (body?.allowlist)
    lines.push(`Allowed targets: ${body.allowlist.length > 0 ? body.allowlist.join(', ') : 'none'}`);
  if (body?.target && !body.error?.includes(body.target)) lines.push(`Target: ${body.target}`);
  if (body?.hint) lines.push(`How to fix: ${body.hint}`);
  if (status === 409 && body?.runId) lines.push(`Run in progress: ${body.runId}`);
  if (lines.length === 0) lines.push('The agent gave no reason.');
  return {
    title,
    lines,
    ...(body?.runId ? { runId: body.runId } : {}),
    ...(body?.fleetRunId ? { fleetRunId: body.fleetRunId } : {}),
  };
}
