import { pickVariables } from '../presets/preset-environment.js';

/**
 * What a run's child process (`fpt run`) needs from the agent's environment to run at all. The child
 * fills the preset's `${VAR}` from its whole environment (as `fpt run` does for a CLI user), so it gets
 * this list and the preset's own variables, never the agent's whole environment: the agent's tokens,
 * the peers' tokens and anything else the operator set for the agent stay out of reach of a preset.
 */
const runtimeNames = [
  // Finding Chromium on PATH, its profile and caches, temporary files.
  'PATH',
  'HOME',
  'TMPDIR',
  'TMP',
  'TEMP',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'XDG_DATA_HOME',
  'XDG_RUNTIME_DIR',
  'FONTCONFIG_PATH',
  'FONTCONFIG_FILE',
  // Time zone and locale of the run's log and of the browser.
  'TZ',
  'LANG',
  'LANGUAGE',
  // Node's own settings: memory flags, private CAs of the targets, coverage of the child in tests.
  'NODE_ENV',
  'NODE_OPTIONS',
  'NODE_EXTRA_CA_CERTS',
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'NODE_NO_WARNINGS',
  'NODE_V8_COVERAGE',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  // Proxies: the engine reads these (upper case first, as Go does), Chromium the lower-case ones.
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  // Browser journeys.
  'FPT_CHROMIUM_PATH',
  'FPT_CHROMIUM_ARGS',
];

/** Families read by name prefix: locale categories, and every InfluxDB output setting (`--out influxdb`). */
const runtimePrefixes = ['LC_', 'K6_INFLUXDB_', 'FPT_INFLUXDB_'];

/** The run child's environment, apart from FPT_REGION and FPT_AGENT_ID, which the run manager adds. */
export function runEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  presetNames: readonly string[],
): Record<string, string> {
  const prefixed = Object.keys(env).filter((name) =>
    runtimePrefixes.some((prefix) => name.startsWith(prefix)),
  );
  return pickVariables(env, [...runtimeNames, ...prefixed, ...presetNames]);
}
