import type { FleetAgentState, PeerHealth } from '@fpt/api-types';
import { describe, expect, it } from 'vitest';
import {
  agentStateBadge,
  peerBusyBadge,
  peerHealthBadge,
  regionStatusBadge,
} from '../src/lib/fleet-badges.js';
import { fleetHealth } from '../src/lib/fleet-health.js';
import { fleetRunVerdict } from '../src/lib/fleet-run-verdict.js';
import { parseFleetStart, regionChoices, unavailableRegionsOf } from '../src/lib/fleet-start-form.js';
import { peerPageUrl } from '../src/lib/peer-page-url.js';
import { regionComparison, regionSpread, tallyThresholds } from '../src/lib/region-comparison.js';
import { fleetRegion, fleetRun, keyFigures, peerState, threshold } from './run-fixtures.js';

describe('fleetHealth', () => {
  it('calls a fleet whose every peer answered healthy, with the counts', () => {
    const peers = [peerState('a'), peerState('b', { busy: true, runId: 'r1' }), peerState('c')];
    expect(fleetHealth(peers, '0.1.0')).toEqual({
      badge: 'FLEET HEALTHY',
      icon: '✓',
      tone: 'good',
      line: 'Fleet healthy: 3/3 online',
      counts: '2 idle, 1 busy, 0 offline, 0 on another version',
    });
  });
  it('names every problem: dead peers by kind, a region mismatch, another version', () => {
    const peers = [
      peerState('a'),
      peerState('b', { health: 'unreachable', busy: null, version: null }),
      peerState('c', { health: 'unreachable', busy: null, version: null }),
      peerState('d', { health: 'timeout', busy: null, version: null }),
      peerState('e', { regionMismatch: 'the registry says us-east, the agent says eu-near' }),
      peerState('f', { version: '0.2.0' }),
    ];
    const health = fleetHealth(peers, '0.1.0');
    expect(health).toMatchObject({ badge: 'DEGRADED', tone: 'warn' });
    expect(health.line).toBe(
      'Degraded: 2 unreachable, 1 timed out, 1 region mismatch, 1 version mismatch (3/6 online)',
    );
    expect(health.counts).toBe('3 idle, 0 busy, 3 offline, 1 on another version');
    // Without this agent's own version, versions are not compared.
    expect(fleetHealth([peerState('f', { version: '0.2.0' })]).line).toBe('Fleet healthy: 1/1 online');
  });
  it('says OFFLINE when no peer answers, and that there is no fleet without peers', () => {
    const offline = fleetHealth([
      peerState('a', { health: 'unauthorized', busy: null }),
      peerState('b', { health: 'error', busy: null }),
    ]);
    expect(offline).toMatchObject({ badge: 'OFFLINE', tone: 'bad' });
    expect(offline.line).toBe('Degraded: 1 token refused, 1 in error (0/2 online)');
    expect(fleetHealth([])).toMatchObject({ badge: 'NO PEERS', tone: 'neutral', counts: '' });
  });
});

describe('fleet badges', () => {
  it('gives every state an icon and a word, never colour alone', () => {
    const healths: PeerHealth[] = ['ok', 'unreachable', 'timeout', 'unauthorized', 'error'];
    expect(healths.map((h) => peerHealthBadge(h).word)).toEqual([
      'online',
      'unreachable',
      'timed out',
      'token refused',
      'error',
    ]);
    const states: FleetAgentState[] = [
      'starting',
      'running',
      'passed',
      'failed',
      'aborted',
      'stopped',
      'error',
      'busy',
      'refused',
      'unreachable',
      'timeout',
      'lost',
    ];
    for (const state of states) {
      const badge = agentStateBadge(state);
      expect(badge.icon).not.toBe('');
      expect(badge.word).not.toBe('');
    }
    expect(agentStateBadge('lost')).toEqual({ icon: '✗', word: 'lost', tone: 'bad' });
    expect(regionStatusBadge('missing')).toEqual({ icon: '✗', word: 'missing', tone: 'bad' });
  });
  it('says a peer that did not answer is neither busy nor idle', () => {
    expect(peerBusyBadge({ busy: null }).word).toBe('not known');
    expect(peerBusyBadge({ busy: true }).word).toBe('busy');
    expect(peerBusyBadge({ busy: false }).word).toBe('idle');
  });
});

