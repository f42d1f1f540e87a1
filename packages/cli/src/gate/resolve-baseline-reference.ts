import { join } from 'node:path';
import { GateInputError } from '@fpt/gate';
import type { AgentLocation } from './agent-location.js';

/**
 * Where a baseline comes from: a file given by path, or the file kept for a preset in the baselines
 * folder. An agent integration adds `{ kind: 'agent', preset }` here (the baseline an agent keeps for the
 * preset) without changing the commands.
 */
export type BaselineReference =
  | {
      readonly kind: 'file';
      readonly path: string;
      /** Given as a path, or found by preset name in the baselines folder. */
      readonly via: 'path' | 'preset';
    }
  /** The baseline an agent keeps for the preset (GET /api/baselines/:preset). */
  | { readonly kind: 'agent'; readonly agent: AgentLocation; readonly preset: string };

const PRESET_NAME = /^[A-Za-z0-9_-]+$/;

/** The folder `--baseline <preset>` looks in: $FPT_BASELINES_DIR, else ./baselines. */
export function baselinesDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.FPT_BASELINES_DIR || 'baselines';
}

/**
 * `--baseline <file | preset>` → where to read it: the file when it exists, else for a preset name
 * `<baselines folder>/<name>.json`. Throws GateInputError naming every place it looked.
 */
export function resolveBaselineReference(
  reference: string,
  env: Readonly<Record<string, string | undefined>>,
  fileExists: (path: string) => boolean,
  agent?: AgentLocation,
): BaselineReference {
  if (fileExists(reference)) return { kind: 'file', path: reference, via: 'path' };
  if (PRESET_NAME.test(reference)) {
    const path = join(baselinesDir(env), `${reference}.json`);
    if (fileExists(path)) return { kind: 'file', path, via: 'preset' };
    if (agent) return { kind: 'agent', agent, preset: reference };
    throw new GateInputError(
      `no baseline "${reference}": neither a file of that name nor ${path} exists`,
      [],
      `save one: fpt run ${reference} --summary-export summary.json && fpt baseline save summary.json -o ${path}`,
    );
  }
  throw new GateInputError(
    `no baseline file "${reference}"`,
    [],
    'save one with `fpt baseline save <summary.json> -o <file>`, or give a preset name to use baselines/<preset>.json',
  );
}
