import { describe, expect, it } from 'vitest';
import { alignOverlay } from '../src/lib/overlay-series.js';

describe('alignOverlay', () => {
  it('puts both runs on whole seconds from their start, with gaps where one has no point', () => {
    expect(
      alignOverlay(
        { x: [1.003, 2.004, 3.002, 3.25], values: [10, 11, null, 99] },
        { x: [0.998, 2.001], values: [20, 21] },
      ),
    ).toEqual({ x: [1, 2, 3], a: [10, 11, null], b: [20, 21, null] });
  });
  it('is empty for two empty runs', () => {
    expect(alignOverlay({ x: [], values: [] }, { x: [], values: [] })).toEqual({ x: [], a: [], b: [] });
  });
});
