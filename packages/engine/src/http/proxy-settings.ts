import { BlockList, isIP } from 'node:net';

/** Where a request goes instead of its origin: an HTTP proxy, with the credentials its URL carried. */
export interface ProxyRoute {
  readonly host: string;
  readonly port: number;
  /** "Basic …" from the proxy URL's user and password, sent as Proxy-Authorization. */
  readonly authorization: string | undefined;
  /** The proxy's URL without credentials, for messages. */
  readonly display: string;
}

/** The proxy variables as Go reads them (HTTP_PROXY, HTTPS_PROXY, NO_PROXY; upper case first). */
export interface ProxyEnvironment {
  readonly httpProxy?: string | undefined;
  readonly httpsProxy?: string | undefined;
  readonly noProxy?: string | undefined;
}

/** A preset's own proxy (target.proxy): used for every host, loopback included, but those noProxy names. */
export interface ExplicitProxy {
  readonly url: string;
  readonly noProxy?: string | undefined;
}

/** A proxy setting that cannot be used, with the variable or field it came from. */
export class ProxySettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProxySettingError';
  }
}

/**
 * Chooses the proxy of each request URL. A preset's `target.proxy` wins (`none` turns proxies off);
 * otherwise HTTPS_PROXY serves https URLs and HTTP_PROXY http ones, with Go's rules: NO_PROXY lists
 * hosts, domains (and their subdomains), `.domain` (subdomains only), addresses and CIDR ranges, each
 * optionally with a port, or `*`; requests to localhost and loopback addresses never take an environment proxy.
 */
export function proxyChooser(
  explicit: ExplicitProxy | 'none' | undefined,
  env: ProxyEnvironment,
): (url: URL) => ProxyRoute | undefined {
  if (explicit === 'none') return () => undefined;
  if (explicit !== undefined) {
    const route = parseProxyUrl(explicit.url, 'target.proxy');
    const bypass = noProxyMatcher(explicit.noProxy);
    return (url) => (bypass(url) ? undefined : route);
  }
  const http = env.httpProxy ? parseProxyUrl(env.httpProxy, 'HTTP_PROXY') : undefined;
  const https = env.httpsProxy ? parseProxyUrl(env.httpsProxy, 'HTTPS_PROXY') : undefined;
  if (!http && !https) return () => undefined;
  const bypass = noProxyMatcher(env.noProxy);
  return (url) => {
    const route = url.protocol === 'https:' ? https : http;
    if (!route || isLoopbackHost(url.hostname) || bypass(url)) return undefined;
    return route;
  };
}

function parseProxyUrl(text: string, source: string): ProxyRoute {
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ProxySettingError(`${source} "${text}" is not a URL; write it like http://proxy.example:3128`);
  }
  if (url.protocol !== 'http:')
    throw new ProxySettingError(
      `${source} "${url.protocol}//${url.host}" uses ${url.protocol.slice(0, -1)}; FPT speaks to proxies in plain HTTP (http://host:port)`,
    );
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    host,
    port: url.port === '' ? 80 : Number(url.port),
    authorization:
      user === '' && password === ''
        ? undefined
        : `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    display: `http://${url.host}`,
  };
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost') return true;
  const family = isIP(host);
  return family !== 0 && loopback.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

interface NoProxyEntry {
  readonly matches: (host: string) => boolean;
  readonly port: string | undefined;
}

/** Go's NO_PROXY matching (golang.org/x/net/http/httpproxy), as a predicate on request URLs. */
function noProxyMatcher(list: string | undefined): (url: URL) => boolean {
  const entries: NoProxyEntry[] = [];
  let all = false;
  for (const raw of (list ?? '').split(',')) {
    const text = raw.trim().toLowerCase();
    if (text === '') continue;
    if (text === '*') {
      all = true;
      continue;
    }
    const [address, prefix] = text.split('/');
    if (prefix !== undefined && isIP(address!) !== 0) {
      const block = new BlockList();
      const family = isIP(address!) === 4 ? 'ipv4' : 'ipv6';
      block.addSubnet(address!, Number(prefix), family);
      entries.push({
        matches: (host) => isIP(host) !== 0 && block.check(host, isIP(host) === 4 ? 'ipv4' : 'ipv6'),
        port: undefined,
      });
      continue;
    }
    const { host, port } = splitHostPort(text);
    if (isIP(host) !== 0) {
      entries.push({ matches: (candidate) => candidate === host, port });
      continue;
    }
    const domain = host.startsWith('*.') ? host.slice(1) : host;
    const subdomainsOnly = domain.startsWith('.');
    const suffix = subdomainsOnly ? domain : `.${domain}`;
    entries.push({
      matches: (candidate) => candidate.endsWith(suffix) || (!subdomainsOnly && candidate === domain),
      port,
    });
  }
  return (url) => {
    if (all) return true;
    const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port;
    return entries.some((entry) => entry.matches(host) && (entry.port === undefined || entry.port === port));
  };
}

function splitHostPort(text: string): { host: string; port: string | undefined } {
  const bracketed = /^\[(.*)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] };
  const colon = text.lastIndexOf(':');
  if (colon > 0 && text.indexOf(':') === colon && /^\d+$/.test(text.slice(colon + 1)))
    return { host: text.slice(0, colon), port: text.slice(colon + 1) };
  return { host: text, port: undefined };
}
