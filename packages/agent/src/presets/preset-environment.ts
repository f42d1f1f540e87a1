/**
 * What `${VAR}` in a preset can see on an agent. Presets are files anyone with the API (or the presets
 * volume) can read back, so a preset must never be able to copy the agent's own environment (its tokens,
 * the peers' tokens, InfluxDB credentials) into a description, a header or a URL. It sees TARGET_URL and
 * the variables the operator names in FPT_PRESET_ENV, nothing else.
 */
export const presetEnvSetting = 'FPT_PRESET_ENV';

/** Always visible: the seed presets aim at `${TARGET_URL}`. */
const alwaysVisible = 'TARGET_URL';

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Variables of the agent's own that no preset may read, whatever FPT_PRESET_ENV says. */
const agentSecrets = new Set(['K6_INFLUXDB_PASSWORD', 'K6_INFLUXDB_TOKEN']);

export interface RefusedPresetEnvName {
  readonly name: string;
  readonly reason: string;
}

/**
 * The names presets may read: TARGET_URL, then each name FPT_PRESET_ENV lists that is allowed. `FPT_*`
 * (the agent's settings and secrets, in any case), the agent's InfluxDB credentials and `otherSecrets`
 * (the peers' token variables) are refused, as are malformed names.
 */
export function presetEnvNames(
  env: Readonly<Record<string, string | undefined>>,
  otherSecrets: readonly string[] = [],
): { names: string[]; refused: RefusedPresetEnvName[] } {
  const names = [alwaysVisible];
  const refused: RefusedPresetEnvName[] = [];
  for (const item of (env[presetEnvSetting] ?? '').split(',')) {
    const name = item.trim();
    if (name === '' || names.includes(name)) continue;
    const reason = !variableName.test(name)
      ? 'not a variable name (letters, digits and _, not starting with a digit)'
      : /^FPT_/i.test(name)
        ? "FPT_* variables are the agent's own settings and secrets (its tokens among them)"
        : agentSecrets.has(name) || otherSecrets.includes(name)
          ? 'it holds a secret of the agent (InfluxDB credentials or a peer token)'
          : undefined;
    if (reason) refused.push({ name, reason });
    else names.push(name);
  }
  return { names, refused };
}

/**
 * The environment presets are interpolated with: only the allowed names. A refused name is left out here
 * as well; the agent's configuration refuses to start with one (AgentConfigError), so that the operator
 * learns of it.
 */
export function presetEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return pickVariables(env, presetEnvNames(env).names);
}

/** The values of `names` that are set, and nothing else. */
export function pickVariables(
  env: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
): Record<string, string> {
  // No prototype: `${constructor}` in a preset must find nothing rather than Object's own members.
  const picked: Record<string, string> = Object.create(null);
  for (const name of names) {
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (typeof value === 'string') picked[name] = value;
  }
  return picked;
}
