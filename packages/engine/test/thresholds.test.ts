import { describe, expect, it } from 'vitest';
import { run, useDemoTarget } from './engine-fixtures.js';

describe('thresholds during and after a run', () => {
  const demo = useDemoTarget();
  const scenario = (
    path: string,
    executor = 'executor: shared-iterations\n    vus: 2\n    iterations: 40',
  ) => `scenarios:
  api:
    ${executor}
    requests: [{ name: r, path: "${path}" }]
`;

  it('pass when every threshold holds: exit code 0', async () => {
    const { summary } = await run(
      demo.url,
      `${scenario('/fast')}thresholds:
  http_req_failed: ["rate<0.01"]
  http_req_duration: ["p(95)<1000", "max<5000", "avg<1000", "med>=0", "min>=0"]
  "http_req_duration{name:r}": ["p(99)<2000"]
  http_reqs: ["count==40", "rate>0"]
  iterations: ["count>=40"]
  vus_max: ["value<=2"]
  checks: [{ threshold: "rate>0.9", allowNoData: true }]`,
    );
    expect(summary.thresholds.filter((t) => !t.ok)).toEqual([]);
    expect(summary.outcome).toBe('passed');
    expect(summary.exitCode).toBe(0);
    expect(summary.thresholds.find((t) => t.expression === 'count==40')?.observed).toBe(40);
  });

  it('fail with exit code 99 and the observed value when crossed', async () => {
    const { summary } = await run(
      demo.url,
      `${scenario('/fail?ratio=0.5&key=thresholds')}thresholds:
  http_req_failed: ["rate<0.1"]
  "http_req_duration{name:r}": ["p(95)<1000"]`,
    );
    expect(summary.outcome).toBe('thresholds-failed');
    expect(summary.exitCode).toBe(99);
    const failed = summary.thresholds.find((t) => t.metric === 'http_req_failed')!;
    expect(failed).toMatchObject({ ok: false, noData: false, observed: 0.5 });
    expect(summary.thresholds.find((t) => t.metric === 'http_req_duration{name:r}')!.ok).toBe(true);
  });

  it('fail a threshold whose metric got no samples, unless it allows no data', async () => {
    const { summary } = await run(
      demo.url,
      `${scenario('/fast')}thresholds:
  checks: ["rate>0.9"]
  iteration_start_delay: [{ threshold: "p(99)<100", allowNoData: true }]`,
    );
    // No check ran; iteration_start_delay is recorded by open-model executors only.
    expect(summary.thresholds).toEqual([
      expect.objectContaining({ metric: 'checks', ok: false, noData: true }),
      expect.objectContaining({ metric: 'iteration_start_delay', ok: true, noData: true }),
    ]);
    expect(summary.exitCode).toBe(99);
  });

  it('abortOnFail stops the run once delayAbortEval has passed', async () => {
    const started = performance.now();
    const { summary } = await run(
      demo.url,
      `${scenario('/fail?ratio=1&key=abort', 'executor: constant-vus\n    vus: 2\n    duration: 20s')}thresholds:
  http_req_failed:
    - threshold: rate<0.1
      abortOnFail: true
      delayAbortEval: 500ms`,
    );
    const elapsedMs = performance.now() - started;
    expect(summary.outcome).toBe('aborted-by-threshold');
    expect(summary.exitCode).toBe(99);
    expect(summary.abortReason).toMatch(/http_req_failed/);
    expect(elapsedMs).toBeGreaterThanOrEqual(500);
    expect(elapsedMs).toBeLessThan(10_000);
  });

  it('a stop signal interrupts the run and still returns a summary (exit 105)', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 700);
    const { summary } = await run(
      demo.url,
      scenario('/delay?ms=100', 'executor: constant-vus\n    vus: 2\n    duration: 30s'),
      {
        signal: stop.signal,
      },
    );
    expect(summary.outcome).toBe('interrupted');
    expect(summary.exitCode).toBe(105);
    expect(summary.durationMs).toBeLessThan(5000);
    expect(summary.scenarios[0]!.completedIterations).toBeGreaterThan(4);
  });
});

describe('safety during the run', () => {
  const demo = useDemoTarget();

  it('throttles a closed-model scenario to safety.maxRequestRate', async () => {
    const { summary } = await run(
      demo.url,
      `safety: { maxRequestRate: 20 }
scenarios:
  api:
    executor: constant-vus
    vus: 4
    duration: 1s
    requests: [{ name: r, path: /fast }]`,
    );
    // Unthrottled, 4 VUs against /fast send thousands of requests a second; at 20/s, one second allows ~21.
    const requests = summary.timeline.reduce((sum, p) => sum + p.requests, 0);
    expect(requests).toBeGreaterThanOrEqual(15);
    expect(requests).toBeLessThanOrEqual(25);
  });
});
