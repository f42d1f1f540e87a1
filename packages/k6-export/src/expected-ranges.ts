import type { RequestSpec } from '@fpt/preset';

/** Statuses that count as success for a request, as [low, high] ranges (k6's default: 200-399). */
export function expectedRanges(spec: RequestSpec): [number, number][] {
  if (!spec.expectedStatuses) return [[200, 399]];
  return spec.expectedStatuses.map((entry) => {
    if (typeof entry === 'number') return [entry, entry];
    const [low, high] = entry.split('-').map(Number);
    return [low!, high!];
  });
}
