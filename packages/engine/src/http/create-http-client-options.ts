import { createSecureContext, rootCertificates, type SecureContext, type SecureVersion } from 'node:tls';
import type { LoadedPreset } from '@fpt/preset';
import { parseByteSize, parseDurationMs } from '@fpt/preset';
import { EngineError } from '../engine-error.js';
import type { TargetGuard } from '../target-guard.js';
import { AddressPicker } from './address-picker.js';
import type { HttpClientOptions, TlsSettings } from './http-client-options.js';
import { type ProxyEnvironment, ProxySettingError, proxyChooser } from './proxy-settings.js';

export interface HttpClientContext {
  /** An agent's allowlist: each connection's address is judged by it. */
  readonly guard?: TargetGuard | undefined;
  /** HTTP_PROXY, HTTPS_PROXY and NO_PROXY as the CLI read them. */
  readonly proxyEnvironment?: ProxyEnvironment | undefined;
}

/**
 * The HTTP client settings of a run from its preset's target, built once per thread: TLS contexts (CAs,
 * client certificates, versions) ahead of any handshake, the proxy choice, the DNS answers and source
 * addresses shared by the thread's VUs. A setting that cannot work is an EngineError (exit 104) before
 * any load, naming the field.
 */
export function createHttpClientOptions(
  loaded: LoadedPreset,
  context: HttpClientContext = {},
): HttpClientOptions {
  const target = loaded.preset.target;
  const guard = context.guard;
  let proxyFor: HttpClientOptions['proxyFor'];
  try {
    proxyFor = proxyChooser(
      target.proxy === undefined
        ? undefined
        : typeof target.proxy === 'string'
          ? target.proxy === 'none'
            ? 'none'
            : { url: target.proxy }
          : target.proxy,
      context.proxyEnvironment ?? {},
    );
  } catch (error) {
    if (error instanceof ProxySettingError)
      throw new EngineError(error.message, 'fix target.proxy or the HTTP_PROXY/HTTPS_PROXY variable');
    throw error;
  }
  const hosts: Record<string, readonly string[]> = {};
  for (const [name, addresses] of Object.entries(target.dns.hosts ?? {}))
    hosts[name.toLowerCase()] = Array.isArray(addresses) ? addresses : [addresses];
  const localAddresses = target.localAddresses ?? [];
  let turn = 0;
  return {
    http: target.http,
    tls: tlsSettings(loaded),
    proxyFor,
    addresses: new AddressPicker(
      {
        select: target.dns.select,
        policy: target.dns.policy,
        hosts,
        ttlMs: parseDurationMs(target.dns.ttl),
      },
      guard ? (hostname, address) => guard.refusalForAddress(hostname, address) : undefined,
    ),
    nextLocalAddress:
      localAddresses.length === 0 ? () => undefined : () => localAddresses[turn++ % localAddresses.length],
    connectionReuse: target.connectionReuse,
    maxResponseBodyBytes: parseByteSize(target.maxResponseBodySize),
  };
}

const nodeTlsVersion: Record<string, SecureVersion> = {
  'tls1.0': 'TLSv1',
  'tls1.1': 'TLSv1.1',
  'tls1.2': 'TLSv1.2',
  'tls1.3': 'TLSv1.3',
};

function tlsSettings(loaded: LoadedPreset): TlsSettings {
  const { target } = loaded.preset;
  const tls = target.tls;
  const asset = (file: string) => Buffer.from(loaded.assets[file] ?? new Uint8Array());
  const cas = tls?.ca === undefined ? [] : (Array.isArray(tls.ca) ? tls.ca : [tls.ca]).map(asset);
  const base = {
    // Node replaces its trust store with `ca`; the preset's CAs are added to the system's instead.
    ...(cas.length > 0 ? { ca: [...rootCertificates, ...cas] } : {}),
    ...(tls?.minVersion ? { minVersion: nodeTlsVersion[tls.minVersion] } : {}),
    ...(tls?.maxVersion ? { maxVersion: nodeTlsVersion[tls.maxVersion] } : {}),
  };
  const context = (field: string, options: Parameters<typeof createSecureContext>[0]) => {
    try {
      return createSecureContext(options);
    } catch (error) {
      throw new EngineError(
        `${field}: ${(error as Error).message}`,
        'check the PEM files and TLS versions of target.tls (minVersion must not exceed maxVersion)',
      );
    }
  };
  const needsOwn = cas.length > 0 || tls?.minVersion !== undefined || tls?.maxVersion !== undefined;
  const shared: SecureContext | undefined = needsOwn ? context('target.tls', base) : undefined;
  const clients = (tls?.clientCertificates ?? []).map((entry, index) => ({
    domains: entry.domains.map((domain) => domain.toLowerCase().replace(/^\*\./, '')),
    context: context(`target.tls.clientCertificates[${index}]`, {
      ...base,
      cert: asset(entry.cert),
      key: asset(entry.key),
    }),
  }));
  return {
    rejectUnauthorized: !target.insecureSkipTLSVerify,
    contextFor(hostname) {
      const host = hostname.toLowerCase();
      const client = clients.find((c) => c.domains.some((d) => host === d || host.endsWith(`.${d}`)));
      return client?.context ?? shared;
    },
  };
}
