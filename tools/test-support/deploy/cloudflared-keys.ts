import { anything, bool, int, type KeySpec, keys, list, str } from './key-schema.js';

/**
 * The keys of a locally-managed cloudflared config.yml (developers.cloudflare.com, "Configuration file" and
 * "Origin parameters"). cloudflared is not installable here, so `cloudflared tunnel ingress validate`
 * cannot run; this schema and the catch-all rule check stand in for it.
 */
const originRequest = keys({
  connectTimeout: str,
  tlsTimeout: str,
  tcpKeepAlive: str,
  noHappyEyeballs: bool,
  keepAliveConnections: int,
  keepAliveTimeout: str,
  httpHostHeader: str,
  originServerName: str,
  caPool: str,
  noTLSVerify: bool,
  disableChunkedEncoding: bool,
  bastionMode: bool,
  proxyAddress: str,
  proxyPort: int,
  proxyType: str,
  ipRules: list(anything),
  http2Origin: bool,
  access: keys({ required: bool, teamName: str, audTag: list(str) }),
});

export const cloudflaredKeys: KeySpec = keys({
  tunnel: str,
  'credentials-file': str,
  ingress: list(keys({ hostname: str, path: str, service: str, originRequest })),
  originRequest,
  'warp-routing': keys({ enabled: bool }),
  metrics: str,
  'no-autoupdate': bool,
  loglevel: str,
  protocol: str,
});

export interface IngressRule {
  hostname?: string;
  path?: string;
  service?: string;
}

/** cloudflared refuses a config whose last rule can fail to match: it must have neither hostname nor path. */
export function catchAllProblems(ingress: IngressRule[]): string[] {
  const last = ingress.at(-1);
  if (!last) return ['ingress is empty: it needs at least the catch-all rule `- service: http_status:404`'];
  const problems: string[] = [];
  if (last.hostname !== undefined || last.path !== undefined) {
    problems.push(
      'the last ingress rule must match everything (no hostname, no path), e.g. `- service: http_status:404`',
    );
  }
  ingress.slice(0, -1).forEach((rule, index) => {
    if (rule.hostname === undefined && rule.path === undefined) {
      problems.push(`ingress rule ${index + 1} matches everything, so the rules after it are never used`);
    }
  });
  return problems;
}
