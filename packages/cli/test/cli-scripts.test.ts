import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typecheckK6Scripts } from '../../../tools/test-support/typecheck-k6-scripts.js';
import { runFpt } from './cli-process.js';

const fixtures = fileURLToPath(new URL('./fixtures/k6/', import.meta.url));
let target: DemoTarget;
let dir: string;
beforeAll(async () => {
  target = await startDemoTarget();
  dir = mkdtempSync(join(tmpdir(), 'fpt-scripts-'));
});
afterAll(async () => {
  await target?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Summary {
  metrics: Record<
    string,
    { type: string; values: Record<string, number>; thresholds?: Record<string, { ok: boolean }> }
  >;
  root_group: { checks: { name: string; passes: number; fails: number }[] };
  fpt: { outcome: string; abortReason?: string; scenarios: { name: string; completedIterations: number }[] };
}

async function runScript(script: string, env: Record<string, string> = {}, extra: string[] = []) {
  const summaryFile = join(dir, `summary-${Math.random().toString(16).slice(2)}.json`);
  const result = await runFpt([
    'run',
    script.startsWith('/') ? script : join(fixtures, script),
    '--quiet',
    '--summary-export',
    summaryFile,
    '-e',
    `BASE_URL=${target.url}`,
    ...Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]),
    ...extra,
  ]);
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
  return { ...result, summary };
}

const checks = (summary: Summary) =>
  Object.fromEntries(summary.root_group.checks.map((c) => [c.name, [c.passes, c.fails]]));

