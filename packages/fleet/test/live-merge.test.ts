import { TrendSink } from '@fpt/metrics';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../tools/test-support/create-prng.js';
import {
  type AgentSecond,
  EventStreamParser,
  type FleetLivePoint,
  LiveSecondMerger,
  LiveSourceState,
  type PeerLivePoint,
  readPeerLivePoint,
} from '../src/index.js';

const lagMs = 2_000;

/** An agent's point for one second, as its stream sends it (the histogram encoded), read back by the coordinator. */
function agentPoint(
  tMs: number,
  durations: readonly number[],
  totals: { totalRequests: number; totalFailed: number },
  failed = 0,
): AgentSecond {
  const sink = new TrendSink();
  for (const ms of durations) sink.add(ms);
  const sent: PeerLivePoint = {
    tMs,
    elapsedMs: tMs,
    plannedMs: 10_000,
    vus: 2,
    requests: durations.length,
    failedRequests: failed,
    iterations: durations.length,
    droppedIterations: 0,
    ...totals,
    ...(sink.empty ? {} : { httpReqDuration: sink.encode() }),
  };
  return readPeerLivePoint(JSON.parse(JSON.stringify(sent)))!;
}

/** A merger with agents a-1, a-2 (region near) and b-1 (region far), every stream open. */
function threeAgents(): LiveSecondMerger {
  const merger = new LiveSecondMerger({ regions: ['near', 'far'], lagMs });
  merger.setSource('a-1', 'near', LiveSourceState.live);
  merger.setSource('a-2', 'near', LiveSourceState.live);
  merger.setSource('b-1', 'far', LiveSourceState.live);
  return merger;
}

const requestsOf = (points: readonly FleetLivePoint[]) => points.map((p) => [p.second, p.fleet.requests]);

