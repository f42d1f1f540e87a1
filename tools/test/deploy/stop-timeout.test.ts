import { agentStopBudgetMs, runStopGraceMs } from '@fpt/agent';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../test-support/deploy/dockerfile-model.js';
import { get, loadBaseConfig, loadDestinations } from '../../test-support/deploy/kamal-fleet.js';
import { isRecord } from '../../test-support/deploy/key-schema.js';
import { readRepoFile } from '../../test-support/deploy/repo-files.js';

// A redeploy stops the old container with `docker stop -t <stop_timeout>`: SIGTERM, then SIGKILL. On
// SIGTERM the agent stops its run, which has runStopGraceMs to write its summary, records the row and
// exits. A stop timeout shorter than that kills the agent first (exit 137): no summary, a lost run.
// packages/agent/test/agent-redeploy.test.ts shows the agent's side with a real process.

/** The stop timeout Kamal gives each role of a destination: the role's own, else the file's (seconds). */
function stopTimeouts(config: Record<string, unknown>): { role: string; seconds: unknown }[] {
  const servers = get(config, 'servers');
  const roles = isRecord(servers) ? Object.keys(servers) : ['web'];
  return roles.map((role) => ({
    role,
    seconds: get(config, 'servers', role, 'stop_timeout') ?? get(config, 'stop_timeout'),
  }));
}

describe("the container's stop timeout against the agent's stop grace", () => {
  it("is set in config/deploy.yml: Docker's default of 10 s is shorter than a run gets to stop", () => {
    expect(get(loadBaseConfig(), 'stop_timeout')).toEqual(expect.any(Number));
    expect(runStopGraceMs).toBeGreaterThan(10_000);
  });

  it.each(loadDestinations().map((d) => [d.name, d] as const))(
    '%s: every role waits at least as long as the agent needs to stop',
    (_name, destination) => {
      for (const { role, seconds } of stopTimeouts(destination.config)) {
        expect(seconds, `${destination.name} ${role}: stop_timeout`).toEqual(expect.any(Number));
        expect((seconds as number) * 1000, `${destination.name} ${role}`).toBeGreaterThanOrEqual(
          agentStopBudgetMs,
        );
      }
    },
  );

  it("leaves the agent the budget's margin beyond the run's grace", () => {
    expect(agentStopBudgetMs).toBeGreaterThan(runStopGraceMs);
  });

  it('the image passes SIGTERM to the agent: tini as PID 1 and no other stop signal', () => {
    const dockerfile = readRepoFile('deploy/Dockerfile');
    const { final } = parseDockerfile(dockerfile);
    expect(final.entrypoint?.[0]).toMatch(/\/tini$/);
    const stopSignal = /^\s*STOPSIGNAL\s+(\S+)/im.exec(dockerfile)?.[1];
    expect([undefined, 'SIGTERM', 'SIGINT']).toContain(stopSignal);
  });
});
