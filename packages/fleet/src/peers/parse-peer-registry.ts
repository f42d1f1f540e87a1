import { parse as parseYaml } from 'yaml';
import { type Peer, type PeerAccess, PeerRole } from './peer.js';
import { PeerRegistryError } from './peer-registry-error.js';

export const defaultPeerTokenEnv = 'FPT_PEER_TOKEN';

const registryHint =
  'write a list of peers, each with id, region and url (optional: role, privateUrl, host, tokenEnv, accessClientIdEnv and accessClientSecretEnv); see docs/fleet.md';
const knownKeys = [
  'id',
  'region',
  'role',
  'url',
  'privateUrl',
  'host',
  'tokenEnv',
  'accessClientIdEnv',
  'accessClientSecretEnv',
];
const namePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const hostPattern = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * Reads a peer registry: YAML or JSON, either a list of peers or `{peers: [...]}`. Tokens never appear in
 * the registry: each peer names the environment variable that holds its token (`tokenEnv`, default
 * FPT_PEER_TOKEN), read from `env` here; so does a Cloudflare Access service token (`accessClientIdEnv` and
 * `accessClientSecretEnv`, no default: a peer that names none is never sent one). Every problem is
 * collected before anything is refused.
 */
export function parsePeerRegistry(
  text: string,
  source: string,
  env: Readonly<Record<string, string | undefined>>,
): Peer[] {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new PeerRegistryError(source, [`not YAML: ${(error as Error).message}`], registryHint);
  }
  if (document === null || document === undefined) return [];
  const list = Array.isArray(document)
    ? document
    : typeof document === 'object' && Array.isArray((document as { peers?: unknown }).peers)
      ? (document as { peers: unknown[] }).peers
      : undefined;
  if (!list)
    throw new PeerRegistryError(source, ['expected a list of peers, or {peers: [...]}'], registryHint);

  const problems: string[] = [];
  const peers: Peer[] = [];
  list.forEach((entry, position) => {
    const where = `peers[${position}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${where}: expected an object with id, region and url`);
      return;
    }
    const fields = entry as Record<string, unknown>;
    const label = typeof fields.id === 'string' ? `${where} (${fields.id})` : where;
    const before = problems.length;
    if ('token' in fields) {
      problems.push(
        `${label}.token: a token does not belong in the registry (it would travel with the file); put it in an environment variable and name that variable with tokenEnv`,
      );
    }
    for (const key of Object.keys(fields)) {
      if (key !== 'token' && !knownKeys.includes(key))
        problems.push(`${label}.${key}: unknown field; use ${knownKeys.join(', ')}`);
    }
    const text = (key: string, required: boolean): string | undefined => {
      const value = fields[key];
      if (value === undefined || value === null) {
        if (required) problems.push(`${label}.${key}: missing`);
        return undefined;
      }
      if (typeof value !== 'string' || value.trim() === '') {
        problems.push(`${label}.${key}: expected a non-empty string`);
        return undefined;
      }
      return value.trim();
    };
    const id = text('id', true);
    if (id !== undefined && !namePattern.test(id))
      problems.push(`${label}.id: use letters, digits, "_", "-" or "." (at most 64)`);
    const region = text('region', true);
    if (region !== undefined && !namePattern.test(region))
      problems.push(`${label}.region: use letters, digits, "_", "-" or "." (as in a preset's regions)`);
    const role = text('role', false);
    if (role !== undefined && !Object.values(PeerRole).includes(role as PeerRole))
      problems.push(`${label}.role: "${role}" is not a role; use ${Object.values(PeerRole).join(', ')}`);
    const url = checkedUrl(text('url', true), `${label}.url`, problems);
    const privateUrl = checkedUrl(text('privateUrl', false), `${label}.privateUrl`, problems);
    const host = text('host', false);
    if (host !== undefined && !hostPattern.test(host))
      problems.push(`${label}.host: "${host}" is not a host name (with an optional :port)`);
    if (host !== undefined && privateUrl === undefined)
      problems.push(`${label}.host: only used on the private route; add privateUrl, or remove host`);
    const tokenEnv = text('tokenEnv', false) ?? defaultPeerTokenEnv;
    if (!envNamePattern.test(tokenEnv))
      problems.push(`${label}.tokenEnv: "${tokenEnv}" is not an environment variable name`);
    const access = accessOf(text('accessClientIdEnv', false), text('accessClientSecretEnv', false), {
      label,
      problems,
      env,
    });
    if (problems.length > before || !id || !region || !url) return;
    peers.push({
      id,
      region,
      role: (role as PeerRole | undefined) ?? null,
      url,
      privateUrl: privateUrl ?? null,
      host: privateUrl ? (host ?? new URL(url).host) : null,
      tokenEnv,
      token: env[tokenEnv] || undefined,
      access,
    });
  });
  const seen = new Set<string>();
  for (const peer of peers) {
    if (seen.has(peer.id)) problems.push(`peer id ${peer.id} appears more than once; ids must be unique`);
    seen.add(peer.id);
  }
  if (problems.length > 0) throw new PeerRegistryError(source, problems, registryHint);
  return peers;
}

/** The Access service token's variables: both or neither, each a variable name, not the same one. */
function accessOf(
  clientIdEnv: string | undefined,
  clientSecretEnv: string | undefined,
  context: { label: string; problems: string[]; env: Readonly<Record<string, string | undefined>> },
): PeerAccess | null {
  const { label, problems, env } = context;
  if (clientIdEnv === undefined && clientSecretEnv === undefined) return null;
  if (clientIdEnv === undefined || clientSecretEnv === undefined) {
    problems.push(
      `${label}: a Cloudflare Access service token needs both accessClientIdEnv and accessClientSecretEnv (the variables holding its client id and secret), e.g. CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET`,
    );
    return null;
  }
  const before = problems.length;
  for (const [key, name] of [
    ['accessClientIdEnv', clientIdEnv],
    ['accessClientSecretEnv', clientSecretEnv],
  ] as const) {
    if (!envNamePattern.test(name))
      problems.push(
        // Not repeated: a value pasted here in place of a name may be the secret itself.
        `${label}.${key}: not an environment variable name (letters, digits and _); the registry names the variable, the value stays in the environment`,
      );
  }
  if (clientIdEnv === clientSecretEnv)
    problems.push(`${label}: accessClientIdEnv and accessClientSecretEnv name the same variable`);
  if (problems.length > before) return null;
  return {
    clientIdEnv,
    clientSecretEnv,
    clientId: env[clientIdEnv] || undefined,
    clientSecret: env[clientSecretEnv] || undefined,
  };
}

function checkedUrl(value: string | undefined, where: string, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${where}: "${value}" is not a URL; write e.g. https://near-a.fpt.example.com`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`${where}: use http:// or https://, not ${url.protocol}`);
    return undefined;
  }
  if (url.username || url.password) {
    problems.push(`${where}: credentials do not belong in the URL; use tokenEnv`);
    return undefined;
  }
  if (url.search || url.hash) {
    problems.push(`${where}: no query or fragment; the agent's base URL only`);
    return undefined;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
