import { loadPresetText, PresetError } from '@fpt/preset';
import { describe, expect, it } from 'vitest';
import { runPreset } from '../src/index.js';
import { useDemoTarget } from './engine-fixtures.js';

const openModel = (baseUrl: string, rate: number, duration: string, safety = '') => `name: runaway
target: { baseUrl: "${baseUrl}" }
scenarios:
  open:
    executor: constant-arrival-rate
    rate: ${rate}
    duration: ${duration}
    preAllocatedVUs: 2
    maxVUs: 2
    requests: [{ name: slow, path: /delay, query: { ms: 50 } }]
${safety}`;

describe('rates beyond the machine', () => {
  const demo = useDemoTarget();

  it('refuses an arrival rate over safety.maxArrivalRate (default 10,000/s) before anything starts', () => {
    expect(() => loadPresetText(openModel(demo.url, 1e8, '2s'), 'runaway.yaml')).toThrow(PresetError);
    expect(() => loadPresetText(openModel(demo.url, 1e8, '2s'), 'runaway.yaml')).toThrow(
      /start up to 100000000 iterations\/s, over safety\.maxArrivalRate = 10000/,
    );
    expect(() => loadPresetText(openModel(demo.url, 5000, '2s'), 'runaway.yaml')).not.toThrow();
  });

  it('stops at once when asked, even at 50 million iterations/s allowed by the preset', async () => {
    const loaded = loadPresetText(
      openModel(demo.url, 5e7, '5m', 'safety: { maxArrivalRate: 1e9, maxDuration: 10m }\n'),
      'runaway.yaml',
    );
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 1000);
    // Without the loop yielding, the stop could not get through and this would run for 5 minutes.
    const summary = await runPreset({ loaded, workers: 1, intervalMs: 250, signal: stop.signal });
    clearTimeout(timer);
    expect(summary.outcome).toBe('interrupted');
    expect(summary.exitCode).toBe(105);
    expect(summary.scenarios[0]!.droppedIterations).toBeGreaterThan(1000);
  });

  it('says so when a run dropped most of its iterations, instead of passing in silence', async () => {
    const loaded = loadPresetText(openModel(demo.url, 2000, '2s'), 'runaway.yaml');
    const summary = await runPreset({ loaded, workers: 1, intervalMs: 250 });
    const [scenario] = summary.scenarios;
    expect(scenario!.droppedIterations).toBeGreaterThan(scenario!.completedIterations);
    const warning = summary.warnings.find((w) => w.startsWith('scenario open dropped'));
    expect(warning).toMatch(/dropped \d+ of \d+ iterations \(\d+\.\d%\): no VU was free .*at most 2 ran/);
  });
});
