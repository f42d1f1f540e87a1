import type { ProxyEnvironment } from '@fpt/engine';

/** HTTP_PROXY, HTTPS_PROXY and NO_PROXY as Go reads them: upper case first, then lower case. */
export function proxyEnvironmentOf(env: Readonly<Record<string, string | undefined>>): ProxyEnvironment {
  const pick = (name: string) => env[name] || env[name.toLowerCase()] || undefined;
  return { httpProxy: pick('HTTP_PROXY'), httpsProxy: pick('HTTPS_PROXY'), noProxy: pick('NO_PROXY') };
}
