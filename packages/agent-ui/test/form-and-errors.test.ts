import { describe, expect, it } from 'vitest';
import { describeRefusal } from '../src/lib/describe-refusal.js';
import { parseOverrides } from '../src/lib/run-overrides.js';

describe('parseOverrides', () => {
  it('sends nothing when every field is empty', () => {
    expect(parseOverrides({ vus: ' ', duration: '', target: '' })).toEqual({
      ok: true,
      overrides: undefined,
    });
  });
  it('keeps the fields that were filled in', () => {
    expect(parseOverrides({ vus: '3', duration: '1m30s', target: 'http://127.0.0.1:8787' })).toEqual({
      ok: true,
      overrides: { vus: 3, duration: '1m30s', target: 'http://127.0.0.1:8787' },
    });
  });
  it('lists every problem with how to fix it', () => {
    const parsed = parseOverrides({ vus: '2.5', duration: '10 minutes', target: 'ftp://x' });
    expect(parsed).toEqual({
      ok: false,
      problems: [
        `VUs "2.5" is not a whole number of at least 1; leave it empty to keep the preset's.`,
        'Duration "10 minutes" is not a duration: write it as 30s, 5m or 1m30s.',
        'Target "ftp://x" is not an http(s) URL, e.g. http://127.0.0.1:8787.',
      ],
    });
  });
});

describe('describeRefusal', () => {
  it('explains a busy agent and points at its run', () => {
    expect(describeRefusal(409, { error: 'a run is in progress', runId: 'r1' })).toEqual({
      title: 'The agent is busy',
      lines: ['a run is in progress', 'Run in progress: r1'],
      runId: 'r1',
    });
  });
  it('does not repeat a rule the error already states, and names the allowlist', () => {
    const rule = '127.0.0.2 is loopback, which the allowlist does not name';
    expect(
      describeRefusal(403, {
        error: `target not allowed: ${rule}`,
        rule,
        target: 'http://127.0.0.2:9',
        allowlist: ['127.0.0.1'],
        hint: 'ask the operator',
      }).lines,
    ).toEqual([
      `target not allowed: ${rule}`,
      'Allowed targets: 127.0.0.1',
      'Target: http://127.0.0.2:9',
      'How to fix: ask the operator',
    ]);
  });
  it('lists problems, the rule and the hint', () => {
    expect(
      describeRefusal(403, {
        error: 'target example.com is not allowed',
        rule: 'FPT_ALLOW_TARGETS=127.0.0.1',
        hint: 'add it',
      }),
    ).toEqual({
      title: 'The target is not in the allowlist',
      lines: ['target example.com is not allowed', 'Rule: FPT_ALLOW_TARGETS=127.0.0.1', 'How to fix: add it'],
    });
    expect(
      describeRefusal(400, { error: 'invalid overrides', problems: ['vus: must be ≥ 1'] }).lines,
    ).toEqual(['invalid overrides', 'vus: must be ≥ 1']);
  });
  it('titles a fleet refusal in its own terms and points at the fleet run in progress', () => {
    expect(
      describeRefusal(
        409,
        { error: 'a fleet run is in progress: f1', hint: 'wait for it to end, or stop it', fleetRunId: 'f1' },
        'fleet',
      ),
    ).toEqual({
      title: 'A fleet run is in progress',
      lines: ['a fleet run is in progress: f1', 'How to fix: wait for it to end, or stop it'],
      fleetRunId: 'f1',
    });
    expect(describeRefusal(400, { error: 'no peer serves eu-nowhere' }, 'fleet').title).toBe(
      'The fleet run request is not valid',
    );
    expect(describeRefusal(503, { error: 'this agent has no peers' }, 'fleet').title).toBe(
      'This agent cannot coordinate a fleet run',
    );
    // A single run's refusals keep their titles.
    expect(describeRefusal(409, { error: 'busy' }).title).toBe('The agent is busy');
  });
  it('still says something when the body is empty', () => {
    expect(describeRefusal(502, undefined)).toEqual({
      title: 'The agent failed (HTTP 502)',
      lines: ['The agent gave no reason.'],
    });
  });
});
