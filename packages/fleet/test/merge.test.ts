import {
  type CounterSink,
  type GaugeSink,
  MetricStore,
  type RateSink,
  RunOutcome,
  type RunSummary,
  type TimelinePoint,
  TrendSink,
} from '@fpt/metrics';
import { buildSummaryData, keyFigures } from '@fpt/report';
import { describe, expect, it } from 'vitest';
import {
  type AgentEvidence,
  FleetExitCode,
  fleetVerdict,
  mergeAgentRuns,
  mergeTimelines,
  parsePeerRegistry,
  planFleetRun,
  regionThresholdSpecs,
  thresholdSpecsOf,
} from '../src/index.js';

/** One agent's run: `samples` request durations in `region`, as the agent's summary and export would carry them. */
function agentRun(
  region: string,
  agent: string,
  samples: readonly number[],
  iterations: number,
): AgentEvidence {
  const store = new MetricStore();
  const tags = { region, agent, scenario: 'api', name: 'r' };
  for (const ms of samples) {
    (store.sinkFor('http_req_duration', tags) as TrendSink).add(ms);
    (store.sinkFor('http_reqs', tags) as CounterSink).add(1);
    (store.sinkFor('http_req_failed', tags) as RateSink).add(false);
  }
  (store.sinkFor('iterations', { region, agent, scenario: 'api' }) as CounterSink).add(iterations);
  // Each agent had 2 VUs at its peak and 1 at its end, and initialised 2.
  const vus = store.sinkFor('vus', { region, agent }) as GaugeSink;
  vus.set(2, 1000);
  vus.set(1, 2000);
  (store.sinkFor('vus_max', { region, agent }) as GaugeSink).set(2, 1000);
  const summary: RunSummary = {
    format: 'fpt-run-summary/1',
    preset: { name: 'spread', files: ['spread.yaml'] },
    region,
    tags: { region, agent },
    startedAt: '2026-11-26T12:00:00.000Z',
    endedAt: '2026-11-26T12:00:02.000Z',
    durationMs: 2000,
    outcome: RunOutcome.passed,
    exitCode: 0,
    scenarios: [
      {
        name: 'api',
        executor: 'shared-iterations',
        completedIterations: iterations,
        interruptedIterations: 0,
        droppedIterations: 0,
        maxVUs: 2,
      },
    ],
    metrics: store.snapshot(),
    thresholds: [
      {
        metric: 'http_req_duration',
        expression: 'p(95)<1000',
        ok: true,
        noData: false,
        abortOnFail: false,
        allowNoData: false,
      },
      {
        metric: 'http_req_duration{region:eu-far}',
        expression: 'min>=300',
        ok: true,
        noData: region !== 'eu-far',
        abortOnFail: false,
        allowNoData: false,
      },
    ],
    checks: [{ name: 'status is 200', scenario: 'api', request: 'r', passes: samples.length, fails: 1 }],
    timeline: [
      { tMs: 1000, vus: 2, requests: 5, failedRequests: 0, iterations: 5, droppedIterations: 0, p95Ms: 9 },
      { tMs: 2000, vus: 1, requests: 3, failedRequests: 1, iterations: 3, droppedIterations: 0 },
    ],
    warnings: [`${agent} warned`],
  };
  return { summary: buildSummaryData(summary), metrics: store.snapshot() };
}

const range = (from: number, count: number, step = 1) =>
  Array.from({ length: count }, (_, i) => from + i * step);

