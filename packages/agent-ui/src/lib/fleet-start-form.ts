import type { StartFleetRunRequest } from '@fpt/api-types';
import { type OverrideFields, parseOverrides } from './run-overrides.js';

export interface RegionChoice {
  readonly region: string;
  /** Some peer of the registry serves it; a region no peer serves cannot be run. */
  readonly served: boolean;
  /** The preset names it in its `regions`. */
  readonly inPreset: boolean;
  /**
   * Why a served region cannot run now, from fleet status: one of its agents did not answer (a region runs
   * only whole). Such a region is never ticked when the form opens; the reader may still tick it to retry.
   */
  readonly unavailable: string | null;
  /** Ticked when the form opens: the preset's regions (as the agent's default), else every served one. */
  readonly checked: boolean;
}

/**
 * The region checkboxes of the start form: the registry's regions in its order, then any region the preset
 * names that no peer serves (shown, but not selectable, so the reader learns why it will not run).
 */
export function regionChoices(
  presetRegions: readonly string[],
  servedRegions: readonly string[],
  unavailableRegions: Readonly<Record<string, string>> = {},
): RegionChoice[] {
  const served = [...new Set(servedRegions)];
  const usePreset = presetRegions.some((region) => served.includes(region));
  const choices = served.map((region) => {
    const unavailable = unavailableRegions[region] ?? null;
    return {
      region,
      served: true,
      inPreset: presetRegions.includes(region),
      unavailable,
      checked: unavailable === null && (usePreset ? presetRegions.includes(region) : true),
    };
  });
  const unserved = [...new Set(presetRegions)]
    .filter((region) => !served.includes(region))
    .map((region) => ({ region, served: false, inPreset: true, unavailable: null, checked: false }));
  return [...choices, ...unserved];
}

/** The regions one of whose agents fleet status could not reach, each with what is wrong in words. */
export function unavailableRegionsOf(
  peers: readonly {
    readonly id: string;
    readonly region: string;
    readonly health: string;
    readonly detail: string | null;
  }[],
): Record<string, string> {
  const unavailable: Record<string, string> = {};
  for (const peer of peers) {
    if (peer.health === 'ok' || unavailable[peer.region] !== undefined) continue;
    unavailable[peer.region] = `${peer.id} ${peer.health}${peer.detail ? `: ${peer.detail}` : ''}`;
  }
  return unavailable;
}

export interface FleetStartFields extends OverrideFields {
  readonly preset: string;
  readonly regions: readonly string[];
}

export type ParsedFleetStart =
  | { readonly ok: true; readonly request: StartFleetRunRequest }
  | { readonly ok: false; readonly problems: string[] };

/**
 * The start form checked before it is sent, every problem in words with the fix. The regions are always
 * sent: what the reader ticked is what runs.
 */
export function parseFleetStart(fields: FleetStartFields): ParsedFleetStart {
  const problems: string[] = [];
  if (fields.preset === '') problems.push('Pick a preset to run.');
  if (fields.regions.length === 0) problems.push('Tick at least one region to run in.');
  const overrides = parseOverrides(fields);
  if (!overrides.ok) problems.push(...overrides.problems);
  if (problems.length > 0 || !overrides.ok) return { ok: false, problems };
  return {
    ok: true,
    request: {
      preset: fields.preset,
      regions: [...fields.regions],
      ...(overrides.overrides ? { overrides: overrides.overrides } : {}),
    },
  };
}
