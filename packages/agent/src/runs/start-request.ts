import type { ExecutionSegment, LoadOverrides } from '@fpt/preset';
import { AgentHttpError } from '../server/agent-http-error.js';

/** A request to start a run, checked field by field. */
export interface StartRequest {
  readonly preset: string;
  readonly overrides: LoadOverrides;
  readonly tags: Readonly<Record<string, string>>;
  /** This agent's share of a run split across agents (a fleet run); absent: the whole run. */
  readonly segment?: ExecutionSegment;
}

/**
 * A Map, not an object: a key every object inherits (toString, constructor, __proto__) must not count as an
 * override, or it would reach the run as an unknown flag.
 */
const overrideTypes: ReadonlyMap<string, 'integer' | 'string'> = new Map<
  keyof LoadOverrides,
  'integer' | 'string'
>([
  ['vus', 'integer'],
  ['duration', 'string'],
  ['iterations', 'integer'],
  ['rate', 'integer'],
  ['target', 'string'],
]);
const overrideNames = [...overrideTypes.keys()];

/** Reads POST /api/runs' body; a wrong field is a 400 that names it. */
export function parseStartRequest(body: unknown): StartRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AgentHttpError(
      400,
      'the body must be a JSON object',
      'send {"preset": "quick"} with Content-Type: application/json',
    );
  }
  const { preset, overrides = {}, tags = {}, segment } = body as Record<string, unknown>;
  if (typeof preset !== 'string' || preset === '') {
    throw new AgentHttpError(
      400,
      'preset is missing',
      'name a preset of GET /api/presets, e.g. {"preset": "quick"}',
    );
  }
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new AgentHttpError(
      400,
      'overrides must be an object',
      'e.g. {"overrides": {"vus": 5, "duration": "30s"}}',
    );
  }
  // Own keys only (Object.entries; JSON.parse makes "__proto__" an own key too), and only names the Map
  // knows are ever written to the result.
  const checked: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(overrides)) {
    const type = overrideTypes.get(key);
    if (!type) {
      throw new AgentHttpError(
        400,
        `overrides.${key} is not an override: the overrides are ${overrideNames.join(', ')}`,
        'e.g. {"overrides": {"vus": 5, "duration": "30s"}}; other settings belong in the preset',
        { allowed: overrideNames },
      );
    }
    if (value === undefined || value === null || value === '') continue;
    const ok =
      type === 'integer' ? Number.isInteger(value) && (value as number) > 0 : typeof value === 'string';
    if (!ok) {
      throw new AgentHttpError(
        400,
        `overrides.${key} must be ${type === 'integer' ? 'a whole number above 0' : 'a string'}`,
        type === 'integer'
          ? `e.g. "${key}": 10`
          : `e.g. "${key}": "${key === 'target' ? 'http://127.0.0.1:8787' : '30s'}"`,
      );
    }
    checked[key] = value as string | number;
  }
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) {
    throw new AgentHttpError(400, 'tags must be an object of strings', 'e.g. {"tags": {"build": "1234"}}');
  }
  const checkedTags: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (key === '__proto__') {
      throw new AgentHttpError(
        400,
        'tag __proto__ is not allowed: most code that handles tags would drop it or misread it',
        'pick another name, e.g. {"tags": {"build": "1234"}}',
      );
    }
    if (typeof value !== 'string' || !/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/.test(key)) {
      throw new AgentHttpError(
        400,
        `tag ${key} must be a name (letters, digits, _ . -) with a string value`,
        'e.g. {"tags": {"build": "1234"}}',
      );
    }
    checkedTags[key] = value;
  }
  return {
    preset,
    overrides: checked as LoadOverrides,
    tags: checkedTags,
    ...(segment === undefined || segment === null ? {} : { segment: parseSegment(segment) }),
  };
}

/** Limits how finely one region's load may be cut: far more parts than any fleet has agents. */
const maxSegmentCount = 1000;

function parseSegment(value: unknown): ExecutionSegment {
  const { index, count } = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  if (
    !Number.isInteger(index) ||
    !Number.isInteger(count) ||
    (count as number) < 1 ||
    (count as number) > maxSegmentCount ||
    (index as number) < 0 ||
    (index as number) >= (count as number)
  ) {
    throw new AgentHttpError(
      400,
      `segment must be {index, count} with whole numbers 0 <= index < count <= ${maxSegmentCount}`,
      'e.g. {"segment": {"index": 0, "count": 2}} runs the first of two equal shares',
    );
  }
  return { index: index as number, count: count as number };
}
