import { InfluxConfigError } from './influx-config-error.js';
import {
  type InfluxOutputConfig,
  influxDefaults,
  type TagAsField,
  type TagFieldType,
} from './influx-output-config.js';
import { parseDurationMs } from './parse-duration-ms.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Output names accepted after `--out`: k6's built-in v1 output, and FPT's and xk6's names for v2. */
const V1_NAMES = ['influxdb'] as const;
const V2_NAMES = ['influxdb2', 'xk6-influxdb'] as const;

/** URL query parameters each API accepts, named as k6 names them. */
const COMMON_PARAMS = [
  'pushInterval',
  'concurrentWrites',
  'tagsAsFields',
  'maxBufferedPoints',
  'maxPointsPerSeries',
] as const;
const V1_PARAMS = ['retention', ...COMMON_PARAMS] as const;
const V2_PARAMS = ['org', 'bucket', ...COMMON_PARAMS] as const;

/** k6 settings FPT does not support, with why, so a copied k6 URL fails with a useful message. */
const UNSUPPORTED_PARAMS: Readonly<Record<string, string>> = {
  precision:
    'FPT always writes nanosecond timestamps: trends are written as many points per second, which need distinct timestamps; remove the parameter',
  insecure: 'skipping TLS verification is not supported; give Node the CA with NODE_EXTRA_CA_CERTS instead',
  consistency: 'write consistency is an InfluxDB Enterprise setting FPT does not send; remove the parameter',
  payload_size: 'the UDP writer is not supported; use the HTTP API',
  token:
    'do not put the token in the URL (it ends up in shell history and process lists); set K6_INFLUXDB_TOKEN or FPT_INFLUXDB_TOKEN',
};

/**
 * Parses what follows `--out ` for the InfluxDB outputs:
 * - `influxdb[=http://[user:pass@]host:8086/<db>[?retention=&pushInterval=…]]`: v1 write API (k6's form);
 * - `influxdb2[=http://host:8086[?org=&bucket=…]]` (or `xk6-influxdb`): v2 write API, token from the environment.
 *
 * Each setting comes from, lowest first: the default, `K6_INFLUXDB_*`, `FPT_INFLUXDB_*`, the URL. Throws
 * InfluxConfigError (with a hint) on anything it cannot use.
 */