describe('fleetRunVerdict', () => {
  it('names each status in words, with the reason', () => {
    expect(fleetRunVerdict(fleetRun())).toEqual({
      badge: 'PASSED',
      icon: '✓',
      tone: 'good',
      detail: 'every region delivered and all 1 threshold held on the merged data',
    });
    expect(fleetRunVerdict(fleetRun({ thresholds: [] }))).toMatchObject({
      badge: 'COMPLETED',
      tone: 'neutral',
    });
    const missing = fleetRun({
      status: 'incomplete',
      exitCode: 97,
      missingRegions: ['eu-far'],
      reason: 'regions missing: eu-far (far-1: busy: a run of its own is in progress (r9))',
    });
    expect(fleetRunVerdict(missing)).toEqual({
      badge: 'INCOMPLETE',
      icon: '◐',
      tone: 'warn',
      detail: 'regions missing: eu-far (far-1: busy: a run of its own is in progress (r9))',
    });
    expect(fleetRunVerdict({ ...missing, reason: null }).detail).toBe(
      'regions missing: eu-far; the 1 threshold held on the regions that ran',
    );
    expect(
      fleetRunVerdict(
        fleetRun({
          status: 'failed',
          thresholds: [
            threshold(),
            threshold({ metric: 'http_req_duration', expression: 'p(95)<1', ok: false }),
          ],
          reason: null,
        }),
      ),
    ).toMatchObject({ badge: 'FAILED', tone: 'bad', detail: '1 of 2 thresholds crossed' });
    expect(fleetRunVerdict(fleetRun({ status: 'running' })).detail).toBe(
      'in progress in eu-near, eu-far; the merged figures come at the end',
    );
    expect(
      fleetRunVerdict(fleetRun({ status: 'stopped', reason: 'stopped on request: partial results' })).detail,
    ).toBe('stopped on request: partial results');
    expect(fleetRunVerdict(fleetRun({ status: 'error', reason: 'the coordinator stopped' })).detail).toBe(
      'the coordinator could not finish the fleet run (not a verdict on the target): the coordinator stopped',
    );
  });
});

