import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, repoRoot, runFpt } from './cli-process.js';

const dir = mkdtempSync(join(tmpdir(), 'fpt-k6-cli-'));
const golden = (name: string) =>
  readFileSync(join(repoRoot, `packages/k6-export/test/golden/${name}.js`), 'utf8');

beforeAll(() => {
  if (!existsSync(binPath))
    throw new Error(`${binPath} is missing: run npm run build (npm test does it first)`);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('fpt k6', () => {
  it('prints the k6 script of a seed preset found by name, and its warnings on stderr, each also in the script', async () => {
    const result = await runFpt(['k6', 'quick']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(golden('quick'));
    const warnings = result.stderr.trim().split('\n');
    expect(warnings.length).toBeGreaterThan(0);
    for (const line of warnings) {
      const [, field, message] = /^warning: ([^:]+): (.+)$/.exec(line) ?? [];
      expect(field, line).toBeDefined();
      expect(result.stdout).toContain(`//   - ${field}: ${message}`);
    }
  });

  it('writes the script to -o, creating its folder', async () => {
    const output = join(dir, 'scripts', 'hybrid.js');
    const result = await runFpt(['k6', 'presets/hybrid.yaml', '-o', output]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`k6 script written to ${output}`);
    expect(readFileSync(output, 'utf8')).toBe(golden('hybrid'));
  });

  it('resolves ${VAR} from --env or the default, never from the shell environment', async () => {
    const fromShell = await runFpt(['k6', 'quick'], { env: { TARGET_URL: 'http://shell.example.test' } });
    expect(fromShell.stdout).toContain("__ENV.TARGET_URL || 'http://127.0.0.1:8787'");
    expect(fromShell.stdout).not.toContain('shell.example.test');
    const fromOption = await runFpt(['k6', 'quick', '--env', 'TARGET_URL=http://option.example.test']);
    expect(fromOption.stdout).toContain("__ENV.TARGET_URL || 'http://option.example.test'");
  });

  it('reports every problem of an invalid preset with file:line:column and exits 104', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(
      file,
      'name: broken\ntarget:\n  baseUrl: ${API_URL}\nscenarios:\n  api:\n    executor: constant-vus\n    vus: 0\n    duration: 10s\n    requests: [{ name: r, path: / }]\n',
    );
    const result = await runFpt(['k6', file]);
    expect(result.code).toBe(104);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`invalid preset ${file}: 2 problems`);
    expect(result.stderr).toContain(`${file}:3:12 target.baseUrl: environment variable API_URL is not set`);
    expect(result.stderr).toMatch(/:7:\d+ scenarios\.api\.vus: /);
  });

  it('exits 104 with the reason when the script cannot be written', async () => {
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, '');
    const result = await runFpt(['k6', 'quick', '-o', join(notAFolder, 'quick.js')]);
    expect(result.code).toBe(104);
    expect(result.stderr).toContain(`fpt k6: cannot write ${join(notAFolder, 'quick.js')}`);
  });

  it('has --help with an example', async () => {
    const result = await runFpt(['k6', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: fpt k6 [options] <preset>');
    expect(result.stdout).toContain('k6 run');
  });
});