describe('merging agents into one run', () => {
  const nearA = range(20, 150, 0.7);
  const nearB = range(21, 149, 1.3);
  const far = range(320, 120, 2.9);
  const parts = [
    agentRun('eu-near', 'near-a', nearA, 150),
    agentRun('eu-near', 'near-b', nearB, 149),
    agentRun('eu-far', 'far-a', far, 120),
  ];
  const specs = thresholdSpecsOf(parts[0]!.summary.fpt.thresholds);
  const merged = mergeAgentRuns(parts, {
    thresholds: specs,
    tags: { fleet_run: 'f1' },
    regions: ['eu-near', 'eu-far'],
    fallback: { preset: 'spread', startedAt: '', endedAt: '' },
    stopped: false,
    warnings: ['from the coordinator'],
  });
  const store = MetricStore.fromSnapshot(merged.metrics);

  it('gives the percentiles one histogram of every sample gives, exactly', () => {
    const single = new MetricStore();
    for (const ms of [...nearA, ...nearB, ...far]) (single.sinkFor('http_req_duration') as TrendSink).add(ms);
    const expected = single.aggregate('http_req_duration') as TrendSink;
    const actual = store.aggregate('http_req_duration') as TrendSink;
    expect(actual.count).toBe(nearA.length + nearB.length + far.length);
    for (const p of [0, 10, 25, 50, 75, 90, 95, 99, 99.9, 100])
      expect(actual.percentile(p)).toBe(expected.percentile(p));
    expect([actual.min, actual.max]).toEqual([expected.min, expected.max]);
    // Sums add in another order, so the last bits of a float may differ.
    expect(actual.sum).toBeCloseTo(expected.sum, 6);
    // And per region, through the region tag every sample carries.
    const farOnly = store.aggregate('http_req_duration', { region: 'eu-far' }) as TrendSink;
    expect(farOnly.min).toBeGreaterThanOrEqual(320);
    expect(farOnly.count).toBe(far.length);
  });

  it('adds up the VUs of agents that ran side by side, in the gauges as in the timeline', () => {
    // Three agents, each with 2 VUs at its peak and 1 at its end, side by side: 2 + 2 + 2 in their first
    // second. vus_max (never dropping) adds up exactly; the active gauge merges as a gauge (a part's peaks
    // need not coincide), and the peak figure reads the timeline, where the seconds add up.
    expect((store.aggregate('vus_max') as GaugeSink).max).toBe(6);
    expect((store.aggregate('vus') as GaugeSink).max).toBe(2);
    const data = buildSummaryData(merged);
    expect(data.metrics.vus_max?.values.max).toBe(6);
    expect(keyFigures(data).maxVus).toBe(6);
    expect(Math.max(...merged.timeline.map((point) => point.vus))).toBe(6);
  });

  it('counts the VUs that ran at once, not the sum of peaks that fell at different moments', () => {
    // One agent had 3 VUs then 2, the other 0 then 2: at most 4 ran at once, though their peaks add to 5.
    const withVus = (part: AgentEvidence, perSecond: readonly number[]): AgentEvidence => {
      const store = MetricStore.fromSnapshot(part.metrics);
      const gauge = store.sinkFor('vus', { region: 'eu-near' }) as GaugeSink;
      for (const [i, vus] of perSecond.entries()) gauge.set(vus, (i + 1) * 1000);
      const timeline = perSecond.map((vus, i) => ({ ...part.summary.fpt.timeline[i]!, vus }));
      return {
        ...part,
        metrics: store.snapshot(),
        summary: { ...part.summary, fpt: { ...part.summary.fpt, timeline } },
      };
    };
    const uneven = mergeAgentRuns([withVus(parts[0]!, [3, 2]), withVus(parts[1]!, [0, 2])], {
      thresholds: {},
      tags: {},
      region: 'eu-near',
      regions: ['eu-near'],
      fallback: { preset: 'spread', startedAt: '', endedAt: '' },
      stopped: false,
      warnings: [],
    });
    expect(uneven.timeline.map((point) => point.vus)).toEqual([3, 4]);
    expect(keyFigures(buildSummaryData(uneven)).maxVus).toBe(4);
  });

  it('evaluates the thresholds on the merged data, a region filter included', () => {
    expect(merged.thresholds.map((t) => [t.metric, t.ok, t.noData, t.observed])).toEqual([
      ['http_req_duration', true, false, (store.aggregate('http_req_duration') as TrendSink).percentile(95)],
      [
        'http_req_duration{region:eu-far}',
        true,
        false,
        (store.aggregate('http_req_duration', { region: 'eu-far' }) as TrendSink).min,
      ],
    ]);
    expect(merged.outcome).toBe(RunOutcome.passed);
  });

  it('adds up iterations, VUs, checks and the timeline; keeps every warning once', () => {
    expect(merged.scenarios).toEqual([
      expect.objectContaining({ name: 'api', completedIterations: 419, maxVUs: 6 }),
    ]);
    expect(merged.checks).toEqual([
      { name: 'status is 200', scenario: 'api', request: 'r', passes: 419, fails: 3 },
    ]);
    expect(merged.timeline.map((p) => [p.tMs, p.vus, p.requests, p.failedRequests])).toEqual([
      [1000, 6, 15, 0],
      [2000, 3, 9, 3],
    ]);
    // Per-second percentiles do not merge from percentiles: they are left out rather than made up.
    expect(merged.timeline[0]?.p95Ms).toBeUndefined();
    expect(merged.warnings).toEqual([
      'from the coordinator',
      'near-a warned',
      'near-b warned',
      'far-a warned',
    ]);
    expect(merged.durationMs).toBe(2000);
  });

  it('keeps a single timeline as it is', () => {
    const one: TimelinePoint[] = [
      { tMs: 1000, vus: 1, requests: 1, failedRequests: 0, iterations: 1, droppedIterations: 0, p95Ms: 7 },
    ];
    expect(mergeTimelines([{ timeline: one }, { timeline: [] }]).timeline).toEqual(one);
  });

  it("merges per-second percentiles exactly from the parts' per-second histograms", () => {
    const sink = (values: readonly number[]) => {
      const trend = new TrendSink();
      for (const value of values) trend.add(value);
      return trend;
    };
    const point = (tMs: number, requests: number): TimelinePoint => ({
      tMs,
      vus: 1,
      requests,
      failedRequests: 0,
      iterations: requests,
      droppedIterations: 0,
    });
    // Part a is fast in second 1 and absent in second 2; part b is slow in both.
    const aValues = Array.from({ length: 90 }, (_, i) => 10 + i / 10);
    const bValues1 = Array.from({ length: 10 }, (_, i) => 500 + i);
    const bValues2 = Array.from({ length: 20 }, (_, i) => 700 + i);
    const merged = mergeTimelines([
      { timeline: [point(1000, 90)], latency: [sink(aValues).encode()] },
      {
        timeline: [point(1000, 10), point(2000, 20)],
        latency: [sink(bValues1).encode(), sink(bValues2).encode()],
      },
    ]);
    const all1 = sink([...aValues, ...bValues1]);
    expect(merged.timeline.map((p) => [p.tMs, p.requests])).toEqual([
      [1000, 100],
      [2000, 20],
    ]);
    // Read from the merged histogram: the p95 of second 1 lies in part b's slow tail, which neither part's
    // own p95 (10.9 ms and 509 ms) nor any average of them gives.
    expect(merged.timeline[0]?.p95Ms).toBe(all1.percentile(95));
    expect(merged.timeline[0]?.p95Ms).toBeGreaterThan(500);
    expect(merged.timeline[0]?.p50Ms).toBe(all1.percentile(50));
    expect(merged.timeline[1]?.p99Ms).toBe(sink(bValues2).percentile(99));
    expect(merged.latency).toHaveLength(2);
    // Without histograms from every part, no percentile is made up.
    const without = mergeTimelines([
      { timeline: [point(1000, 90)] },
      { timeline: [point(1000, 10)], latency: [sink(bValues1).encode()] },
    ]);
    expect(without.timeline[0]?.p95Ms).toBeUndefined();
    expect(without.latency).toBeUndefined();
  });

  it("keeps a second's Web Vitals from the one part that reported them, and the worst p75 where several did", () => {
    const point = (tMs: number, vitals: Partial<TimelinePoint>): TimelinePoint => ({
      tMs,
      vus: 1,
      requests: 0,
      failedRequests: 0,
      iterations: 1,
      droppedIterations: 0,
      ...vitals,
    });
    const merged = mergeTimelines([
      { timeline: [point(1000, { lcpP75Ms: 900, clsP75: 0.02 }), point(2000, {})] },
      { timeline: [point(1000, { lcpP75Ms: 1400, inpP75Ms: 120 }), point(2000, { inpP75Ms: 80 })] },
    ]).timeline;
    expect(merged[0]).toMatchObject({ lcpP75Ms: 1400, inpP75Ms: 120, clsP75: 0.02 });
    expect(merged[1]).toMatchObject({ inpP75Ms: 80 });
    expect(merged[1]).not.toHaveProperty('lcpP75Ms');
    expect(merged[1]).not.toHaveProperty('clsP75');
  });

  it('judges one region only by the thresholds that apply to it', () => {
    expect(Object.keys(regionThresholdSpecs(specs, 'eu-near'))).toEqual(['http_req_duration']);
    expect(Object.keys(regionThresholdSpecs(specs, 'eu-far'))).toEqual([
      'http_req_duration',
      'http_req_duration{region:eu-far}',
    ]);
  });
});

