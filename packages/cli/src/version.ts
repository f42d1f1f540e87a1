import { readFileSync } from 'node:fs';

/** Read from the package manifest so `fpt --version` never disagrees with what is installed. */
export const version: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
