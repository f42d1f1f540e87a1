import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentProcess, startAgentProcess } from '../../../tools/test-support/agent-process.js';
import {
  api,
  type RunRowLike,
  seedFolder,
  tinyPreset,
  tinyScript,
  tinyScriptModule,
  waitForEnd,
} from './agent-fixtures.js';

/** A script whose import leads out of the presets folder, to a module that exists there. */
const escapingScript = `import http from 'k6/http';
import { path } from '../outside.js';

export const options = { vus: 1, iterations: 1 };

export default async function () {
  await http.get(\`\${__ENV.TARGET_URL}\${path}\`);
}
`;

/** Sends one request to the allowed target and one to a host the allowlist does not name. */
const elsewhereScript = `import http from 'k6/http';

export const options = { vus: 1, iterations: 3 };

export default async function () {
  await http.get(\`\${__ENV.TARGET_URL}/fast\`, { tags: { name: 'allowed' } });
  await http.get('http://192.0.2.1:8080/steal', { tags: { name: 'elsewhere' } });
}
`;

/** Reaches for a file beside the presets folder, but only in the run's VUs (the listing's check has __VU 0). */
const peekingScript = `import http from 'k6/http';

export const options = { vus: 1, iterations: 2 };

const secret = __VU > 0 ? open('../secret.txt') : '';

export default async function () {
  await http.post(\`\${__ENV.TARGET_URL}/echo\`, secret);
}
`;

interface PresetInfoLike {
  name: string;
  file: string;
  kind: string;
  valid: boolean;
  problems: string[];
  scenarios: { name: string; executor: string; summary: string }[];
  thresholds: { metric: string; expression: string }[];
  target: string;
  yaml?: string;
}

interface SummaryLike {
  metrics: Record<string, { values: Record<string, number> }>;
  root_group: { checks: { name: string; passes: number; fails: number }[] };
  fpt: {
    outcome: string;
    errors: { name: string; errorCode: string; count: number; reasons: { message: string }[] }[];
  };
}

let target: DemoTarget;
let seed: string;
let agent: AgentProcess;
let dataDir: string;
let presetsDir: string;

beforeAll(async () => {
  target = await startDemoTarget();
  seed = seedFolder({
    'flow.js': tinyScript,
    'lib/requests.js': tinyScriptModule,
    'escape.js': escapingScript,
    'elsewhere.js': elsewhereScript,
    'peek.js': peekingScript,
    // One id, two files: neither runs.
    'twin.js': tinyScript,
    'twin.yaml': tinyPreset.replace('name: tiny', 'name: twin'),
  });
  dataDir = mkdtempSync(join(tmpdir(), 'fpt-agent-scripts-'));
  presetsDir = join(dataDir, 'presets');
  mkdirSync(presetsDir);
  // Beside the presets folder, not in it: what escape.js imports, and what linked.js points at.
  writeFileSync(join(dataDir, 'outside.js'), "export const path = '/fast';\n");
  writeFileSync(join(dataDir, 'secret.txt'), 'the-agent-secret');
  writeFileSync(join(dataDir, 'outside-flow.js'), escapingScript.replace('../outside.js', './outside.js'));
  symlinkSync(join(dataDir, 'outside-flow.js'), join(presetsDir, 'linked.js'));
  agent = await startAgentProcess({
    dataDir,
    env: { TARGET_URL: target.url, FPT_SEED_PRESETS_DIR: seed, FPT_ALLOW_TARGETS: '127.0.0.1' },
  });
}, 60_000);
afterAll(async () => {
  await agent?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await target?.close();
  if (seed) rmSync(seed, { recursive: true, force: true });
});

async function history(): Promise<number> {
  return (await api<{ total: number }>(agent, '/api/runs')).body.total;
}

