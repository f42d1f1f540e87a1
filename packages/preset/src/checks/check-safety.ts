import { formatDuration, parseDurationMs } from '../duration.js';
import { loadExtent, peakConcurrent, type ScenarioProfile } from '../load-profile.js';
import type { Preset } from '../schema/preset.js';
import type { SchemaProblem } from '../zod-issues.js';

/**
 * Refuses a load profile that breaks a safety limit, before anything starts, with the number computed
 * and the limit broken, so the author can see which of the two to change.
 */
export function checkSafety(preset: Preset): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const { safety } = preset;
  const {
    profiles,
    peakVUs,
    peakBrowserVUs: browserVUs,
    maxDurationMs: totalMs,
  } = loadExtent(preset.scenarios);
  const raise = (field: string) => `lower the load, or raise safety.${field} if this is intended`;

  if (peakVUs > safety.maxVUs) {
    problems.push({
      path: ['scenarios'],
      message: `the profile reaches ${peakVUs} VUs at its peak (${describePeaks(profiles)}), over safety.maxVUs = ${safety.maxVUs}`,
      hint: raise('maxVUs'),
      atKey: true,
    });
  }
  const maxDurationMs = parseDurationMs(safety.maxDuration);
  if (totalMs > maxDurationMs) {
    problems.push({
      path: ['scenarios'],
      message: `the profile can run for ${formatDuration(totalMs)} including graceful stop, over safety.maxDuration = ${safety.maxDuration}`,
      hint: raise('maxDuration'),
      atKey: true,
    });
  }
  const peakArrivals = peakConcurrent(
    profiles.filter((p) => p.model === 'open'),
    (p) => p.peakIterationsPerSec ?? 0,
  );
  if (peakArrivals > safety.maxArrivalRate) {
    problems.push({
      path: ['scenarios'],
      message: `the open-model scenarios start up to ${round(peakArrivals)} iterations/s, over safety.maxArrivalRate = ${safety.maxArrivalRate}`,
      hint: raise('maxArrivalRate'),
      atKey: true,
    });
  }
  if (safety.maxRequestRate !== undefined) {
    const peakRate = peakConcurrent(
      profiles.filter((p) => p.model === 'open'),
      (p) => (p.peakIterationsPerSec ?? 0) * p.requestsPerIteration,
    );
    if (peakRate > safety.maxRequestRate) {
      problems.push({
        path: ['scenarios'],
        message: `the open-model scenarios start up to ${round(peakRate)} requests/s, over safety.maxRequestRate = ${safety.maxRequestRate}`,
        hint: raise('maxRequestRate'),
        atKey: true,
      });
    }
  }
  const browserProfiles = profiles.filter((p) => p.isBrowser);
  if (browserVUs > safety.browser.maxVUs) {
    problems.push({
      path: ['scenarios'],
      message: `browser scenarios reach ${browserVUs} browser VUs, over safety.browser.maxVUs = ${safety.browser.maxVUs}`,
      hint: raise('browser.maxVUs'),
      atKey: true,
    });
  }
  const browserMaxMs = parseDurationMs(safety.browser.maxDuration);
  for (const profile of browserProfiles) {
    if (profile.maxDurationMs > browserMaxMs) {
      problems.push({
        path: ['scenarios', profile.name],
        message: `browser scenario "${profile.name}" can run for ${formatDuration(profile.maxDurationMs)} including graceful stop, over safety.browser.maxDuration = ${safety.browser.maxDuration}`,
        hint: raise('browser.maxDuration'),
        atKey: true,
      });
    }
  }
  return problems;
}

function describePeaks(profiles: readonly ScenarioProfile[]): string {
  return profiles.map((p) => `${p.name}: ${p.peakVUs}`).join(', ');
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
