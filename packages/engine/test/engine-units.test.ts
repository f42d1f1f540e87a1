import { describe, expect, it } from 'vitest';
import {
  arrivalTimeMs,
  compileJsonPath,
  compileTemplate,
  evaluateJsonPath,
  renderTemplate,
  stageProfile,
} from '../src/index.js';

describe('templates', () => {
  it('render variables and report missing ones', () => {
    const missing: string[] = [];
    const template = compileTemplate('/items/{{ id }}?u={{user.name}}&x={{nope}}');
    const out = renderTemplate(
      template,
      new Map([
        ['id', '7'],
        ['user.name', 'ann'],
      ]),
      (name) => missing.push(name),
    );
    expect(out).toBe('/items/7?u=ann&x=');
    expect(missing).toEqual(['nope']);
    expect(compileTemplate('/plain').isConstant).toBe(true);
  });
});

describe('JSON paths', () => {
  const doc = { data: { items: [{ id: 1 }, { id: 2, 'odd key': true }] }, token: 'x' };
  it('reach nested fields, indexes and quoted keys; a miss is not an exception', () => {
    expect(evaluateJsonPath(doc, compileJsonPath('$.data.items[1].id'))).toBe(2);
    expect(evaluateJsonPath(doc, compileJsonPath("$.data.items[1]['odd key']"))).toBe(true);
    expect(evaluateJsonPath(doc, compileJsonPath('token'))).toBe('x');
    expect(typeof evaluateJsonPath(doc, compileJsonPath('$.data.items[5].id'))).toBe('symbol');
    expect(typeof evaluateJsonPath('text', compileJsonPath('$.a'))).toBe('symbol');
    expect(() => compileJsonPath('$..deep')).toThrow(SyntaxError);
  });
});

describe('arrival schedules', () => {
  it('space a constant rate evenly', () => {
    const profile = stageProfile(10, [{ duration: '2s', target: 10 }], 1 / 1000);
    expect(arrivalTimeMs(profile, 0)).toBe(0);
    expect(arrivalTimeMs(profile, 5)).toBeCloseTo(500, 6);
    expect(arrivalTimeMs(profile, 19)).toBeCloseTo(1900, 6);
    expect(arrivalTimeMs(profile, 20)).toBeUndefined();
  });

  it('integrate a linear ramp exactly: the n-th start is where the area under the rate reaches n', () => {
    // 0 → 100/s over 2 s: N(t) = 25·t², so the 25th iteration starts at 1 s and the 100th would at 2 s.
    const profile = stageProfile(0, [{ duration: '2s', target: 100 }], 1 / 1000);
    expect(arrivalTimeMs(profile, 25)).toBeCloseTo(1000, 6);
    expect(arrivalTimeMs(profile, 1)).toBeCloseTo(200, 6);
    expect(arrivalTimeMs(profile, 99)).toBeCloseTo(Math.sqrt(99 / 25) * 1000, 6);
    expect(arrivalTimeMs(profile, 100)).toBeUndefined();
  });

  it('chain stages, including a ramp down and a zero-rate pause', () => {
    const profile = stageProfile(
      10,
      [
        { duration: '1s', target: 10 },
        { duration: '1s', target: 0 },
        { duration: '1s', target: 0 },
        { duration: '1s', target: 10 },
      ],
      1 / 1000,
    );
    expect(arrivalTimeMs(profile, 10)).toBeCloseTo(1000, 6);
    // The ramp down adds 5 more; the next start comes after the pause, in the last ramp.
    expect(arrivalTimeMs(profile, 14)!).toBeLessThan(2000);
    expect(arrivalTimeMs(profile, 15)!).toBeGreaterThanOrEqual(3000);
    expect(arrivalTimeMs(profile, 16)!).toBeGreaterThan(3000);
    expect(profile.valueAt(2500)).toBe(0);
  });
});
