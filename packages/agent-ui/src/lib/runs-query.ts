import type { HistoryFilters } from './hash-route.js';

export const HISTORY_PAGE_SIZE = 50;

/** The history API path for one page: filters, page size, and the cursor (runs started before it). */
export function runsQueryPath(filters: HistoryFilters, before?: number, limit = HISTORY_PAGE_SIZE): string {
  const params = new URLSearchParams();
  if (filters.preset) params.set('preset', filters.preset);
  if (filters.status) params.set('status', filters.status);
  if (filters.region) params.set('region', filters.region);
  params.set('limit', String(limit));
  if (before !== undefined) params.set('before', String(before));
  return `api/runs?${params.toString()}`;
}
