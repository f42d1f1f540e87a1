import type { RunStatus } from '@fpt/api-types';
import { runStatuses } from './run-statuses.js';

/** History filters, kept in the URL so a filtered view can be shared and survives a reload. */
export interface HistoryFilters {
  readonly preset?: string;
  readonly status?: RunStatus;
  readonly region?: string;
}

export type Route =
  | { readonly page: 'presets' }
  | { readonly page: 'live'; readonly id: string }
  | { readonly page: 'run'; readonly id: string }
  | { readonly page: 'history'; readonly filters: HistoryFilters; readonly before?: number }
  | { readonly page: 'compare'; readonly a: string; readonly b: string }
  | { readonly page: 'fleet' }
  | { readonly page: 'fleet-run'; readonly id: string }
  | { readonly page: 'not-found'; readonly hash: string };

function decodeSegment(segment: string): string | undefined {
  try {
    const decoded = decodeURIComponent(segment);
    return decoded === '' ? undefined : decoded;
  } catch {
    return undefined; // a malformed %-escape: treat the route as unknown
  }
}

function parseHistory(query: string): Route {
  const params = new URLSearchParams(query);
  const filters: { preset?: string; status?: RunStatus; region?: string } = {};
  const preset = params.get('preset');
  if (preset) filters.preset = preset;
  const region = params.get('region');
  if (region) filters.region = region;
  const status = params.get('status');
  if (status && (runStatuses as readonly string[]).includes(status)) filters.status = status as RunStatus;
  const before = Number(params.get('before'));
  return params.has('before') && Number.isSafeInteger(before) && before > 0
    ? { page: 'history', filters, before }
    : { page: 'history', filters };
}

/**
 * The page a `location.hash` names: `#/presets`, `#/live/<id>`, `#/history?preset=..`, `#/compare/<a>/<b>`,
 * `#/fleet`, `#/fleet/<fleet run id>`.
 */
export function parseHashRoute(hash: string): Route {
  const text = hash.replace(/^#/, '');
  const [path = '', query = ''] = text.split('?', 2);
  const segments = path.split('/').filter((s) => s !== '');
  const [page, ...rest] = segments;
  const ids = rest.map(decodeSegment);
  if (page === undefined || (page === 'presets' && rest.length === 0)) return { page: 'presets' };
  if (page === 'history' && rest.length === 0) return parseHistory(query);
  if ((page === 'live' || page === 'runs') && ids.length === 1 && ids[0] !== undefined)
    return { page: page === 'live' ? 'live' : 'run', id: ids[0] };
  if (page === 'compare' && ids.length === 2 && ids[0] !== undefined && ids[1] !== undefined)
    return { page: 'compare', a: ids[0], b: ids[1] };
  if (page === 'fleet' && rest.length === 0) return { page: 'fleet' };
  if (page === 'fleet' && ids.length === 1 && ids[0] !== undefined) return { page: 'fleet-run', id: ids[0] };
  return { page: 'not-found', hash };
}

/** The hash for a route; parseHashRoute(routeHash(r)) gives r back. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case 'presets':
      return '#/presets';
    case 'live':
      return `#/live/${encodeURIComponent(route.id)}`;
    case 'run':
      return `#/runs/${encodeURIComponent(route.id)}`;
    case 'compare':
      return `#/compare/${encodeURIComponent(route.a)}/${encodeURIComponent(route.b)}`;
    case 'fleet':
      return '#/fleet';
    case 'fleet-run':
      return `#/fleet/${encodeURIComponent(route.id)}`;
    case 'history': {
      const params = new URLSearchParams();
      if (route.filters.preset) params.set('preset', route.filters.preset);
      if (route.filters.status) params.set('status', route.filters.status);
      if (route.filters.region) params.set('region', route.filters.region);
      if (route.before !== undefined) params.set('before', String(route.before));
      const query = params.toString();
      return query ? `#/history?${query}` : '#/history';
    }
    case 'not-found':
      return route.hash;
  }
}
