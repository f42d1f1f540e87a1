import { describe, expect, it } from 'vitest';
import { FailureLog, maxFailureReasons } from '../src/failure-log.js';
import { MetricStore } from '../src/metric-store.js';
import { SnapshotFormatError } from '../src/snapshot-format-error.js';

const refused = {
  scenario: 's',
  name: 'login',
  method: 'POST',
  status: '0',
  errorCode: '1212',
  message: 'connection refused (127.0.0.1:9)',
};

describe('the failure log', () => {
  it('counts each reason once per request and keeps the first time it was seen', () => {
    const log = new FailureLog();
    log.record(refused, 2000);
    log.record(refused, 1000);
    log.record({ ...refused, name: 'logout' }, 3000);
    expect(log.entries()).toEqual([
      { ...refused, count: 2, firstSeenMs: 1000 },
      { ...refused, name: 'logout', count: 1, firstSeenMs: 3000 },
    ]);
  });

  it(`keeps at most ${maxFailureReasons} distinct reasons and counts the rest as others`, () => {
    const log = new FailureLog();
    for (let i = 0; i < maxFailureReasons + 20; i++) log.record({ ...refused, message: `reason ${i}` }, i);
    log.record({ ...refused, message: 'reason 3' }, 500);
    expect(log.size).toBe(maxFailureReasons);
    expect(log.others).toBe(20);
    expect(log.entries()[0]).toMatchObject({ message: 'reason 3', count: 2, firstSeenMs: 3 });
  });

  it('travels in metrics snapshots: drained per interval, merged across workers, kept in the run', () => {
    const worker = new MetricStore();
    const run = new MetricStore();
    worker.failures.record(refused, 100);
    run.mergeSnapshot(worker.drainSnapshot());
    expect(worker.failures.size).toBe(0);
    expect(worker.drainSnapshot().failures).toBeUndefined();
    const other = new MetricStore();
    other.failures.record(refused, 50);
    other.failures.record({ ...refused, errorCode: '1050', message: 'request timed out after 60000 ms' }, 70);
    run.mergeSnapshot(other.snapshot());
    const copy = MetricStore.fromSnapshot(JSON.parse(JSON.stringify(run.snapshot())));
    expect(copy.failures.entries()).toEqual([
      { ...refused, count: 2, firstSeenMs: 50 },
      {
        ...refused,
        errorCode: '1050',
        message: 'request timed out after 60000 ms',
        count: 1,
        firstSeenMs: 70,
      },
    ]);
  });

  it('refuses a malformed log from elsewhere before merging anything', () => {
    const store = new MetricStore();
    const snapshot = {
      ...new MetricStore().snapshot(),
      failures: { entries: [{ ...refused, count: -1 }], others: 0 },
    };
    expect(() => store.mergeSnapshot(snapshot as never)).toThrow(SnapshotFormatError);
    expect(() => store.mergeSnapshot({ ...snapshot, failures: { entries: 'x' } } as never)).toThrow(
      /entries array and an others count/,
    );
    expect(store.failures.size).toBe(0);
  });
});