describe('regionComparison', () => {
  it('lists the regions in the order they were asked for, formatted, with the merged fleet row', () => {
    const run = fleetRun({
      requestedRegions: ['eu-far', 'eu-near'],
      regions: [
        fleetRegion('eu-near', {
          figures: keyFigures({ p95Ms: 30.34, errorRate: 0.002, requestRate: 66.4 }),
        }),
        fleetRegion('eu-far', { figures: keyFigures({ p95Ms: 326, errorRate: 0 }) }),
      ],
    });
    const comparison = regionComparison(run);
    expect(comparison.rows.map((r) => r.region)).toEqual(['eu-far', 'eu-near']);
    const near = comparison.rows[1]!;
    expect(near.cells).toMatchObject({
      requests: '20',
      requestRate: '66.4/s',
      errorRate: '0.20 %',
      p95: '30.3 ms',
    });
    expect(comparison.fleet.requests).toBe('40');
    expect(comparison.columns.map((c) => c.id)).toEqual([
      'requests',
      'requestRate',
      'errorRate',
      'p50',
      'p95',
      'p99',
      'maxVus',
    ]);
  });
  it('marks the highest latency and error figures, only where two regions differ', () => {
    const run = fleetRun({
      regions: [
        fleetRegion('eu-near', { figures: keyFigures({ p95Ms: 30, errorRate: 0.01 }) }),
        fleetRegion('eu-far', { figures: keyFigures({ p95Ms: 330, errorRate: 0 }) }),
      ],
    });
    const [near, far] = regionComparison(run).rows;
    expect(far!.highest).toEqual(['p95']);
    // Equal p50s, p99s: nobody is the highest. Request counts are never "worse".
    expect(near!.highest).toEqual(['errorRate']);
    const alone = regionComparison(
      fleetRun({
        regions: [
          fleetRegion('eu-near'),
          fleetRegion('eu-far', { status: 'missing', figures: null, thresholds: [] }),
        ],
      }),
    );
    expect(alone.rows.flatMap((r) => r.highest)).toEqual([]);
  });

  it("marks nothing within the gate's noise floor: 0.006 ms, 3 ms or 0.5 percentage points apart", () => {
    const run = fleetRun({
      regions: [
        fleetRegion('eu-near', {
          figures: keyFigures({ p50Ms: 0.2, p95Ms: 30, p99Ms: 200, errorRate: 0.01 }),
        }),
        fleetRegion('eu-far', {
          figures: keyFigures({ p50Ms: 0.206, p95Ms: 33, p99Ms: 206, errorRate: 0.015 }),
        }),
      ],
    });
    expect(regionComparison(run).rows.flatMap((r) => r.highest)).toEqual([]);
  });
  it('shows a requested region the coordinator has not listed yet as starting, and an unrequested one last', () => {
    const starting = regionComparison(fleetRun({ status: 'running', regions: [], figures: null }));
    expect(starting.rows.map((r) => [r.region, r.status, r.cells.p95, r.thresholds.words])).toEqual([
      ['eu-near', 'starting', '—', 'judged at the end'],
      ['eu-far', 'starting', '—', 'judged at the end'],
    ]);
    const extra = regionComparison(fleetRun({ requestedRegions: ['eu-near'] }));
    expect(extra.rows.map((r) => r.region)).toEqual(['eu-near', 'eu-far']);
  });
  it('says why a region has no thresholds: still running, no data, or none apply', () => {
    const run = fleetRun({
      requestedRegions: ['a', 'b', 'c'],
      regions: [
        fleetRegion('a', { status: 'running', figures: null, thresholds: [] }),
        fleetRegion('b', { status: 'missing', reason: 'b-1: unreachable', figures: null, thresholds: [] }),
        fleetRegion('c', { thresholds: [] }),
      ],
    });
    expect(regionComparison(run).rows.map((r) => r.thresholds.words)).toEqual([
      'judged at the end',
      'not judged: no data',
      'none apply',
    ]);
    expect(regionComparison(run).rows[1]!.reason).toBe('b-1: unreachable');
  });
  it('adds Web Vitals columns only when a region measured them', () => {
    const run = fleetRun({
      regions: [
        fleetRegion('eu-near', { figures: keyFigures({ lcpP75Ms: 1200, clsP75: 0.0768 }) }),
        fleetRegion('eu-far'),
      ],
    });
    const comparison = regionComparison(run);
    expect(comparison.columns.map((c) => c.id)).toContain('lcp');
    expect(comparison.columns.map((c) => c.id)).toContain('cls');
    expect(comparison.columns.map((c) => c.id)).not.toContain('inp');
    expect(comparison.rows[0]!.cells).toMatchObject({ lcp: '1.2 s', cls: '0.077' });
    expect(comparison.rows[1]!.cells.lcp).toBe('—');
  });
});

describe('tallyThresholds', () => {
  it('counts what held and names what was crossed', () => {
    const crossed = threshold({
      metric: 'http_req_duration{region:eu-far}',
      expression: 'p(95)<300',
      ok: false,
    });
    expect(tallyThresholds([threshold(), crossed])).toEqual({
      total: 2,
      crossed: ['http_req_duration{region:eu-far} p(95)<300'],
      words: '✗ 1 of 2 crossed',
      ok: false,
    });
    expect(tallyThresholds([threshold(), threshold()]).words).toBe('✓ 2 held');
  });
});

