import { accessoriesOf, type Destination, get, hostsOf } from './kamal-fleet.js';

/** What the host keeps for itself beyond the limited containers: kamal-proxy, dockerd, sshd, the OS. */
export const hostReserveBytes = 1024 ** 3;

export interface LimitedContainer {
  /** "agent" for the app's primary role, else the accessory's name. */
  name: string;
  memoryBytes: number | undefined;
  cpus: number | undefined;
}

/** A docker --memory value (`512m`, `4g`, a number of bytes) in bytes; undefined if it is none of those. */
export function memoryBytes(value: unknown): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([bkmg]?)$/i.exec(String(value ?? '').trim());
  if (!match) return undefined;
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase()]!;
  return Math.round(Number(match[1]) * unit);
}

function cpusOf(value: unknown): number | undefined {
  const cpus = Number(value);
  return value === undefined || !Number.isFinite(cpus) || cpus <= 0 ? undefined : cpus;
}

/** The agent and every accessory that runs on the destination's host, with their docker limits. */
export function containersOnHost(destination: Destination): LimitedContainer[] {
  const { config } = destination;
  const hosts = hostsOf(config);
  const roles = Object.keys((config.servers as object | undefined) ?? {});
  const limited = (name: string, options: unknown): LimitedContainer => ({
    name,
    memoryBytes: memoryBytes(get(options, 'memory')),
    cpus: cpusOf(get(options, 'cpus')),
  });
  const containers = [limited('agent', get(config, 'servers', 'web', 'options'))];
  for (const [name, accessory] of Object.entries(accessoriesOf(config))) {
    const placed = [accessory.host, ...((accessory.hosts as unknown[]) ?? [])].map(String);
    const onRole = ((accessory.roles as string[] | undefined) ?? []).some((role) => roles.includes(role));
    if (onRole || placed.some((host) => hosts.includes(host)))
      containers.push(limited(name, accessory.options));
  }
  return containers;
}

/**
 * Why the containers on a destination's host could starve each other, one sentence each: a container
 * without a memory or CPU limit, or limits that add up to more than the host (x-host-size) has.
 */
export function budgetProblems(destination: Destination): string[] {
  const { name, config } = destination;
  const problems: string[] = [];
  const hostMemory = memoryBytes(get(config, 'x-host-size', 'memory'));
  const hostCpus = cpusOf(get(config, 'x-host-size', 'cpus'));
  if (hostMemory === undefined || hostCpus === undefined) {
    return [
      `${name}: x-host-size (memory, cpus) is missing, so the limits cannot be checked against the host`,
    ];
  }
  const containers = containersOnHost(destination);
  for (const container of containers) {
    if (container.memoryBytes === undefined) problems.push(`${name}: ${container.name} has no memory limit`);
    if (container.cpus === undefined) problems.push(`${name}: ${container.name} has no CPU limit`);
  }
  const memory = containers.reduce((sum, c) => sum + (c.memoryBytes ?? 0), 0);
  const cpus = containers.reduce((sum, c) => sum + (c.cpus ?? 0), 0);
  if (memory > hostMemory - hostReserveBytes) {
    const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
    problems.push(
      `${name}: the memory limits add up to ${gib(memory)}, more than the host's ${gib(hostMemory)} less ${gib(hostReserveBytes)} for kamal-proxy, Docker and the OS`,
    );
  }
  if (cpus > hostCpus)
    problems.push(`${name}: the CPU limits add up to ${cpus}, more than the host's ${hostCpus}`);
  return problems;
}
