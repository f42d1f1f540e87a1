/**
 * Sizes written for people: "8MB", "512KB", "1.5GB", or a number of bytes. Units are binary (1KB = 1024
 * bytes), as memory is counted.
 */
const unitBytes = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;
const sizePattern = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)$/i;

export function isByteSize(value: string | number): boolean {
  return typeof value === 'number' ? Number.isInteger(value) && value >= 0 : sizePattern.test(value.trim());
}

/** Parses a size into bytes; throws RangeError on anything else. */
export function parseByteSize(value: string | number): number {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0) return value;
    throw new RangeError(`${value} is not a size: write a whole number of bytes or a size like 8MB`);
  }
  const match = sizePattern.exec(value.trim());
  if (!match)
    throw new RangeError(
      `"${value}" is not a size: write a number with a unit, for example 512KB, 8MB or 1GB`,
    );
  const unit = match[2]!.toUpperCase() as keyof typeof unitBytes;
  return Math.round(Number(match[1]) * unitBytes[unit]);
}
