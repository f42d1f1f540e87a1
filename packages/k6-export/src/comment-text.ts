/** Text from a preset made safe inside a generated comment: one line, and no star-slash that would end it. */
export function commentText(text: string): string {
  return text
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    .replace(/\*\//g, '*\\/')
    .trim();
}
