/** A single folder name that cannot lead anywhere else: no separators, no dot names, nothing hidden. */
export function isSafeFolderName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/.test(name) && !name.includes('..');
}
