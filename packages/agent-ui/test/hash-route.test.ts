import { describe, expect, it } from 'vitest';
import { parseHashRoute, type Route, routeHash } from '../src/lib/hash-route.js';
import { runsQueryPath } from '../src/lib/runs-query.js';

describe('parseHashRoute', () => {
  it('opens the presets page on an empty hash', () => {
    expect(parseHashRoute('')).toEqual({ page: 'presets' });
    expect(parseHashRoute('#/')).toEqual({ page: 'presets' });
    expect(parseHashRoute('#/presets')).toEqual({ page: 'presets' });
  });
  it('opens the fleet page and a fleet run', () => {
    expect(parseHashRoute('#/fleet')).toEqual({ page: 'fleet' });
    expect(parseHashRoute('#/fleet/20261126T123456Z-fleet-quick-3f9a01')).toEqual({
      page: 'fleet-run',
      id: '20261126T123456Z-fleet-quick-3f9a01',
    });
  });
  it('reads run ids, decoded', () => {
    expect(parseHashRoute('#/live/20261126T123456Z-quick-3f9a')).toEqual({
      page: 'live',
      id: '20261126T123456Z-quick-3f9a',
    });
    expect(parseHashRoute('#/runs/a%2Fb')).toEqual({ page: 'run', id: 'a/b' });
    expect(parseHashRoute('#/compare/one/two')).toEqual({ page: 'compare', a: 'one', b: 'two' });
  });
  it('reads history filters and the page cursor, and drops an unknown status', () => {
    expect(parseHashRoute('#/history?preset=quick&status=failed&region=eu&before=1764160000000')).toEqual({
      page: 'history',
      filters: { preset: 'quick', status: 'failed', region: 'eu' },
      before: 1764160000000,
    });
    expect(parseHashRoute('#/history?status=exploded&before=soon')).toEqual({ page: 'history', filters: {} });
  });
  it('calls anything else not found instead of guessing', () => {
    expect(parseHashRoute('#/runs')).toEqual({ page: 'not-found', hash: '#/runs' });
    expect(parseHashRoute('#/compare/one')).toEqual({ page: 'not-found', hash: '#/compare/one' });
    expect(parseHashRoute('#/live/%E0%A4%A')).toEqual({ page: 'not-found', hash: '#/live/%E0%A4%A' });
    expect(parseHashRoute('#/settings')).toEqual({ page: 'not-found', hash: '#/settings' });
    expect(parseHashRoute('#/fleet/a/b')).toEqual({ page: 'not-found', hash: '#/fleet/a/b' });
  });
  it('round-trips every route through routeHash', () => {
    const routes: Route[] = [
      { page: 'presets' },
      { page: 'live', id: 'x y' },
      { page: 'run', id: 'r#1' },
      { page: 'compare', a: 'a?', b: 'b&' },
      { page: 'history', filters: {} },
      { page: 'history', filters: { preset: 'a b', status: 'stopped', region: 'eu&us' }, before: 42 },
      { page: 'fleet' },
      { page: 'fleet-run', id: '20261126T123456Z-fleet-quick-3f9a01' },
      { page: 'fleet-run', id: 'a/b?c' },
    ];
    for (const route of routes) expect(parseHashRoute(routeHash(route))).toEqual(route);
    expect(routeHash({ page: 'history', filters: { status: 'passed' } })).toBe('#/history?status=passed');
  });
});

describe('runsQueryPath', () => {
  it('asks for one page of 50 with the filters and the cursor', () => {
    expect(runsQueryPath({})).toBe('api/runs?limit=50');
    expect(runsQueryPath({ preset: 'quick', status: 'passed', region: 'eu west' }, 1700000000000)).toBe(
      'api/runs?preset=quick&status=passed&region=eu+west&limit=50&before=1700000000000',
    );
  });
});
