import type { ExecutionSegment, Preset, ScenarioSpec } from '@fpt/preset';
import { loadExtent } from '@fpt/preset';
import type { SystemLimits } from './system-limits.js';

/** Files a process needs besides its connections: stdio, worker threads' pipes, outputs, a margin. */
const reservedFiles = 64;
/** How long Linux keeps a closed connection's port (TIME_WAIT): 60 s. */
const timeWaitSeconds = 60;

/**
 * What will not fit before a run starts: connections the open-file limit cannot hold, more connections to
 * one target address than one source address has ephemeral ports, and connections opened per request
 * faster than TIME_WAIT gives ports back. Each message says the numbers and how to make room; a run that
 * goes ahead anyway sees the failures as EMFILE or EADDRNOTAVAIL, explained in the summary.
 */
export function capacityWarnings(preset: Preset, segment: ExecutionSegment, limits: SystemLimits): string[] {
  const api = Object.fromEntries(
    Object.entries(preset.scenarios).filter(([, spec]) => spec.requests !== undefined),
  ) as Record<string, ScenarioSpec>;
  if (Object.keys(api).length === 0) return [];
  const share = 1 / segment.count;
  const peakVUs = Math.ceil(loadExtent(api).peakVUs * share);
  const origins = Math.max(
    ...Object.values(api).map((spec) => originCount(spec, preset.target.baseUrl ?? '')),
  );
  const peakConnections = peakVUs * origins;
  const warnings: string[] = [];

  if (limits.openFiles !== undefined) {
    const available = limits.openFiles - (limits.openFilesInUse ?? 0) - reservedFiles;
    if (peakConnections > available)
      warnings.push(
        `this run can hold ${peakConnections} connections at once (${peakVUs} VUs × ${origins} origin${origins === 1 ? '' : 's'}), but the open-file limit is ${limits.openFiles} (${limits.openFilesInUse ?? 'some'} in use): connections past it fail with EMFILE. Raise the limit (ulimit -n 65536, LimitNOFILE= for a service, --ulimit nofile= for a container) or run fewer VUs`,
      );
  }

  if (limits.ephemeralPorts !== undefined) {
    const ports = limits.ephemeralPorts.high - limits.ephemeralPorts.low + 1;
    const sources = Math.max(1, preset.target.localAddresses?.length ?? 0);
    const usable = ports * sources;
    if (peakVUs > usable)
      warnings.push(
        `up to ${peakVUs} connections go to one target address, but ${sources === 1 ? 'one source address has' : `${sources} source addresses have`} ${usable} ephemeral ports (${limits.ephemeralPorts.low}–${limits.ephemeralPorts.high}): connections past it fail with EADDRNOTAVAIL. Add source addresses with target.localAddresses, or widen net.ipv4.ip_local_port_range`,
      );
    if (preset.target.connectionReuse === 'off') {
      const perSecond = peakRequestsPerSecond(api) * share;
      if (perSecond * timeWaitSeconds > usable)
        warnings.push(
          `connectionReuse: off opens a connection per request: at ${Math.round(perSecond)} requests/s, ${Math.round(perSecond * timeWaitSeconds)} ports wait in TIME_WAIT for ${timeWaitSeconds} s, more than the ${usable} ephemeral ports there are; keep connections (connectionReuse: vu) or add target.localAddresses`,
        );
    }
  }
  return warnings;
}

/** Origins a scenario's requests go to, as far as the preset says: a templated URL counts as one more. */
function originCount(spec: ScenarioSpec, baseUrl: string): number {
  const origins = new Set<string>();
  for (const request of spec.requests ?? []) {
    const url = request.url ?? `${baseUrl}${request.path ?? ''}`;
    try {
      origins.add(url.includes('{{') ? `templated:${request.name}` : new URL(url).origin);
    } catch {
      origins.add(url);
    }
  }
  return Math.max(1, origins.size);
}

/** Open-model scenarios say how many requests per second they start at most; closed ones do not. */
function peakRequestsPerSecond(scenarios: Record<string, ScenarioSpec>): number {
  const { profiles } = loadExtent(scenarios);
  return profiles.reduce((sum, p) => sum + (p.peakIterationsPerSec ?? 0) * p.requestsPerIteration, 0);
}
