import { describe, expect, it } from 'vitest';
import { loadPresetText, PresetError } from '../src/index.js';

const preset = `name: o
target: { baseUrl: "http://127.0.0.1:1" }
safety: { maxVUs: 20 }
scenarios:
  closed: { executor: constant-vus, vus: 2, duration: 10s, requests: [{ name: a, path: / }] }
  open: { executor: constant-arrival-rate, rate: 5, duration: 10s, preAllocatedVUs: 4, maxVUs: 8, requests: [{ name: b, path: / }] }
`;

const load = (overrides: Parameters<typeof loadPresetText>[2] extends infer O ? O : never) =>
  loadPresetText(preset, 'o.yaml', overrides);

describe('command-line overrides', () => {
  it('set VUs, duration and rate where each executor has them, and the target', () => {
    const { preset: p } = load({
      overrides: { vus: 3, duration: '5s', rate: 9, target: 'http://127.0.0.1:2' },
    });
    expect(p.scenarios.closed).toMatchObject({ vus: 3, duration: '5s' });
    expect(p.scenarios.open).toMatchObject({ rate: 9, duration: '5s', maxVUs: 3, preAllocatedVUs: 3 });
    expect(p.target.baseUrl).toBe('http://127.0.0.1:2');
  });

  it('are judged by the same safety limits and schema', () => {
    expect(() => load({ overrides: { vus: 30 } })).toThrow(
      /reaches 60 VUs at its peak .* over safety.maxVUs = 20/,
    );
    expect(() => load({ overrides: { duration: '10' } })).toThrow(
      /duration: expected a duration with a unit/,
    );
  });

  it('refuse an override that fits no scenario instead of ignoring it', () => {
    try {
      load({ overrides: { iterations: 5 } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PresetError);
      expect((error as PresetError).problems[0]).toMatchObject({
        file: '(command line)',
        fieldPath: '--iterations',
        message: '--iterations does not apply to closed (constant-vus), open (constant-arrival-rate)',
      });
    }
  });
});