describe('fpt run <script.js>', () => {
  it('runs the CRUD case from its options: vus and iterations, the token, http.url names, thresholds', async () => {
    const { code, stderr, summary } = await runScript('crud.js');
    expect(code, stderr).toBe(0);
    expect(summary.metrics.http_reqs?.values.count).toBe(40);
    expect(checks(summary)).toEqual({
      'logged in': [10, 0],
      created: [10, 0],
      'read back': [10, 0],
      deleted: [10, 0],
    });
    expect(summary.metrics['http_req_duration{name:create}']?.thresholds).toEqual({
      'p(95)<2000': { ok: true },
    });
    expect(summary.fpt.scenarios).toEqual([
      expect.objectContaining({ name: 'default', completedIterations: 10 }),
    ]);
  });

  it('runs the CSV case: SharedArray of users read with open(), tagged per user', async () => {
    const { code, stderr, summary } = await runScript('csv-users.js', {}, [
      '--out',
      `json=${join(dir, 'csv.ndjson')}`,
    ]);
    expect(code, stderr).toBe(0);
    expect(checks(summary)).toEqual({ 'token for the right user': [12, 0] });
    const points = readFileSync(join(dir, 'csv.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((l) => l.type === 'Point' && l.metric === 'http_reqs');
    const byUser = (user: string) => points.filter((p) => p.data.tags.user === user);
    expect([byUser('alice').length, byUser('bob').length, byUser('carol').length]).toEqual([4, 4, 4]);
    expect(byUser('carol').every((p) => p.data.tags.status === '401')).toBe(true);
  });

  it('runs the spike case: a tagged sub-metric of a custom trend aborts the run when it crosses', async () => {
    const { code, summary } = await runScript('spike.js', { DELAY_MS: '60' });
    expect(code).toBe(99);
    expect(summary.fpt.outcome).toBe('aborted-by-threshold');
    expect(summary.metrics['slow_part{kind:delayed}']?.thresholds).toEqual({ 'p(95)<20': { ok: false } });
    expect(summary.metrics.slow_part?.values.max).toBeGreaterThanOrEqual(60);
    const fast = await runScript('spike.js', { DELAY_MS: '0' });
    expect(fast.code, fast.stderr).toBe(0);
    expect(fast.summary.fpt.scenarios[0]?.completedIterations).toBeGreaterThan(150);
  });

  it('runs two scenarios with their own exec functions and start times', async () => {
    const { code, stderr, summary } = await runScript('two-scenarios.js');
    expect(code, stderr).toBe(0);
    const byScenario = Object.fromEntries(summary.fpt.scenarios.map((s) => [s.name, s.completedIterations]));
    expect(byScenario.buy).toBe(3);
    expect(byScenario.browse).toBeGreaterThan(10);
    expect(summary.metrics['http_reqs']?.values.count).toBe(byScenario.browse! + 3);
  });

  it("stops the run when the script calls exec.test.abort(), with k6's exit code 108 and the reason", async () => {
    const file = join(dir, 'abort.js');
    writeFileSync(
      file,
      `import http from 'k6/http';
import exec from 'k6/execution';
export const options = { vus: 1, iterations: 50 };
export default async function () {
  const res = await http.get(\`\${__ENV.BASE_URL}/status/\${__ITER === 2 ? 500 : 200}\`);
  if (res.status === 500) exec.test.abort('the target answered 500');
}
`,
    );
    const { code, summary } = await runScript(file);
    expect(code).toBe(108);
    expect(summary.fpt.outcome).toBe('interrupted');
    expect(summary.fpt.abortReason).toBe('the script called exec.test.abort(): the target answered 500');
    expect(summary.metrics.http_reqs?.values.count).toBe(3);
  });

  it('runs the logic case from a preset that calls the script: branches, groups, custom metrics, teardown', async () => {
    const logic = fileURLToPath(new URL('../../engine/test/fixtures/k6/logic.js', import.meta.url));
    const preset = join(dir, 'logic.yaml');
    writeFileSync(
      preset,
      `name: logic
script: ${logic}
scenarios:
  shop:
    executor: per-vu-iterations
    vus: 2
    iterations: 12
    exec: default
thresholds:
  conflict_rate: ["rate<0.5"]
  coupons_applied: ["count==6"]
  "http_reqs{name:order,status:409}": ["count==6"]
  "http_reqs{name:teardown}": ["count==1"]
`,
    );
    const { code, stderr, summary } = await runScript(preset);
    expect(code, stderr).toBe(0);
    // The coupon only over 100 (three items, not on the 409 path): 6; the 409 path every fourth iteration: 6.
    expect(summary.metrics.coupons_applied?.values.count).toBe(6);
    expect(summary.metrics.conflict_rate?.values.rate).toBe(0.25);
    expect(summary.metrics['http_reqs{name:order,status:409}']?.values.count).toBe(6);
    expect(summary.metrics['http_reqs{name:teardown}']?.values.count).toBe(1);
    expect(Object.keys(summary.metrics)).toEqual(
      expect.arrayContaining(['group_duration{group:::cart}', 'group_duration{group:::coupon}', 'cart_time']),
    );
    expect(Object.values(summary.metrics.coupons_applied?.thresholds ?? {})).toEqual([{ ok: true }]);
  });

  it('keeps open() inside --script-root during the run; a VU whose init code throws stops the run with 107', async () => {
    const root = join(dir, 'root-presets');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), 'the-agent-secret');
    // Loading runs the init code once with __VU 0; only the run's VUs (from 1) reach for the file.
    writeFileSync(
      join(root, 'peek.js'),
      `import http from 'k6/http';
export const options = { vus: 1, iterations: 2 };
const secret = __VU > 0 ? open('../secret.txt') : '';
export default async function () {
  await http.post(\`\${__ENV.BASE_URL}/echo\`, secret);
}
`,
    );
    const { code, summary } = await runScript(join(root, 'peek.js'), {}, ['--script-root', root]);
    expect(code).toBe(107);
    expect(summary.fpt.outcome).toBe('interrupted');
    expect(summary.fpt.abortReason).toMatch(
      /^scenario default: a VU's init code threw at .*peek\.js:3:\d+: open\("\.\.\/secret\.txt"\): .* is outside .*root-presets/,
    );
    expect(summary.metrics.http_reqs?.values.count ?? 0).toBe(0);
    // Without a root (the CLI's user names the file), the same script reads it.
    const free = await runScript(join(root, 'peek.js'));
    expect(free.code).toBe(0);
    expect(free.summary.metrics.http_reqs?.values.count).toBe(2);
  });

  it('runs a TypeScript script and its .ts helper module imported by its .js name', async () => {
    const { code, stderr, summary } = await runScript('typed-cart.ts');
    expect(code, stderr).toBe(0);
    expect(summary.metrics.http_reqs?.values.count).toBe(18);
    expect(checks(summary)).toEqual({ 'item added': [12, 0], 'total is 100': [6, 0], 'checked out': [6, 0] });
  });

  it('refuses TypeScript it cannot read at the line of the mistake', async () => {
    const file = join(dir, 'broken.ts');
    writeFileSync(
      file,
      "import http from 'k6/http';\n\nexport default async function (): Promise<void> {\n  const x: = 1;\n}\n",
    );
    const result = await runFpt(['run', file]);
    expect(result.code).toBe(104);
    expect(result.stderr).toMatch(new RegExp(`${file}:4:\\d+ TypeScript FPT cannot read: Unexpected token`));
  });

  it('refuses a script with problems, each at its line (exit 104), and warns of options FPT does not read', async () => {
    const broken = await runFpt(['run', join(fixtures, '../../../../engine/test/fixtures/k6/refused.js')]);
    expect(broken.code).toBe(104);
    expect(broken.stderr).toContain('invalid script');
    expect(broken.stderr).toMatch(/refused\.js:4:16 cannot import "node:fs"/);
    const warned = await runScript('options-warnings.js');
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('WARN options.discardResponseBodies is not supported by FPT');
    expect(warned.stderr).toContain('WARN options.userAgent is not supported by FPT');
    expect(warned.summary.metrics.http_reqs?.values.count).toBe(2);
  });

  it('runs a plain k6 script converted by fpt k6 import with the same requests as its awaited version', async () => {
    const converted = join(dir, 'sync-shop.awaited.js');
    const imported = await runFpt(['k6', 'import', join(fixtures, 'sync-shop.js'), '-o', converted]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toBe('6 call(s) awaited, 4 function(s) made async\n');
    const byConversion = await runScript(converted);
    const byHand = await runScript('awaited-shop.js');
    expect(byConversion.code, byConversion.stderr).toBe(0);
    expect(byHand.code, byHand.stderr).toBe(0);
    for (const metric of ['http_reqs', 'carts', 'checks'])
      expect(byConversion.summary.metrics[metric]?.values, metric).toMatchObject({
        [metric === 'checks' ? 'passes' : 'count']:
          byHand.summary.metrics[metric]?.values[metric === 'checks' ? 'passes' : 'count'],
      });
    // 8 iterations: item counts 1, 2, 3, 1 per VU → 7 adds and 4 lists per VU.
    expect(byHand.summary.metrics.http_reqs?.values.count).toBe(22);
  });

  it('refuses to convert what would change meaning, each place with the rewrite to make', async () => {
    const file = join(dir, 'unconvertible.js');
    writeFileSync(
      file,
      `import http from 'k6/http';\nexport default function () {\n  [1, 2].forEach((id) => {\n    http.get(\`http://127.0.0.1:1/\${id}\`);\n  });\n}\n`,
    );
    const result = await runFpt(['k6', 'import', file]);
    expect(result.code).toBe(104);
    expect(result.stderr).toContain(`${file}:3:18 a network call or sleep inside the callback of .forEach()`);
    expect(result.stderr).toContain('hint: rewrite it as a loop');
  });
});

describe('awaited scripts', () => {
  it('type-check against @types/k6 as they are, so one script runs in k6 and in FPT', () => {
    const engineFixtures = fileURLToPath(new URL('../../engine/test/fixtures/k6/', import.meta.url));
    const scripts = Object.fromEntries(
      [
        ...[
          'crud.js',
          'csv-users.js',
          'spike.js',
          'two-scenarios.js',
          'awaited-shop.js',
          'options-warnings.js',
          'typed-cart.ts',
          'lib/cart-client.ts',
        ].map((name) => [name, join(fixtures, name)]),
        ['logic.js', join(engineFixtures, 'logic.js')],
      ].map(([name, path]) => [name, readFileSync(path!, 'utf8')]),
    );
    const problems = typecheckK6Scripts(scripts);
    expect(problems).toEqual(Object.fromEntries(Object.keys(scripts).map((name) => [name, []])));
  });
});
