import { join } from 'node:path';

/**
 * Where the screenshot of a failed step goes: `<artifactsDir>/screenshots/<scenario>-vu<id>-iter<n>-step<k>.png`,
 * with the iteration counted from 0 (as {{__ITER}}) and the step from 1 (as people count a journey's steps).
 * The scenario name is reduced to file-name-safe characters.
 */
export function screenshotPath(
  artifactsDir: string,
  scenario: string,
  vuId: number,
  iteration: number,
  stepIndex: number,
): string {
  const safeScenario = scenario.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return join(
    artifactsDir,
    'screenshots',
    `${safeScenario}-vu${vuId}-iter${iteration}-step${stepIndex + 1}.png`,
  );
}