describe('the fleet verdict', () => {
  const held = {
    metric: 'http_req_duration',
    expression: 'p(95)<500',
    ok: true,
    noData: false,
    abortOnFail: false,
    allowNoData: false,
  };
  const crossed = { ...held, ok: false, observed: 700 };
  const farNoData = { ...held, metric: 'http_req_duration{region:eu-far}', ok: false, noData: true };

  it('passes only with every region and every threshold', () => {
    expect(fleetVerdict([held], [], false)).toEqual({
      status: 'passed',
      exitCode: FleetExitCode.passed,
      reason: null,
    });
  });

  it('is incomplete (97) when regions are missing, even if what arrived held', () => {
    const verdict = fleetVerdict([held, farNoData], [{ region: 'eu-far', reason: 'far-a: busy' }], false);
    expect(verdict).toEqual({
      status: 'incomplete',
      exitCode: 97,
      reason: 'regions missing: eu-far (far-a: busy)',
    });
  });

  it('fails (99) on a threshold crossed on the data that arrived, and still names the missing regions', () => {
    const verdict = fleetVerdict([crossed, farNoData], [{ region: 'eu-far', reason: 'lost' }], false);
    expect(verdict.status).toBe('failed');
    expect(verdict.exitCode).toBe(99);
    expect(verdict.reason).toBe(
      '1 threshold crossed (first: http_req_duration p(95)<500); regions missing: eu-far (lost)',
    );
  });

  it('counts a no-data threshold as crossed when its region did deliver', () => {
    expect(fleetVerdict([farNoData], [], false).exitCode).toBe(99);
  });

  it('is stopped (105) when stopped on request', () => {
    expect(fleetVerdict([crossed], [], true)).toMatchObject({ status: 'stopped', exitCode: 105 });
  });
});

describe('the plan', () => {
  it("splits each region's load across its agents in id order, and keeps regions without agents", () => {
    const peers = parsePeerRegistry(
      `- {id: near-b, region: eu-near, url: "http://127.0.0.1:2"}
- {id: near-a, region: eu-near, url: "http://127.0.0.1:1"}
- {id: far-a, region: eu-far, url: "http://127.0.0.1:3"}`,
      'test',
      {},
    );
    const plan = planFleetRun(peers, ['eu-far', 'eu-near', 'us-east', 'eu-far']);
    expect(
      plan.map((r) => [r.region, r.shares.map((s) => `${s.peer.id} ${s.segment.index}/${s.segment.count}`)]),
    ).toEqual([
      ['eu-far', ['far-a 0/1']],
      ['eu-near', ['near-a 0/2', 'near-b 1/2']],
      ['us-east', []],
    ]);
  });
});
