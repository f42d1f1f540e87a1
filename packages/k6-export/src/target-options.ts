import { parseByteSize, parseDurationMs, type Preset } from '@fpt/preset';
import { JsObject, js } from './js-code.js';
import type { ScriptContext } from './script-context.js';

type Target = Preset['target'];

/** FPT's defaults where k6's are the same: nothing is written for them. */
const defaultDns = { select: 'random', policy: 'preferIPv4', ttlMs: 5 * 60_000 } as const;
const defaultMaxResponseBodySize = 8 * 1024 ** 2;
/** The versions Go offers when the preset leaves one end open, as FPT (on Node) does. */
const defaultTlsVersions = { min: 'tls1.2', max: 'tls1.3' } as const;

/**
 * The k6 options for how the target is reached, each left out (undefined) where the preset keeps the
 * default: TLS versions and client certificates, DNS, fixed host addresses, connection reuse.
 */
export function connectionOptions(target: Target, context: ScriptContext): [string, unknown][] {
  return [
    ['tlsVersion', tlsVersionOption(target)],
    ['tlsAuth', tlsAuthOption(target, context)],
    ['dns', dnsOption(target)],
    ['hosts', hostsOption(target)],
    // FPT's connectionReuse: vu is k6's default (each VU keeps its connections).
    ['noConnectionReuse', target.connectionReuse === 'off' ? true : undefined],
    ['noVUConnectionReuse', target.connectionReuse === 'iteration' ? true : undefined],
  ];
}

/** k6's tlsVersion takes the same names (tls1.0 ... tls1.3); an open end gets the version Go would use. */
function tlsVersionOption(target: Target): { min: string; max: string } | undefined {
  const { minVersion, maxVersion } = target.tls ?? {};
  if (minVersion === undefined && maxVersion === undefined) return undefined;
  return { min: minVersion ?? defaultTlsVersions.min, max: maxVersion ?? defaultTlsVersions.max };
}

/** Client certificates as k6's tlsAuth, each PEM file read with open() in the init context. */
function tlsAuthOption(target: Target, context: ScriptContext): JsObject[] | undefined {
  const certificates = target.tls?.clientCertificates;
  if (!certificates || certificates.length === 0) return undefined;
  return certificates.map(
    (entry) =>
      new JsObject([
        ['domains', entry.domains],
        ['cert', js(context.openFile(entry.cert, 'text'))],
        ['key', js(context.openFile(entry.key, 'text'))],
      ]),
  );
}

/** k6's dns option when the preset's differs from the default both tools share (random, preferIPv4, 5m). */
function dnsOption(target: Target): { ttl: string; select: string; policy: string } | undefined {
  const { select, policy, ttl } = target.dns;
  const isDefault =
    select === defaultDns.select && policy === defaultDns.policy && parseDurationMs(ttl) === defaultDns.ttlMs;
  return isDefault ? undefined : { ttl, select, policy };
}

/** k6's hosts option: one address per name (the first, when the preset lists several). */
function hostsOption(target: Target): Record<string, string> | undefined {
  const hosts = Object.entries(target.dns.hosts ?? {});
  if (hosts.length === 0) return undefined;
  return Object.fromEntries(
    hosts.map(([name, addresses]) => [name, Array.isArray(addresses) ? addresses[0]! : addresses]),
  );
}

/** A proxy URL as it may be shown: the password, if any, as ***. */
export function maskedProxyUrl(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^:@/?#]*):[^@/?#]*@/, '$1:***@');
}

/** `a`, `a and b`, `a, b and c`. */
export function listText(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The warning for files the script reads with open(): k6 resolves their paths from the script's folder. */
export function openedFilesMessage(files: readonly string[]): string {
  const them = files.length === 1 ? 'it at the same path' : 'them at the same paths';
  return `the script reads ${listText(files)} with open() when it starts: keep ${them} relative to the script as to the preset`;
}

/**
 * Warns about the target settings that k6 takes only from its environment or command line, or not at all,
 * and about those the script carries over only in part. What each warning says is how to get the same
 * behaviour from k6, where there is a way.
 */
export function warnTargetSettings(target: Target, context: ScriptContext): void {
  const tls = target.tls;
  if (tls?.ca !== undefined) {
    const files = listText(Array.isArray(tls.ca) ? tls.ca : [tls.ca]);
    context.warn(
      'target.tls.ca',
      `k6 has no option for extra CA certificates (Go trusts the system store, or the bundle SSL_CERT_FILE names): add ${files} to the system store, or run k6 with SSL_CERT_FILE set to a bundle of the system CAs and ${files}`,
    );
  }
  const certificates = tls?.clientCertificates ?? [];
  if (certificates.length > 0) {
    const files = [...new Set(certificates.flatMap((entry) => [entry.cert, entry.key]))];
    context.warn(
      'target.tls.clientCertificates',
      `${openedFilesMessage(files)}. k6 offers a certificate to any server that asks for one it accepts, whatever its domains`,
    );
  }
  for (const [name, addresses] of Object.entries(target.dns.hosts ?? {})) {
    if (Array.isArray(addresses) && addresses.length > 1) {
      context.warn(
        `target.dns.hosts.${name}`,
        `k6's hosts option takes one address per name: ${name} goes to ${addresses[0]} only, where FPT spreads connections over ${listText(addresses)}`,
      );
    }
  }
  if (target.http === 'http1') {
    context.warn(
      'target.http',
      'k6 has no option for HTTP/1.1 only: run it with GODEBUG=http2client=0 in its environment',
    );
  } else if (target.http === 'http2') {
    context.warn(
      'target.http',
      'k6 has no option for HTTP/2 only: it uses HTTP/2 where an https server offers it by ALPN, else HTTP/1.1, and has no cleartext HTTP/2 (h2c), so an http:// target gets HTTP/1.1',
    );
  }
  if (target.proxy === 'none') {
    context.warn(
      'target.proxy',
      'k6 takes its proxy from HTTP_PROXY, HTTPS_PROXY and NO_PROXY: unset them when running it, so that it connects directly as the preset says',
    );
  } else if (target.proxy !== undefined) {
    const { url, noProxy } = typeof target.proxy === 'string' ? { url: target.proxy } : target.proxy;
    const proxy = maskedProxyUrl(url);
    const variables = [`HTTP_PROXY=${proxy}`, `HTTPS_PROXY=${proxy}`];
    if (noProxy !== undefined) variables.push(`NO_PROXY=${noProxy}`);
    context.warn(
      'target.proxy',
      `k6 takes its proxy from the environment, not the script: run it with ${variables.join(' ')} (Go never sends requests to localhost or loopback addresses through it)`,
    );
  }
  if (target.localAddresses !== undefined) {
    context.warn(
      'target.localAddresses',
      `k6 takes source addresses only on its command line: run it with --local-ips=${target.localAddresses.join(',')}. k6 gives each VU one of them for all its connections, where FPT takes them in turn for each new connection`,
    );
  }
  if (parseByteSize(target.maxResponseBodySize) !== defaultMaxResponseBodySize) {
    context.warn(
      'target.maxResponseBodySize',
      `k6 keeps a response body of any size, where FPT fails a request whose body exceeds ${target.maxResponseBodySize} (error 1040); k6's discardResponseBodies and responseType: 'none' drop bodies instead, and checks then cannot read them`,
    );
  }
}
