export type ParamResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

export type IntegerSpec = { readonly min: number; readonly max: number; readonly defaultValue?: number };

const digits = /^\d+$/;

/** Strict: "50" is 50, but "50ms", "5e1", "" and "-1" are errors, so a typo in a knob is never silently 0. */
export function parseIntegerParam(
  name: string,
  raw: string | null | undefined,
  spec: IntegerSpec,
): ParamResult<number> {
  if (raw === null || raw === undefined) {
    if (spec.defaultValue !== undefined) return { ok: true, value: spec.defaultValue };
    return { ok: false, message: `${name} is required (an integer ${spec.min}..${spec.max})` };
  }
  const value = digits.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < spec.min || value > spec.max) {
    return { ok: false, message: `${name} must be an integer ${spec.min}..${spec.max}, got "${raw}"` };
  }
  return { ok: true, value };
}

const decimal = /^(\d+(\.\d*)?|\.\d+)$/;

export function parseRatioParam(
  name: string,
  raw: string | null | undefined,
  defaultValue: number,
): ParamResult<number> {
  if (raw === null || raw === undefined) return { ok: true, value: defaultValue };
  const value = decimal.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 0 && value <= 1)) {
    return { ok: false, message: `${name} must be a number 0..1, got "${raw}"` };
  }
  return { ok: true, value };
}
