import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from './key-schema.js';
import { readRepoYaml, repoRoot } from './repo-files.js';

export type Config = Record<string, unknown>;

export interface Destination {
  name: string;
  file: string;
  /** The destination file alone. */
  own: Config;
  /** config/deploy.yml merged with the destination file, as `kamal <command> -d <name>` sees it. */
  config: Config;
}

export const baseConfigFile = 'config/deploy.yml';

/** Kamal's merge (ActiveSupport deep_merge): maps merge key by key, anything else (lists too) is replaced. */
export function deepMerge(base: Config, override: Config): Config {
  const merged: Config = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const previous = merged[key];
    merged[key] = isRecord(previous) && isRecord(value) ? deepMerge(previous, value) : value;
  }
  return merged;
}

export function loadBaseConfig(): Config {
  return asConfig(readRepoYaml(baseConfigFile), baseConfigFile);
}

/** Every config/deploy.<name>.yml, merged over config/deploy.yml. */
export function loadDestinations(): Destination[] {
  const base = loadBaseConfig();
  return readdirSync(join(repoRoot, 'config'))
    .map((file) => /^deploy\.(.+)\.yml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort()
    .map((name) => {
      const file = `config/deploy.${name}.yml`;
      const own = asConfig(readRepoYaml(file), file);
      return { name, file, own, config: deepMerge(base, own) };
    });
}

function asConfig(value: unknown, file: string): Config {
  if (!isRecord(value)) throw new Error(`${file} is not a YAML map`);
  return value;
}

export function get(config: unknown, ...path: string[]): unknown {
  let value = config;
  for (const key of path) {
    value = isRecord(value) ? value[key] : Array.isArray(value) ? value[Number(key)] : undefined;
  }
  return value;
}

/** The hosts of every role (`- host` or `- host: tags`). */
export function hostsOf(config: Config): string[] {
  const servers = config.servers;
  const roles = Array.isArray(servers) ? [servers] : isRecord(servers) ? Object.values(servers) : [];
  return roles.flatMap((role) => {
    const entries = Array.isArray(role)
      ? role
      : isRecord(role) && Array.isArray(role.hosts)
        ? role.hosts
        : [];
    return entries.map((entry) => (isRecord(entry) ? Object.keys(entry)[0]! : String(entry)));
  });
}

export interface EnvBlock {
  clear: Record<string, string>;
  /** Secret entries as the container sees them (name) and as .kamal/secrets* define them (secret). */
  secret: { name: string; secret: string }[];
}

/** An `env:` block, plain or clear/secret (tags are not used by FPT's files and are refused). */
export function envOf(env: unknown): EnvBlock {
  if (!isRecord(env)) return { clear: {}, secret: [] };
  if (env.tags !== undefined)
    throw new Error('env.tags is not used by FPT: give each agent its own destination');
  const structured = 'clear' in env || 'secret' in env;
  const clearSource = structured ? env.clear : env;
  const clear = Object.fromEntries(
    Object.entries(isRecord(clearSource) ? clearSource : {}).map(([key, value]) => [key, String(value)]),
  );
  const secrets = structured && Array.isArray(env.secret) ? env.secret.map(String) : [];
  return {
    clear,
    secret: secrets.map((entry) => {
      const [name, secret] = entry.split(':');
      return { name: name!, secret: secret ?? name! };
    }),
  };
}

/** Every secret a command on this destination resolves, with where it is named. */
export function secretReferences(config: Config): { secret: string; where: string }[] {
  const references: { secret: string; where: string }[] = [];
  for (const field of ['username', 'password']) {
    const value = get(config, 'registry', field);
    if (Array.isArray(value))
      for (const secret of value) references.push({ secret, where: `registry.${field}` });
  }
  for (const { secret } of envOf(config.env).secret) references.push({ secret, where: 'env.secret' });
  for (const [name, accessory] of Object.entries(accessoriesOf(config))) {
    for (const { secret } of envOf(get(accessory, 'env')).secret) {
      references.push({ secret, where: `accessories.${name}.env.secret` });
    }
  }
  const ssl = get(config, 'proxy', 'ssl');
  if (isRecord(ssl))
    for (const secret of Object.values(ssl)) references.push({ secret: String(secret), where: 'proxy.ssl' });
  return references;
}

export function accessoriesOf(config: Config): Record<string, Config> {
  const accessories = config.accessories;
  return isRecord(accessories) ? (accessories as Record<string, Config>) : {};
}

/** An accessory's container name on the kamal network: its `service`, else `<service>-<name>`. */
export function accessoryService(config: Config, name: string): string {
  return String(get(config, 'accessories', name, 'service') ?? `${String(config.service)}-${name}`);
}

/** `local:remote[:options]` or `{local, remote}` entries of an accessory's files/directories. */
export function mountsOf(entries: unknown): { local: string; remote: string }[] {
  if (!Array.isArray(entries)) return [];
  return entries.map((entry) => {
    if (isRecord(entry)) return { local: String(entry.local), remote: String(entry.remote) };
    const [local, remote] = String(entry).split(':');
    return { local: local!, remote: remote! };
  });
}

/** `volume:/path[:options]` entries → the container path. */
export function volumeTargets(entries: unknown): string[] {
  return Array.isArray(entries) ? entries.map((entry) => String(entry).split(':')[1]!) : [];
}
