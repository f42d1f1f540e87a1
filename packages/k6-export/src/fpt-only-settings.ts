import type { Preset } from '@fpt/preset';
import type { ScriptContext } from './script-context.js';

/**
 * Warns about the preset-wide settings that have no k6 counterpart: they judge or guard a run rather than
 * shape its load, so the script runs the same load without them.
 */
export function warnFptOnlySettings(preset: Preset, context: ScriptContext): void {
  const { safety } = preset;
  const limits = [`maxVUs ${safety.maxVUs}`, `maxDuration ${safety.maxDuration}`];
  if (Object.values(preset.scenarios).some((scenario) => scenario.browser !== undefined)) {
    limits.push(
      `browser.maxVUs ${safety.browser.maxVUs}`,
      `browser.maxDuration ${safety.browser.maxDuration}`,
    );
  }
  context.warn(
    'safety',
    `k6 does not refuse a profile beyond ${limits.join(', ')}; FPT checked this one against them when it loaded the preset`,
  );
  if (safety.maxRequestRate !== undefined && !Number.isInteger(safety.maxRequestRate)) {
    context.warn(
      'safety.maxRequestRate',
      `k6's rps option takes whole requests per second: ${safety.maxRequestRate} is written as ${Math.max(1, Math.floor(safety.maxRequestRate))}`,
    );
  }
  context.warn(
    'baseline',
    'k6 has no verdict against a stored baseline; compare runs with FPT (fpt run) or in your own dashboards',
  );
  if (preset.target.cookies === 'off') {
    context.warn(
      'target.cookies',
      'k6 always keeps the cookies responses set (per iteration); the script sends them back where FPT would not',
    );
  }
  if (preset.regions && preset.regions.length > 0) {
    context.warn(
      'regions',
      `k6 has no regions: run the script once per region (${preset.regions.join(', ')}) with -e FPT_REGION=<region> to tag its samples`,
    );
  }
}

/** safety.maxRequestRate as k6's `rps`: the same cap on requests per second across all VUs. */
export function requestRateOption(preset: Preset): number | undefined {
  const rate = preset.safety.maxRequestRate;
  return rate === undefined ? undefined : Math.max(1, Math.floor(rate));
}
