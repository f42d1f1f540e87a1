import { type LoadedPreset, loadPresetText } from '@fpt/preset';
import { createHttpClientOptions, type HttpClientContext } from '../src/http/create-http-client-options.js';
import type { HttpClientOptions } from '../src/http/http-client-options.js';
import { HttpSession } from '../src/http/http-session.js';

/**
 * A preset whose `target` has the given extra YAML lines (indented two spaces), loaded from `presetFile`
 * so that relative paths (certificates) resolve next to it.
 */
export function presetWithTarget(targetYaml = '', presetFile = 'client-test.yaml'): LoadedPreset {
  const text = `name: client-test
target:
  baseUrl: http://127.0.0.1:1
${targetYaml
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => `  ${line}`)
  .join('\n')}
scenarios:
  s: { executor: shared-iterations, requests: [{ name: r, path: / }] }
`;
  return loadPresetText(text, presetFile);
}

/** The HTTP client options a run of such a preset would use. */
export function clientOptions(
  targetYaml = '',
  context: HttpClientContext = {},
  presetFile?: string,
): HttpClientOptions {
  return createHttpClientOptions(presetWithTarget(targetYaml, presetFile), context);
}

/** A VU's session with those options. */
export function sessionWith(
  targetYaml = '',
  context: HttpClientContext = {},
  presetFile?: string,
): HttpSession {
  return new HttpSession(clientOptions(targetYaml, context, presetFile));
}
