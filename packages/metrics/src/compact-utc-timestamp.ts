/**
 * A moment as run ids spell it: UTC to the second without separators (20261126T123456Z), so ids sort by
 * time and stay safe in file names and URLs. Pure: the caller says which moment.
 */
export function compactUtcTimestamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}
