import type { BrowserSpec } from '../schema/browser.js';
import { stepActions } from '../schema/browser.js';
import type { SchemaProblem } from '../zod-issues.js';

export function checkBrowser(browser: BrowserSpec, basePath: readonly PropertyKey[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  browser.steps.forEach((step, index) => {
    const path = [...basePath, 'steps', index];
    const actions = stepActions.filter((action) => step[action] !== undefined);
    if (actions.length !== 1) {
      problems.push({
        path,
        message:
          actions.length === 0
            ? `a step needs one of ${stepActions.join(', ')}`
            : `a step does one thing; this one has ${actions.join(' and ')}`,
      });
      return;
    }
    const target = step.waitFor ?? step.expect;
    if (target && target.selector === undefined && target.text === undefined) {
      problems.push({ path: [...path, actions[0]!], message: `${actions[0]} needs a selector or a text` });
    }
    if (step.expect?.visible !== undefined && step.expect.selector === undefined) {
      problems.push({
        path: [...path, 'expect', 'visible'],
        message: 'visible goes with selector',
        atKey: true,
      });
    }
  });
  if (browser.steps[0] && browser.steps[0].goto === undefined) {
    problems.push({
      path: [...basePath, 'steps', 0],
      message: 'a journey starts with a goto step',
      hint: 'add - goto: /',
    });
  }
  return problems;
}
