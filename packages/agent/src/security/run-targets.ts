import type { Preset } from '@fpt/preset';

/**
 * The URLs a preset aims load at that can be known before it starts: the base URL, absolute request URLs
 * (setup included) and absolute browser navigations. A URL whose host is a {{variable}} is only known
 * while the run goes; the engine's own guard checks those as they are sent.
 */
export function runTargets(preset: Preset): string[] {
  const urls = new Set<string>(preset.target.baseUrl === undefined ? [] : [preset.target.baseUrl]);
  const requests = [
    ...(preset.setup ?? []),
    ...(preset.teardown ?? []),
    ...Object.values(preset.scenarios).flatMap((s) => s.requests ?? []),
  ];
  for (const request of requests) if (request.url) urls.add(request.url);
  for (const scenario of Object.values(preset.scenarios)) {
    for (const step of scenario.browser?.steps ?? []) {
      if ('goto' in step && typeof step.goto === 'string' && /^https?:\/\//.test(step.goto))
        urls.add(step.goto);
    }
  }
  return [...urls].filter((url) => !/^https?:\/\/[^/]*\{\{/.test(url));
}
