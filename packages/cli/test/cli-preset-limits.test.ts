import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFpt } from './cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'fpt-cli-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const head = `name: big
target:
  baseUrl: http://127.0.0.1:8080
scenarios:
  api:
    executor: constant-vus
    vus: 1
    duration: 1s
    requests:
      - name: home
        path: /
`;

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** `count` tags with short keys, then `extra` lines inside the same mapping. */
function bigMapping(count: number, extra: readonly string[] = []): string {
  const lines = [`${head}tags:`];
  for (let i = 0; i < count; i++) lines.push(`  t${i.toString(36)}: v`);
  return `${[...lines, ...extra].join('\n')}\n`;
}

describe('fpt validate on oversized presets', () => {
  it('refuses a 2 MiB preset with exit 104, saying what the limit is and what to do', async () => {
    const file = write('huge.yaml', `${head}description: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
    const result = await runFpt(['validate', file]);
    expect(result.code).toBe(104);
    expect(result.stdout).toContain(`invalid ${file}: 1 problem`);
    expect(result.stdout).toContain(
      `${file} preset file is 2.0 MiB; presets are limited to 1 MiB (1048576 bytes)`,
    );
    expect(result.stdout).toMatch(/hint: move rows of data to a data file \(data:/);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('checks a 50,000-key mapping: ok when unique, each duplicate at file:line:column otherwise', async () => {
    const unique = write('many-keys.yaml', bigMapping(50_000));
    const ok = await runFpt(['validate', unique]);
    expect(ok).toMatchObject({ code: 0, stdout: `ok ${unique}\n` });

    const duplicated = write('many-keys-twice.yaml', bigMapping(50_000, ['  t0: again', '  tz: again']));
    const tagsLine = head.split('\n').length;
    const result = await runFpt(['validate', duplicated]);
    expect(result.code).toBe(104);
    expect(result.stdout).toBe(
      [
        `invalid ${duplicated}: 2 problems`,
        `  ${duplicated}:${tagsLine + 50_001}:3 duplicate key: each key may appear once in a mapping`,
        `  ${duplicated}:${tagsLine + 50_002}:3 duplicate key: each key may appear once in a mapping`,
        '',
      ].join('\n'),
    );
  });
});