describe('regionSpread', () => {
  const rows = (figures: Record<string, number | null>) =>
    regionComparison(
      fleetRun({
        requestedRegions: Object.keys(figures),
        regions: Object.entries(figures).map(([region, p95Ms]) =>
          fleetRegion(region, {
            figures: keyFigures({ p95Ms, errorRate: p95Ms === null ? null : p95Ms / 1000 }),
          }),
        ),
      }),
    ).rows;

  it('puts the highest region first and says how far apart the ends are', () => {
    const spread = regionSpread(rows({ 'eu-near': 30.3, 'us-east': 120, 'eu-far': 326 }), 'p95');
    expect(spread.bars.map((b) => [b.region, b.text, Number(b.fraction.toFixed(3))])).toEqual([
      ['eu-far', '326 ms', 1],
      ['us-east', '120 ms', 0.368],
      ['eu-near', '30.3 ms', 0.093],
    ]);
    expect(spread.summary).toBe('eu-far is highest at 326 ms, eu-near lowest at 30.3 ms: +296 ms (10.8×)');
  });
  it('writes an error-rate spread in percentage points', () => {
    const spread = regionSpread(rows({ a: 2, b: 14 }), 'errorRate');
    expect(spread.summary).toBe('b is highest at 1.4 %, a lowest at 0.20 %: +1.20 pp (7×)');
  });
  it('keeps equal regions in their order and says there is no spread', () => {
    const spread = regionSpread(rows({ b: 50, a: 50 }), 'p95');
    expect(spread.bars.map((b) => b.region)).toEqual(['b', 'a']);
    expect(spread.summary).toBe('Every region has the same p95: 50 ms.');
  });
  it('says why there is nothing, or nothing to compare', () => {
    expect(regionSpread(rows({ a: 50, b: null }), 'p95').summary).toBe(
      'Only a has a p95: nothing to compare it with.',
    );
    const running = regionComparison(fleetRun({ status: 'running', regions: [], figures: null })).rows;
    expect(regionSpread(running, 'p95')).toMatchObject({
      bars: [],
      emptyReason: 'No region has finished yet: figures arrive when its agents end.',
    });
    expect(regionSpread(rows({ a: null }), 'p95').emptyReason).toBe(
      'No region has a p95 (no complete region made a request).',
    );
  });
});

describe('the fleet start form', () => {
  it("ticks the preset's regions, offers the fleet's others, and shows the ones no peer serves", () => {
    expect(regionChoices(['eu-near', 'us-west'], ['eu-near', 'eu-near', 'eu-far'])).toEqual([
      { region: 'eu-near', served: true, inPreset: true, unavailable: null, checked: true },
      { region: 'eu-far', served: true, inPreset: false, unavailable: null, checked: false },
      { region: 'us-west', served: false, inPreset: true, unavailable: null, checked: false },
    ]);
    // A preset that names no region (or none the fleet serves) runs everywhere, as the agent would.
    expect(regionChoices([], ['eu-near', 'eu-far']).map((c) => c.checked)).toEqual([true, true]);
  });

  it('never ticks a region one of whose agents fleet status could not reach, and says why', () => {
    const unavailable = unavailableRegionsOf([
      { id: 'near-a', region: 'eu-near', health: 'ok', detail: null },
      { id: 'far-a', region: 'eu-far', health: 'unreachable', detail: 'connection refused' },
    ]);
    expect(unavailable).toEqual({ 'eu-far': 'far-a unreachable: connection refused' });
    expect(regionChoices(['eu-near', 'eu-far'], ['eu-near', 'eu-far'], unavailable)).toEqual([
      { region: 'eu-near', served: true, inPreset: true, unavailable: null, checked: true },
      {
        region: 'eu-far',
        served: true,
        inPreset: true,
        unavailable: 'far-a unreachable: connection refused',
        checked: false,
      },
    ]);
  });
  it('sends the ticked regions and the overrides, or every problem with its fix', () => {
    expect(
      parseFleetStart({ preset: 'quick', regions: ['eu-far'], vus: '3', duration: '', target: '' }),
    ).toEqual({ ok: true, request: { preset: 'quick', regions: ['eu-far'], overrides: { vus: 3 } } });
    expect(parseFleetStart({ preset: 'quick', regions: ['a'], vus: '', duration: '', target: '' })).toEqual({
      ok: true,
      request: { preset: 'quick', regions: ['a'] },
    });
    expect(parseFleetStart({ preset: '', regions: [], vus: 'x', duration: '', target: '' })).toEqual({
      ok: false,
      problems: [
        'Pick a preset to run.',
        'Tick at least one region to run in.',
        `VUs "x" is not a whole number of at least 1; leave it empty to keep the preset's.`,
      ],
    });
  });
});

describe('peerPageUrl', () => {
  it("links to a page of another agent's UI on its public URL", () => {
    expect(peerPageUrl('https://eu-far.example.com/', { page: 'run', id: 'r 1' })).toBe(
      'https://eu-far.example.com/#/runs/r%201',
    );
    expect(peerPageUrl('http://127.0.0.1:9000', { page: 'live', id: 'r2' })).toBe(
      'http://127.0.0.1:9000/#/live/r2',
    );
  });
});
