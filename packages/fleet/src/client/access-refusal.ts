import type { IncomingHttpHeaders } from 'node:http';
import type { PeerAccess } from '../peers/peer.js';

/**
 * Whether an answer came from Cloudflare Access rather than from the agent behind it, and how it refused.
 * Access answers a call without an accepted service token by redirecting it to the team's login page
 * (`https://<team>.cloudflareaccess.com/cdn-cgi/access/login/<host>...`, when the application also lets
 * people sign in), or with its own 401/403 page: HTML from Cloudflare (`cf-ray`, `Server: cloudflare`),
 * never the agent's JSON error. Undefined: not a refusal by Access.
 */
export function accessRefusal(
  status: number,
  headers: IncomingHttpHeaders,
  answeredJson: boolean,
): string | undefined {
  if (status >= 300 && status < 400) {
    const location = headers.location ?? '';
    return /\/cdn-cgi\/access\/login\b|\.cloudflareaccess\.com(?:[/:]|$)/i.test(location)
      ? `it redirected to its login page (${status})`
      : undefined;
  }
  const fromCloudflare =
    headers['cf-ray'] !== undefined || /^cloudflare\b/i.test(String(headers.server ?? ''));
  return (status === 401 || status === 403) && !answeredJson && fromCloudflare
    ? `${status} from Cloudflare, not from the agent`
    : undefined;
}

/**
 * What to do about a refusal by Access, naming the variables to set (never their values): the peer's own
 * when the registry names them, the registry fields when it does not.
 */
export function accessRefusedMessage(where: string, how: string, access: PeerAccess | null): string {
  const refused = `${where}: Cloudflare Access refused the call (${how})`;
  if (!access) {
    return `${refused}; this peer is sent no Access service token: name the variables that hold one with accessClientIdEnv and accessClientSecretEnv in its peer registry entry (e.g. CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET), then set them (docs/fleet.md)`;
  }
  const both = `${access.clientIdEnv} and ${access.clientSecretEnv}`;
  const unset = [
    access.clientId === undefined ? access.clientIdEnv : undefined,
    access.clientSecret === undefined ? access.clientSecretEnv : undefined,
  ].filter((name): name is string => name !== undefined);
  if (unset.length > 0) {
    return `${refused}; set ${both} to the client id and secret of an Access service token the application allows (${unset.join(' and ')} ${unset.length === 1 ? 'is' : 'are'} not set)`;
  }
  return `${refused}; ${both} are set but Access does not accept them: check that they hold a current service token and that the Access application has a Service Auth policy that includes it`;
}