export function parseInfluxOutputSpec(spec: string, env: Env): InfluxOutputConfig {
  const equals = spec.indexOf('=');
  const name = (equals === -1 ? spec : spec.slice(0, equals)).trim();
  const rawUrl = equals === -1 ? undefined : spec.slice(equals + 1).trim();
  const isV1 = (V1_NAMES as readonly string[]).includes(name);
  const isV2 = (V2_NAMES as readonly string[]).includes(name);
  if (!isV1 && !isV2) {
    throw new InfluxConfigError(
      `"${name}" is not an InfluxDB output`,
      'use --out influxdb=http://host:8086/<db> (InfluxDB 1.x) or --out influxdb2=http://host:8086?org=<org>&bucket=<bucket> (InfluxDB 2.x, token in K6_INFLUXDB_TOKEN)',
    );
  }
  const settings = new Settings(env);
  const fromSpec = rawUrl === undefined || rawUrl === '' ? undefined : parseUrl(rawUrl, `--out ${name}=…`);
  const fromEnv = settings.get('ADDR');
  const base =
    fromSpec ?? parseUrl(fromEnv?.value ?? influxDefaults.url, fromEnv?.source ?? 'the default address');
  if (fromSpec === undefined && base.params.size > 0) {
    throw new InfluxConfigError(
      `${fromEnv?.source ?? 'the address'} has query parameters`,
      'put only scheme, host, port and path in the address; set the other options with their own variables or in the --out URL',
    );
  }
  const allowed: readonly string[] = isV1 ? V1_PARAMS : V2_PARAMS;
  for (const key of new Set(base.params.keys())) {
    const why = UNSUPPORTED_PARAMS[key];
    if (why !== undefined) throw new InfluxConfigError(`--out ${name}: "${key}" is not supported`, why);
    if (!allowed.includes(key)) {
      throw new InfluxConfigError(
        `--out ${name}: unknown URL parameter "${key}"`,
        `the ${name} URL accepts ${allowed.join(', ')}`,
      );
    }
  }
  const param = (key: string): Setting | undefined => {
    const values = base.params.getAll(key).filter((v) => v !== '');
    return values.length === 0 ? undefined : { value: values.join(','), source: `URL parameter ${key}` };
  };
  const pick = (key: string, envName: string): Setting | undefined => param(key) ?? settings.get(envName);

  const common = {
    pushIntervalMs: duration(pick('pushInterval', 'PUSH_INTERVAL')) ?? influxDefaults.pushIntervalMs,
    concurrentWrites: count(pick('concurrentWrites', 'CONCURRENT_WRITES')) ?? influxDefaults.concurrentWrites,
    maxBufferedPoints:
      count(pick('maxBufferedPoints', 'MAX_BUFFERED_POINTS')) ?? influxDefaults.maxBufferedPoints,
    maxPointsPerSeries:
      count(pick('maxPointsPerSeries', 'MAX_POINTS_PER_SERIES'), 1_000_000) ??
      influxDefaults.maxPointsPerSeries,
    tagsAsFields: tagsAsFields(pick('tagsAsFields', 'TAGS_AS_FIELDS')),
  };

  if (isV1) {
    // k6: the last path segment names the database; anything before it is a reverse-proxy prefix.
    const segments = base.path.split('/').filter((s) => s !== '');
    const fromPath = fromSpec !== undefined ? segments.pop() : undefined;
    const db =
      (fromPath && decode(fromPath, 'database name')) ?? settings.get('DB')?.value ?? influxDefaults.db;
    const prefix =
      fromSpec !== undefined ? segments.map((s) => `/${s}`).join('') : base.path.replace(/\/+$/, '');
    const username = base.username ?? settings.get('USERNAME')?.value;
    const password = base.password ?? settings.get('PASSWORD')?.value;
    const retention = pick('retention', 'RETENTION')?.value;
    return {
      kind: 'v1',
      url: base.origin + prefix,
      db,
      ...(retention !== undefined ? { retention } : {}),
      ...(username !== undefined ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
      ...common,
    };
  }

  if (base.username !== undefined || base.password !== undefined) {
    throw new InfluxConfigError(
      `--out ${name}: the URL has credentials`,
      'InfluxDB 2.x authenticates with an API token: remove user:pass@ and set K6_INFLUXDB_TOKEN or FPT_INFLUXDB_TOKEN',
    );
  }
  const org = pick('org', 'ORGANIZATION')?.value;
  const bucket = pick('bucket', 'BUCKET')?.value;
  const token = settings.get('TOKEN')?.value;
  const missing = [
    org === undefined ? 'org (URL ?org= or K6_INFLUXDB_ORGANIZATION / FPT_INFLUXDB_ORGANIZATION)' : undefined,
    bucket === undefined ? 'bucket (URL ?bucket= or K6_INFLUXDB_BUCKET / FPT_INFLUXDB_BUCKET)' : undefined,
    token === undefined ? 'token (K6_INFLUXDB_TOKEN or FPT_INFLUXDB_TOKEN)' : undefined,
  ].filter((m): m is string => m !== undefined);
  if (org === undefined || bucket === undefined || token === undefined) {
    throw new InfluxConfigError(
      `--out ${name} needs ${missing.join(', ')}`,
      `for example: K6_INFLUXDB_TOKEN=… fpt run … --out ${name}=http://127.0.0.1:8086?org=my-org&bucket=perf`,
    );
  }
  return { kind: 'v2', url: base.origin + base.path.replace(/\/+$/, ''), org, bucket, token, ...common };
}

interface Setting {
  readonly value: string;
  /** Where the value came from, for error messages. */
  readonly source: string;
}

/** `FPT_INFLUXDB_<NAME>` wins over `K6_INFLUXDB_<NAME>`; empty values count as unset. */
class Settings {
  readonly #env: Env;

  constructor(env: Env) {
    this.#env = env;
  }

  get(name: string): Setting | undefined {
    for (const prefix of ['FPT_INFLUXDB_', 'K6_INFLUXDB_']) {
      const value = this.#env[prefix + name];
      if (value !== undefined && value.trim() !== '') return { value: value.trim(), source: prefix + name };
    }
    return undefined;
  }
}

interface ParsedUrl {
  readonly origin: string;
  readonly path: string;
  readonly username?: string;
  readonly password?: string;
  readonly params: URLSearchParams;
}

function parseUrl(raw: string, source: string): ParsedUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InfluxConfigError(
      `${source}: "${raw}" is not a URL`,
      'write it as http://host:8086/<db> (InfluxDB 1.x) or http://host:8086 (InfluxDB 2.x)',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InfluxConfigError(
      `${source}: ${url.protocol}// is not supported`,
      url.protocol === 'udp:'
        ? 'FPT writes over HTTP only; use http://host:8086'
        : 'use an http:// or https:// address',
    );
  }
  return {
    origin: url.origin,
    // Kept percent-encoded: it goes back into request URLs.
    path: url.pathname,
    ...(url.username !== '' ? { username: decode(url.username, 'user name') } : {}),
    ...(url.password !== '' ? { password: decode(url.password, 'password') } : {}),
    params: url.searchParams,
  };
}

function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new InfluxConfigError(
      `the ${what} in the URL is not valid percent-encoding`,
      'encode reserved characters as %XX',
    );
  }
}

function duration(setting: Setting | undefined): number | undefined {
  if (setting === undefined) return undefined;
  const ms = parseDurationMs(setting.value);
  if (ms === undefined || ms < 10) {
    throw new InfluxConfigError(
      `${setting.source}: "${setting.value}" is not a usable push interval`,
      'give a duration of at least 10ms, such as 1s or 500ms',
    );
  }
  return ms;
}

function count(setting: Setting | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (setting === undefined) return undefined;
  const n = /^\d+$/.test(setting.value) ? Number(setting.value) : Number.NaN;
  if (!(n >= 1 && n <= max)) {
    throw new InfluxConfigError(
      `${setting.source}: "${setting.value}" is not a whole number from 1 to ${max}`,
      'give a positive whole number, such as 4',
    );
  }
  return n;
}

const FIELD_TYPES: readonly TagFieldType[] = ['string', 'int', 'float', 'bool'];

function tagsAsFields(setting: Setting | undefined): readonly TagAsField[] {
  if (setting === undefined) return [];
  return setting.value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [tag = '', type = 'string', ...rest] = entry.split(':');
      if (tag === '' || rest.length > 0 || !(FIELD_TYPES as readonly string[]).includes(type)) {
        throw new InfluxConfigError(
          `${setting.source}: "${entry}" is not a tag to write as a field`,
          `list tags as name or name:type (type ${FIELD_TYPES.join(', ')}), separated by commas, such as vu:int,url`,
        );
      }
      if (tag === 'value' || tag === 'time') {
        throw new InfluxConfigError(
          `${setting.source}: the tag "${tag}" cannot become a field`,
          '"value" is the field every point carries, and InfluxDB refuses fields named "time"',
        );
      }
      return { tag, type: type as TagFieldType };
    });
}
