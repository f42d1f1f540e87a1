/** Code written at the left margin, moved `levels` steps (two spaces each) to the right, line by line. */
export function indentBlock(code: string, levels = 1): string {
  const padding = '  '.repeat(levels);
  return code
    .split('\n')
    .map((line) => (line === '' ? line : padding + line))
    .join('\n');
}
