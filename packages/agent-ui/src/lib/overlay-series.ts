export interface Overlay {
  /** Whole seconds since each run's start, both runs aligned at t = 0. */
  readonly x: number[];
  readonly a: (number | null)[];
  readonly b: (number | null)[];
}

/**
 * Two runs' series on one x axis, aligned at their start. Points are about a second apart but not on
 * the same fractions of a second, so each is placed on its nearest whole second (the first point to
 * land on a second keeps it); a second only one run has is a gap in the other.
 */
export function alignOverlay(
  a: { readonly x: readonly number[]; readonly values: readonly (number | null)[] },
  b: { readonly x: readonly number[]; readonly values: readonly (number | null)[] },
): Overlay {
  const bySecond = (side: typeof a) => {
    const map = new Map<number, number | null>();
    side.x.forEach((x, i) => {
      const second = Math.round(x);
      if (!map.has(second)) map.set(second, side.values[i] ?? null);
    });
    return map;
  };
  const ma = bySecond(a);
  const mb = bySecond(b);
  const x = [...new Set([...ma.keys(), ...mb.keys()])].sort((p, q) => p - q);
  return { x, a: x.map((s) => ma.get(s) ?? null), b: x.map((s) => mb.get(s) ?? null) };
}
