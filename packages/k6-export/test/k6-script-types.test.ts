import { describe, expect, it } from 'vitest';
import { allCases } from './export-cases.js';
import { typecheckK6Scripts } from '../../../tools/test-support/typecheck-k6-scripts.js';

// One TypeScript program for all scripts: building it is most of the cost.
const problems = typecheckK6Scripts(
  Object.fromEntries(allCases.map((c) => [`${c.name}.js`, c.exported.script])),
);

describe('generated k6 scripts type-check against @types/k6 (checkJs, strict)', () => {
  it('checked every script and found no problem outside them', () => {
    expect(Object.keys(problems).sort()).toEqual(allCases.map((c) => `${c.name}.js`).sort());
  });

  for (const { name } of allCases) {
    it(`${name}.js uses only k6 APIs that exist, with the arguments they take`, () => {
      expect(problems[`${name}.js`]).toEqual([]);
    });
  }

  it('would catch a k6 call with a wrong option or argument (the check has teeth)', () => {
    const quick = allCases.find((c) => c.name === 'quick')!.exported.script;
    const hybrid = allCases.find((c) => c.name === 'hybrid')!.exported.script;
    const broken = typecheckK6Scripts({
      'request-option.js': quick.replace("timeout: '10s'", "timeoutMs: '10s'"),
      'scenario-option.js': quick.replace("executor: 'constant-vus'", "executor: 'constant-users'"),
      'browser-argument.js': hybrid.replace("page.click('#buy', { timeout: 30000 })", 'page.click(30000)'),
    });
    expect(broken['request-option.js']!.join('\n')).toMatch(/timeoutMs/);
    expect(broken['scenario-option.js']!.join('\n')).toMatch(/constant-users/);
    expect(broken['browser-argument.js']!.join('\n')).toMatch(/TS2345/);
  });
});