describe('scripts in the presets folder', () => {
  it('lists a top-level script beside the presets, from its options; its lib/ module is no entry', async () => {
    const { body } = await api<{ presets: PresetInfoLike[] }>(agent, '/api/presets');
    expect(body.presets.map((p) => [p.name, p.file, p.kind])).toEqual([
      ['elsewhere', 'elsewhere.js', 'script'],
      ['escape', 'escape.js', 'script'],
      ['flow', 'flow.js', 'script'],
      ['linked', 'linked.js', 'script'],
      ['long', 'long.yaml', 'preset'],
      ['peek', 'peek.js', 'script'],
      ['tiny', 'tiny.yaml', 'preset'],
      ['twin', 'twin.js', 'script'],
    ]);
    const flow = body.presets.find((p) => p.name === 'flow')!;
    expect(flow).toMatchObject({ valid: true, problems: [], target: '' });
    expect(flow.scenarios).toEqual([
      {
        name: 'api',
        executor: 'shared-iterations',
        browser: false,
        summary: expect.stringMatching(/^5 iterations shared by 2 VUs/),
      },
    ]);
    expect(flow.thresholds).toEqual([
      { metric: 'http_req_failed', expression: 'rate<0.5' },
      { metric: 'http_reqs{name:slow}', expression: 'count==5' },
    ]);
    // Where a preset's YAML is shown, a script's code is.
    const one = await api<PresetInfoLike>(agent, '/api/presets/flow');
    expect(one.body.yaml).toBe(tinyScript);
    expect(one.body.kind).toBe('script');
    expect((await api(agent, '/api/presets/requests')).status).toBe(404);
    // Readiness loads the scripts among the entries.
    const ready = await api<{ checks: { presets: { detail: string } } }>(agent, '/readyz');
    expect(ready.body.checks.presets.detail).toBe('5 of 8 presets valid');
  });

  it('runs a script started through the API; its summary counts every request it sent', async () => {
    const started = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'flow' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const ended = await waitForEnd(agent, started.body.id);
    expect([ended.status, ended.reason, ended.preset]).toEqual(['passed', null, 'flow']);
    // 5 iterations of two requests each, the second sent by the lib/ module.
    expect(ended.requests).toBe(10);
    const summary = (await api<SummaryLike>(agent, `/api/runs/${ended.id}/summary.json`)).body;
    expect(summary.metrics.http_reqs?.values.count).toBe(10);
    expect(summary.metrics['http_reqs{name:slow}']?.values.count).toBe(5);
    // The script's __ENV is what a preset's ${VAR} may read: not the agent's token.
    expect(summary.root_group.checks.map((c) => [c.name, c.passes, c.fails])).toEqual([
      ['fast, FPT_TOKENS=unset', 5, 0],
    ]);
  });

  it('refuses a script whose import leads out of the presets folder, saying which and where', async () => {
    const before = await history();
    const listed = (await api<PresetInfoLike>(agent, '/api/presets/escape')).body;
    expect(listed.valid).toBe(false);
    expect(listed.problems).toHaveLength(1);
    expect(listed.problems[0]).toContain(`${join(presetsDir, 'escape.js')}:2:`);
    expect(listed.problems[0]).toContain('"../outside.js"');
    expect(listed.problems[0]).toContain(join(dataDir, 'outside.js'));
    expect(listed.problems[0]).toMatch(/outside \S*presets/);
    const refused = await api<{ error: string; problems: string[] }>(agent, '/api/runs', {
      body: { preset: 'escape' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('script escape cannot run: 1 problem');
    expect(refused.body.problems).toEqual(listed.problems);
    // A symbolic link out of the folder is refused the same way.
    const linked = await api<{ error: string; problems: string[] }>(agent, '/api/runs', {
      body: { preset: 'linked' },
    });
    expect(linked.status).toBe(400);
    expect(linked.body.problems.join('\n')).toMatch(/outside \S*presets/);
    expect(await history()).toBe(before);
  });

  it('refuses an id two files share, naming both', async () => {
    const before = await history();
    const listed = (await api<PresetInfoLike>(agent, '/api/presets/twin')).body;
    expect(listed.valid).toBe(false);
    expect(listed.problems[0]).toMatch(/twin\.js and twin\.yaml both have the id twin/);
    const refused = await api<{ error: string; problems: string[] }>(agent, '/api/runs', {
      body: { preset: 'twin' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.problems[0]).toMatch(
      /twin\.js and twin\.yaml both have the id twin[\s\S]*rename one/,
    );
    expect(await history()).toBe(before);
  });

  it('starts a script that names no base URL; a request to a host outside the allowlist fails as not allowed', async () => {
    const started = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'elsewhere' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const ended = await waitForEnd(agent, started.body.id);
    // Measured, not a crash: the run has no thresholds, so it passes with its failures counted.
    expect([ended.status, ended.requests]).toEqual(['passed', 6]);
    const summary = (await api<SummaryLike>(agent, `/api/runs/${ended.id}/summary.json`)).body;
    expect(summary.fpt.errors.map((e) => [e.name, e.errorCode, e.count])).toEqual([['elsewhere', '1030', 3]]);
    expect(summary.fpt.errors[0]!.reasons[0]!.message).toBe(
      'target not allowed: 192.0.2.1 matches no rule of the allowlist (127.0.0.1)',
    );
    // The allowed requests went through: only the refused half failed.
    expect(summary.metrics.http_req_failed?.values.rate).toBe(0.5);
    const log = readFileSync(join(dataDir, 'runs', ended.id, 'run.log'), 'utf8');
    expect(log).not.toMatch(/\bat \w+ \(|internal error/);
  });

  it('keeps open() inside the presets folder in the run too: the VU stops the run before any request', async () => {
    const started = await api<RunRowLike>(agent, '/api/runs', { body: { preset: 'peek' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const ended = await waitForEnd(agent, started.body.id);
    expect(ended.status).toBe('aborted');
    expect(ended.reason).toMatch(
      /a VU's init code threw at .*peek\.js:5:\d+: open\("\.\.\/secret\.txt"\): .* is outside /,
    );
    expect(ended.requests ?? 0).toBe(0);
  });
});
