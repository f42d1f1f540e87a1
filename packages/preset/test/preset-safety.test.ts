import { describe, expect, it } from 'vitest';
import { problemsOf, request, summarise, withScenario } from './preset-fixtures.js';

const withSafety = (scenario: string, safety: string) =>
  withScenario(`${scenario}\n${request}`, `safety:\n${safety}`);

describe('safety limits', () => {
  it('refuse constant-vus over maxVUs, naming the number and the limit', () => {
    const problems = summarise(
      problemsOf(withSafety('executor: constant-vus\nvus: 20\nduration: 10s', '  maxVUs: 10')),
    );
    expect(problems).toEqual([
      'scenarios: the profile reaches 20 VUs at its peak (api: 20), over safety.maxVUs = 10 (lower the load, or raise safety.maxVUs if this is intended)',
    ]);
  });

  it('refuse ramping-vus whose peak stage is over maxVUs, and whose stages plus graceful ramp-down are too long', () => {
    const problems = summarise(
      problemsOf(
        withSafety(
          'executor: ramping-vus\nstartVUs: 2\nstages: [{ duration: 1m, target: 30 }, { duration: 1m, target: 5 }]\ngracefulRampDown: 40s',
          '  maxVUs: 25\n  maxDuration: 2m',
        ),
      ),
    );
    expect(problems).toEqual([
      expect.stringContaining('reaches 30 VUs at its peak'),
      expect.stringContaining('can run for 2m40s including graceful stop, over safety.maxDuration = 2m'),
    ]);
  });

  it('refuse constant-arrival-rate by maxVUs and by request rate', () => {
    const problems = summarise(
      problemsOf(
        withSafety(
          'executor: constant-arrival-rate\nrate: 300\ntimeUnit: 1m\nduration: 1m\npreAllocatedVUs: 5\nmaxVUs: 50',
          '  maxVUs: 40\n  maxRequestRate: 4',
        ),
      ),
    );
    expect(problems).toEqual([
      expect.stringContaining('reaches 50 VUs at its peak'),
      expect.stringContaining('start up to 5 requests/s, over safety.maxRequestRate = 4'),
    ]);
  });

  it('refuse ramping-arrival-rate by its peak stage rate, counting every request of a sequence', () => {
    const scenario = withScenario(
      'executor: ramping-arrival-rate\nstartRate: 1\nstages: [{ duration: 10s, target: 10 }]\npreAllocatedVUs: 5\nselection: sequence\nrequests:\n  - { name: a, path: /a }\n  - { name: b, path: /b }',
      'safety:\n  maxRequestRate: 15',
    );
    expect(summarise(problemsOf(scenario))).toEqual([
      expect.stringContaining('start up to 20 requests/s, over safety.maxRequestRate = 15'),
    ]);
  });

  it('refuse per-vu-iterations and shared-iterations by VUs and by maxDuration plus gracefulStop', () => {
    const perVu = summarise(
      problemsOf(
        withSafety(
          'executor: per-vu-iterations\nvus: 8\niterations: 3\nmaxDuration: 1m',
          '  maxVUs: 4\n  maxDuration: 1m',
        ),
      ),
    );
    expect(perVu).toEqual([
      expect.stringContaining('reaches 8 VUs'),
      expect.stringContaining('can run for 1m30s including graceful stop'),
    ]);
    const shared = summarise(
      problemsOf(
        withSafety('executor: shared-iterations\nvus: 8\niterations: 100\ngracefulStop: 0s', '  maxVUs: 7'),
      ),
    );
    expect(shared).toEqual([expect.stringContaining('reaches 8 VUs')]);
  });

  it('add up scenarios that overlap in time, and not those that run one after the other', () => {
    const text = (secondStart: string) => `
name: two
target: { baseUrl: "http://127.0.0.1:1" }
safety: { maxVUs: 15 }
scenarios:
  first: { executor: constant-vus, vus: 10, duration: 10s, gracefulStop: 0s, requests: [{ name: a, path: / }] }
  second: { executor: constant-vus, vus: 10, duration: 10s, startTime: ${secondStart}, requests: [{ name: a, path: / }] }
`;
    expect(summarise(problemsOf(text('5s')))).toEqual([
      expect.stringContaining('reaches 20 VUs at its peak (first: 10, second: 10)'),
    ]);
    expect(() => problemsOf(text('10s'))).toThrow(/expected the preset to be invalid/);
  });

  it('apply the browser caps to browser scenarios', () => {
    const text = withScenario(
      'executor: constant-vus\nvus: 3\nduration: 3m\nbrowser:\n  steps:\n    - goto: /',
      'safety:\n  browser: { maxVUs: 2, maxDuration: 1m }',
    );
    expect(summarise(problemsOf(text))).toEqual([
      expect.stringContaining('browser scenarios reach 3 browser VUs, over safety.browser.maxVUs = 2'),
      expect.stringContaining(
        'browser scenario "api" can run for 3m30s including graceful stop, over safety.browser.maxDuration = 1m',
      ),
    ]);
  });
});
