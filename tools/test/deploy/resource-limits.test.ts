import { describe, expect, it } from 'vitest';
import { type Destination, deepMerge, loadDestinations } from '../../test-support/deploy/kamal-fleet.js';
import { budgetProblems, containersOnHost, memoryBytes } from '../../test-support/deploy/kamal-resources.js';

// The load generator (the agent with its worker threads and Chromium), the tunnel, and on the metrics node
// InfluxDB and Grafana share one host each: every container has a memory and a CPU cap (docker run
// --memory/--cpus through Kamal's options), and the caps fit in the host with room for the rest.
const destinations = loadDestinations();

describe('memory and CPU limits on every host', () => {
  it.each(destinations.map((d) => [d.name, d] as const))(
    '%s: every container is capped, within the host',
    (_n, d) => {
      expect(budgetProblems(d)).toEqual([]);
    },
  );

  it('caps the agent, the tunnel and, on the metrics node, InfluxDB and Grafana', () => {
    const nearA = destinations.find((d) => d.name === 'near-a')!;
    expect(
      containersOnHost(nearA)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['agent', 'cloudflared', 'grafana', 'influxdb']);
    for (const d of destinations.filter((x) => x.name !== 'near-a')) {
      expect(
        containersOnHost(d)
          .map((c) => c.name)
          .sort(),
      ).toEqual(['agent', 'cloudflared']);
    }
  });

  it('gives the load generator the largest share on every host', () => {
    for (const d of destinations) {
      const [agent, ...others] = containersOnHost(d);
      for (const other of others) {
        expect(agent!.memoryBytes!, `${d.name} ${other.name}`).toBeGreaterThan(other.memoryBytes!);
        expect(agent!.cpus!, `${d.name} ${other.name}`).toBeGreaterThan(other.cpus!);
      }
    }
  });

  it('catches a missing limit and limits larger than the host', () => {
    const nearA = destinations.find((d) => d.name === 'near-a')!;
    const change = (patch: Record<string, unknown>): Destination => ({
      ...nearA,
      config: deepMerge(nearA.config, patch),
    });
    // Kamal merges maps key by key: a destination removes the options only by replacing them.
    const unlimited = change({ accessories: { grafana: { options: null } } });
    expect(budgetProblems(unlimited)).toEqual([
      'near-a: grafana has no memory limit',
      'near-a: grafana has no CPU limit',
    ]);
    const greedy = change({ servers: { web: { options: { memory: '8g', cpus: 4 } } } });
    expect(budgetProblems(greedy)).toEqual([
      expect.stringMatching(
        /^near-a: the memory limits add up to 10\.75 GiB, more than the host's 8\.00 GiB/,
      ),
      "near-a: the CPU limits add up to 5.75, more than the host's 4",
    ]);
  });

  it('reads docker memory sizes', () => {
    expect(memoryBytes('512m')).toBe(512 * 1024 ** 2);
    expect(memoryBytes('4g')).toBe(4 * 1024 ** 3);
    expect(memoryBytes(1048576)).toBe(1048576);
    expect(memoryBytes('lots')).toBeUndefined();
  });
});
