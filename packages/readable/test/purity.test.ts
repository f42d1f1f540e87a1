import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The web UI bundles these files for the browser, the CLI runs them in Node: so they may use neither's
// globals (tsconfig.json gives them no Node or DOM types) nor import anything but one another.
const srcDir = new URL('../src/', import.meta.url).pathname;
const files = readdirSync(srcDir).filter((f) => f.endsWith('.ts'));

/** Code without comments, so a comment that mentions window or process does not count. */
function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('@fpt/readable stays pure', () => {
  it('imports only its own files', () => {
    const offences = files.flatMap((file) =>
      [
        ...readFileSync(join(srcDir, file), 'utf8').matchAll(
          /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g,
        ),
      ]
        .map((m) => m[1]!)
        .filter((specifier) => !/^\.\/[a-z0-9-]+\.js$/.test(specifier))
        .map((specifier) => `${file} imports ${specifier}`),
    );
    expect(offences).toEqual([]);
  });

  it('reads no clock, locale, environment or page: the same words on every machine', () => {
    const forbidden = /\b(process|window|document|globalThis|require|Date|Intl|toLocaleString|navigator)\b/;
    const offences = files.filter((file) => forbidden.test(codeOf(readFileSync(join(srcDir, file), 'utf8'))));
    expect(offences).toEqual([]);
  });
});