describe('the live merge of a fleet run', () => {
  it("gives percentiles equal to one histogram of every agent's samples, per region and fleet-wide", () => {
    const random = createPrng(7);
    const merger = threeAgents();
    const all = new TrendSink();
    const byRegion = { near: new TrendSink(), far: new TrendSink() };
    const samples: number[] = [];
    for (const [peer, region, base] of [
      ['a-1', 'near', 20],
      ['a-2', 'near', 25],
      ['b-1', 'far', 320],
    ] as const) {
      // Long-tailed latencies, each agent its own mix: a percentile of percentiles would be far off.
      const durations = Array.from({ length: 400 }, () => base + random() ** 4 * 900);
      for (const ms of durations) {
        all.add(ms);
        byRegion[region].add(ms);
        samples.push(ms);
      }
      merger.add(peer, agentPoint(1_003, durations, { totalRequests: 400, totalFailed: 0 }), 0);
    }
    const [point] = merger.due(0);
    expect(point!.second).toBe(1);
    for (const p of [50, 95, 99] as const) {
      const key = `p${p}Ms` as const;
      expect(point!.fleet[key]).toBe(all.percentile(p));
      expect(point!.regions.find((r) => r.region === 'near')![key]).toBe(byRegion.near.percentile(p));
      expect(point!.regions.find((r) => r.region === 'far')![key]).toBe(byRegion.far.percentile(p));
      // And that histogram's percentile is the nearest-rank one of the raw samples, to HDR precision.
      const sorted = [...samples].sort((a, b) => a - b);
      const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
      expect(Math.abs(point!.fleet[key]! - exact) / exact).toBeLessThan(0.001 + 0.001 / exact);
    }
    expect(point!.fleet).toMatchObject({
      requests: 1200,
      vus: 6,
      totalRequests: 1200,
      agents: 3,
      reporting: 3,
    });
    expect(point!.regions.map((r) => [r.region, r.requests, r.agents, r.reporting])).toEqual([
      ['near', 800, 2, 2],
      ['far', 400, 1, 1],
    ]);
  });

  it('sends a second as soon as every agent has delivered it, in order, and not before', () => {
    const merger = threeAgents();
    const totals = { totalRequests: 0, totalFailed: 0 };
    merger.add('a-1', agentPoint(1_001, [10], totals), 0);
    merger.add('a-1', agentPoint(2_001, [10], totals), 0);
    merger.add('a-2', agentPoint(1_002, [10, 11], totals), 0);
    expect(merger.due(10)).toEqual([]);
    merger.add('b-1', agentPoint(998, [300], totals), 20);
    expect(requestsOf(merger.due(20))).toEqual([[1, 4]]);
    merger.add('b-1', agentPoint(2_000, [300], totals), 30);
    merger.add('a-2', agentPoint(2_003, [12], totals), 40);
    expect(requestsOf(merger.due(40))).toEqual([[2, 3]]);
  });

  it('does not stall for an agent that dropped out: its seconds go after the lag, then without waiting', () => {
    const merger = threeAgents();
    const second = (peer: string, n: number, at: number) =>
      merger.add(peer, agentPoint(n * 1000 + 2, [15], { totalRequests: n, totalFailed: 0 }), at);
    for (const peer of ['a-1', 'a-2', 'b-1']) second(peer, 1, 0);
    expect(requestsOf(merger.due(0))).toEqual([[1, 3]]);
    // b-1 goes silent (its host died; its stream is not known to be broken yet).
    second('a-1', 2, 1_000);
    second('a-2', 2, 1_000);
    expect(merger.due(1_000 + lagMs - 1)).toEqual([]);
    const [late] = merger.due(1_000 + lagMs);
    expect(late!.fleet).toMatchObject({ requests: 2, agents: 3, reporting: 2 });
    expect(late!.regions.find((r) => r.region === 'far')).toMatchObject({ requests: 0, reporting: 0 });
    // Its stream is found broken: nobody waits for it any more.
    merger.setSource('b-1', 'far', LiveSourceState.retrying);
    second('a-1', 3, 3_100);
    second('a-2', 3, 3_100);
    const [third] = merger.due(3_100);
    expect(third!.fleet).toMatchObject({ requests: 2, agents: 3, reporting: 2 });
    // It took part, so it still counts among the far region's agents; its total stays as of its last second.
    expect(third!.regions.find((r) => r.region === 'far')).toMatchObject({ agents: 1, totalRequests: 1 });
    expect(merger.flush()).toEqual([]);
  });

  it('waits for an agent that started later on its own clock, so it is in every second, not left out of all', () => {
    const merger = new LiveSecondMerger({ regions: ['near', 'far'], lagMs });
    merger.setSource('a-1', 'near', LiveSourceState.live);
    merger.setSource('b-1', 'far', LiveSourceState.live);
    // b-1's run started 2.5 s after a-1's (a slower setup far away): its second n arrives 2.5 s after a-1's.
    const arrivals = [1, 2, 3, 4, 5, 6]
      .flatMap((n) => [
        { peer: 'a-1', n, at: n * 1000 + 10, ms: 10 },
        { peer: 'b-1', n, at: n * 1000 + 2_510, ms: 300 },
      ])
      .sort((x, y) => x.at - y.at);
    const out: FleetLivePoint[] = [];
    for (const { peer, n, at, ms } of arrivals) {
      out.push(...merger.due(at));
      merger.add(peer, agentPoint(n * 1000 + 5, [ms], { totalRequests: n, totalFailed: 0 }), at);
      out.push(...merger.due(at));
    }
    out.push(...merger.flush());
    // Its first second was awaited for the lag only (nothing was known of its clock yet); from then on it is
    // in every second, with its region's figures.
    expect(out.map((p) => [p.second, p.fleet.reporting])).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 2],
      [5, 2],
      [6, 2],
    ]);
    expect(out.at(-1)!.regions.find((r) => r.region === 'far')).toMatchObject({ reporting: 1, p95Ms: 300 });
  });

  it('keeps a late tick in its own second: the seconds after it still pair the agents', () => {
    const merger = new LiveSecondMerger({ regions: ['near'], lagMs });
    merger.setSource('a-1', 'near', LiveSourceState.live);
    merger.setSource('a-2', 'near', LiveSourceState.live);
    // a-2's tick for second 2 came 600 ms late (a busy machine); its later ticks are on time again.
    const ticks = { 'a-1': [1_005, 2_005, 3_005, 4_005], 'a-2': [1_005, 2_605, 3_005, 4_005] };
    for (const [peer, times] of Object.entries(ticks))
      for (const [i, tMs] of times.entries())
        merger.add(peer, agentPoint(tMs, [10], { totalRequests: i + 1, totalFailed: 0 }), 0);
    expect(merger.flush().map((p) => [p.second, p.fleet.reporting])).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
      [4, 2],
    ]);
  });

  it("skips the points a reconnected stream replays, and keeps a late point's totals but not its second", () => {
    const merger = threeAgents();
    merger.setSource('b-1', 'far', LiveSourceState.off);
    merger.add('a-1', agentPoint(1_000, [10], { totalRequests: 1, totalFailed: 0 }), 0);
    merger.add('a-2', agentPoint(1_000, [10], { totalRequests: 1, totalFailed: 0 }), 0);
    expect(requestsOf(merger.due(0))).toEqual([[1, 2]]);
    // a-2 reconnects: its stream replays second 1, which is already out.
    merger.add('a-2', agentPoint(1_000, [10], { totalRequests: 1, totalFailed: 0 }), 500);
    merger.add('a-1', agentPoint(2_000, [10, 10], { totalRequests: 3, totalFailed: 0 }), 1_000);
    expect(merger.due(1_000 + lagMs)).toHaveLength(1);
    // a-2's second 2 arrives after second 2 went without it: left out of it, its total counts from second 3 on.
    merger.add('a-2', agentPoint(2_000, [10, 10, 10], { totalRequests: 4, totalFailed: 1 }), 3_100);
    merger.add('a-1', agentPoint(3_000, [10], { totalRequests: 4, totalFailed: 0 }), 3_200);
    merger.add('a-2', agentPoint(3_000, [10], { totalRequests: 5, totalFailed: 1 }), 3_200);
    const [third] = merger.due(3_200);
    expect(third!.second).toBe(3);
    expect(third!.fleet).toMatchObject({ requests: 2, totalRequests: 9, totalFailed: 1 });
  });

  it("puts a run's last, shorter interval in a second of its own, and flushes what is held at the end", () => {
    const merger = threeAgents();
    merger.setSource('a-2', 'near', LiveSourceState.off);
    merger.setSource('b-1', 'far', LiveSourceState.off);
    const totals = { totalRequests: 0, totalFailed: 0 };
    merger.add('a-1', agentPoint(4_001, [10], totals), 0);
    merger.add('a-1', agentPoint(4_250, [10], totals), 0);
    expect(merger.due(0).map((p) => [p.second, p.elapsedMs])).toEqual([
      [4, 4_001],
      [5, 4_250],
    ]);
    const held = threeAgents();
    held.add('a-1', agentPoint(1_000, [10], totals), 0);
    expect(held.due(0)).toEqual([]);
    expect(held.flush().map((p) => [p.second, p.fleet.reporting, p.fleet.agents])).toEqual([[1, 1, 3]]);
  });

  it('counts an agent that never started among no region: a region none of whose agents ran has 0 agents', () => {
    const merger = new LiveSecondMerger({ regions: ['near', 'gone'], lagMs });
    merger.setSource('a-1', 'near', LiveSourceState.live);
    merger.setSource('g-1', 'gone', LiveSourceState.off);
    merger.add('a-1', agentPoint(1_000, [], { totalRequests: 0, totalFailed: 0 }), 0);
    const [point] = merger.due(0);
    expect(point!.regions.map((r) => [r.region, r.agents, r.reporting])).toEqual([
      ['near', 1, 1],
      ['gone', 0, 0],
    ]);
    // No request finished: no percentiles, rather than zeros.
    expect(point!.fleet.p95Ms).toBeUndefined();
  });
});

describe("reading an agent's live stream", () => {
  it('cuts events out of chunks split anywhere, with comments and CRLF line ends', () => {
    const parser = new EventStreamParser();
    const text =
      ': keep-alive\r\n\r\nevent: point\r\ndata: {"a":1}\r\n\r\nevent: end\ndata: {"b":\ndata: 2}\n\n';
    const events = [...text].flatMap((char) => parser.push(char));
    expect(events).toEqual([
      { event: 'point', data: '{"a":1}' },
      { event: 'end', data: '{"b":\n2}' },
    ]);
    expect(parser.pending).toBe(0);
  });

  it('refuses a point that is not one, and keeps the counts of one whose histogram is broken', () => {
    expect(readPeerLivePoint(null)).toBeUndefined();
    expect(readPeerLivePoint({ tMs: 1000 })).toBeUndefined();
    const point = agentPoint(1_000, [10], { totalRequests: 1, totalFailed: 0 });
    expect(readPeerLivePoint({ ...point, requests: -1 })).toBeUndefined();
    const broken = readPeerLivePoint({ ...point, httpReqDuration: { type: 'trend', count: 5 } });
    expect(broken).toMatchObject({ requests: 1, duration: undefined });
  });
});
