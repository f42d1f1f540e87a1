import { isPresetName } from '../presets/preset-catalog.js';
import { parseStartRequest, type StartRequest } from '../runs/start-request.js';
import { AgentHttpError } from '../server/agent-http-error.js';

/** POST /api/fleet/runs: a start request for every region, without a segment (the coordinator assigns those). */
export interface FleetStartRequest extends Omit<StartRequest, 'segment'> {
  /** Absent: the preset's regions, else every region of the registry. */
  readonly regions: readonly string[] | undefined;
}

const regionPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function parseFleetStartRequest(body: unknown): FleetStartRequest {
  const { segment, ...single } = parseStartRequest(body);
  if (segment) {
    throw new AgentHttpError(
      400,
      'a fleet run takes no segment: the coordinator splits each region across its agents',
      'leave segment out',
    );
  }
  // A preset id as agents name them (the file name without extension): it becomes part of the fleet run's id.
  if (!isPresetName(single.preset)) {
    throw new AgentHttpError(
      400,
      `preset ${JSON.stringify(single.preset)} is not a preset name`,
      'name a preset of GET /api/presets (letters, digits, "_", "-", ".")',
    );
  }
  const { regions } = body as { regions?: unknown };
  if (regions === undefined || regions === null) return { ...single, regions: undefined };
  if (
    !Array.isArray(regions) ||
    regions.length === 0 ||
    !regions.every((region) => typeof region === 'string' && regionPattern.test(region))
  ) {
    throw new AgentHttpError(
      400,
      'regions must be a non-empty list of region names',
      'e.g. {"preset": "quick", "regions": ["eu-near", "us-east"]}, or leave regions out for the preset\'s own',
    );
  }
  return { ...single, regions: [...new Set(regions as string[])] };
}
