import type { FleetLiveFigures, FleetLivePoint } from '@fpt/fleet';
import { formatMs, formatPerSecond, formatShare } from '@fpt/readable';

/**
 * One second of a fleet run as the CLI coordinator shows it: the fleet's merged figures, then each region's
 * (requests/s and p95, merged from its agents' histograms), so a CI log shows the paths side by side.
 */
export function formatFleetProgressLine(point: FleetLivePoint): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  const clock =
    point.elapsedMs <= point.plannedMs
      ? `running ${seconds(point.elapsedMs)}/${seconds(point.plannedMs)}`
      : `stopping ${seconds(point.elapsedMs)} (planned ${seconds(point.plannedMs)})`;
  const regions = point.regions
    .map((region) => `${region.region} ${region.agents === 0 ? 'no agent running' : figures(region)}`)
    .join('  ·  ');
  return `${clock}  VUs ${point.fleet.vus}  ${figures(point.fleet)}  errors ${errorShare(point.fleet)}  |  ${regions}`;
}

/** That second's request rate and p95; "-" for a second without a finished request. */
function figures(f: FleetLiveFigures): string {
  return `${formatPerSecond(f.requests)} p95 ${f.p95Ms === undefined ? '-' : formatMs(f.p95Ms)}`;
}

/** Failed requests since the start, over every request since the start. */
function errorShare(f: FleetLiveFigures): string {
  return f.totalRequests === 0 ? '-' : formatShare(f.totalFailed / f.totalRequests);
}
