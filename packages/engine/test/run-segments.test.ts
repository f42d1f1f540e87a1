import { ownsUnit } from '@fpt/preset';
import { describe, expect, it } from 'vitest';
import { workerSegments } from '../src/index.js';
import { count, run, useDemoTarget } from './engine-fixtures.js';

describe('a run split across processes, each split across workers', () => {
  it('every unit belongs to exactly one worker of exactly one process', () => {
    for (let processes = 1; processes <= 4; processes++) {
      for (let workers = 1; workers <= 4; workers++) {
        const parts = Array.from({ length: processes }, (_, index) =>
          workerSegments({ index, count: processes }, workers),
        ).flat();
        for (let unit = 0; unit < 200; unit++) {
          expect(parts.filter((part) => ownsUnit(part, unit))).toHaveLength(1);
        }
      }
    }
  });

  const demo = useDemoTarget();

  it('two processes with their segments run the preset once between them', async () => {
    const body =
      'scenarios:\n  s:\n    executor: shared-iterations\n    vus: 4\n    iterations: 11\n    requests:\n      - name: f\n        path: /fast\n';
    const halves = await Promise.all(
      [0, 1].map((index) => run(demo.url, body, { segment: { index, count: 2 }, workers: 2 })),
    );
    const requests = halves.map(({ store }) => count(store, 'http_reqs'));
    expect(requests[0]! + requests[1]!).toBe(11);
    // Four parts (2 processes × 2 workers) take units in turn: 3+3 for one process, 3+2 for the other.
    expect(requests.sort()).toEqual([5, 6]);
  });

  it('a process running a later share counts its VUs (the timeline has numbers, not gaps)', async () => {
    const body =
      'scenarios:\n  s:\n    executor: shared-iterations\n    vus: 2\n    iterations: 6\n    requests:\n      - name: f\n        path: /fast\n';
    const { summary } = await run(demo.url, body, { segment: { index: 1, count: 2 }, workers: 1 });
    expect(summary.timeline.length).toBeGreaterThan(0);
    for (const point of summary.timeline) expect(Number.isFinite(point.vus)).toBe(true);
    expect(summary.scenarios[0]?.maxVUs).toBe(1);
  });
});
