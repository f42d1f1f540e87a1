import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type AgentRunOutcome, combinedExitCode } from '../agent-run/agent-run-outcome.js';
import { AgentRunArgsError, parseAgentRunArgs } from '../agent-run/parse-agent-run-args.js';

const token = { FPT_AGENT_TOKEN: 'secret' };

function problems(argv: string[], env: Record<string, string> = token): string[] {
  try {
    parseAgentRunArgs(argv, env);
  } catch (error) {
    if (error instanceof AgentRunArgsError) return error.message.split('\n');
    throw error;
  }
  throw new Error('the arguments were accepted');
}

describe('parseAgentRunArgs', () => {
  it('reads the agents from FPT_AGENT_URLS and the rest from the options, with defaults', () => {
    const config = parseAgentRunArgs(['--preset', 'standard'], {
      ...token,
      FPT_AGENT_URLS: 'eu-near=https://eu.example.com/, us-east=https://us.example.com:8790',
    });
    expect(config).toEqual({
      preset: 'standard',
      agents: [
        { region: 'eu-near', url: 'https://eu.example.com' },
        { region: 'us-east', url: 'https://us.example.com:8790' },
      ],
      regions: [],
      token: 'secret',
      outDir: 'out/agent',
      tags: {},
      overrides: {},
      timeoutMs: 30 * 60_000,
      pollMs: 5000,
    });
  });

  it('selects regions, takes --agent over the environment, tags, overrides and durations', () => {
    const config = parseAgentRunArgs(
      [
        '--preset=pr',
        '--agent',
        'eu-near=https://eu.example.com',
        '--agent',
        'ap-south=https://ap.example.com',
        '--regions',
        'ap-south',
        '--out',
        'out/deep',
        '--tag',
        'sha=abc=1',
        '--tag',
        'pr=42',
        '--vus',
        '10',
        '--duration',
        '1m30s',
        '--timeout',
        '45m',
        '--poll',
        '2s',
      ],
      { ...token, FPT_AGENT_URLS: 'us-east=https://ignored.example.com' },
    );
    expect(config.agents).toEqual([{ region: 'ap-south', url: 'https://ap.example.com' }]);
    expect(config.regions).toEqual(['ap-south']);
    expect(config.outDir).toBe('out/deep');
    expect(config.tags).toEqual({ sha: 'abc=1', pr: '42' });
    expect(config.overrides).toEqual({ vus: 10, duration: '1m30s' });
    expect([config.timeoutMs, config.pollMs]).toEqual([45 * 60_000, 2000]);
  });

  it('takes one plain URL, whose region the agent will report', () => {
    const config = parseAgentRunArgs(['--preset', 'pr', '--regions', 'eu-near'], {
      ...token,
      FPT_AGENT_URLS: 'https://agent.example.com',
    });
    expect(config.agents).toEqual([{ region: null, url: 'https://agent.example.com' }]);
    expect(config.regions).toEqual(['eu-near']);
  });

  it('lets agents on loopback go without a token, and no other', () => {
    expect(
      parseAgentRunArgs(['--preset', 'pr', '--agent', 'local=http://127.0.0.1:8790'], {}).token,
    ).toBeUndefined();
    expect(problems(['--preset', 'pr', '--agent', 'eu=https://eu.example.com'], {})).toEqual([
      'FPT_AGENT_TOKEN is not set, but https://eu.example.com is not on loopback: agents reachable from CI require a token',
    ]);
  });

  it('lists every problem at once, each saying how to fix it', () => {
    expect(
      problems([
        '--agent',
        'eu=ftp://eu.example.com',
        '--agent',
        'us=not a url',
        '--regions',
        'ap',
        '--tag',
        'nokey',
        '--vus',
        '0',
        '--timeout',
        '10',
      ]),
    ).toEqual([
      '--preset: give the name of a preset the agents offer, e.g. --preset pr',
      'agent "eu=ftp://eu.example.com": use an http:// or https:// URL',
      'agent "us=not a url": "not a url" is not a URL; write region=https://host[:port]',
      '--tag: expected key=value, got "nokey"',
      '--vus: expected a positive whole number, got "0"',
      '--timeout: "10" is not a duration: write a number with a unit, for example 500ms, 30s, 1m30s or 2h',
    ]);
  });

  it('refuses a region without an agent, two agents for one region, and unnamed agents among several', () => {
    const env = { ...token, FPT_AGENT_URLS: 'eu=https://a.example.com,eu=https://b.example.com' };
    expect(problems(['--preset', 'pr', '--regions', 'us'], env)).toEqual([
      'region eu has two agents: give one URL per region',
      '--regions: no agent for region us; known: eu (add it as us=https://… to FPT_AGENT_URLS)',
    ]);
    expect(
      problems(['--preset', 'pr'], {
        ...token,
        FPT_AGENT_URLS: 'https://a.example.com,eu=https://b.example.com',
      }),
    ).toEqual(['with several agents, name the region of each: region=url']);
    expect(problems(['--preset', 'pr'], token)).toEqual([
      'no agent: give --agent <region=url> or set FPT_AGENT_URLS (e.g. eu-near=https://eu.example.com)',
    ]);
  });

  it('refuses unknown options and stray arguments', () => {
    expect(problems(['--preset', 'pr', '--agnet', 'x'])[0]).toContain("Unknown option '--agnet'");
    expect(problems(['pr'])[0]).toContain("Unexpected argument 'pr'");
  });
});

describe('combinedExitCode', () => {
  const finished = (exitCode: number | null): AgentRunOutcome => ({
    kind: 'finished',
    region: 'r',
    runId: 'id',
    status: exitCode === 0 ? 'passed' : 'failed',
    exitCode,
    reason: null,
  });

  it('is the most serious over every region, so one region never hides another', () => {
    expect(combinedExitCode([finished(0), finished(0)])).toBe(0);
    expect(combinedExitCode([finished(0), finished(99)])).toBe(99);
    expect(combinedExitCode([finished(105), finished(99)])).toBe(105);
    expect(combinedExitCode([finished(99), { kind: 'refused', region: 'r', message: '' }])).toBe(104);
    expect(combinedExitCode([finished(105), { kind: 'failed', region: 'r', message: '' }])).toBe(1);
    expect(combinedExitCode([finished(0), finished(null)])).toBe(1);
    expect(combinedExitCode([])).toBe(0);
  });
});

describe('tools/run-on-agent.ts as the workflow calls it', () => {
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const script = fileURLToPath(new URL('../run-on-agent.ts', import.meta.url));

  it('prints its usage with --help and exits 104 with every problem on bad arguments', () => {
    const help = spawnSync(tsx, [script, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tsx tools\/run-on-agent\.ts --preset <name>/);
    const bad = spawnSync(tsx, [script, '--preset', 'pr'], {
      encoding: 'utf8',
      env: { ...process.env, FPT_AGENT_URLS: '' },
    });
    expect(bad.status).toBe(104);
    expect(bad.stderr).toContain('run-on-agent: no agent: give --agent <region=url> or set FPT_AGENT_URLS');
  });
});
