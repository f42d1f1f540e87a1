/**
 * Where a redirect leads, and what of the request may follow it there. A server decides the Location, so
 * it is untrusted input: anything but an http(s) URL is refused with a reason, never thrown.
 */

export type RedirectTarget =
  | { readonly ok: true; readonly url: URL }
  | { readonly ok: false; readonly reason: string };

/** The URL a Location header points to, resolved against the URL it came from. */
export function resolveRedirect(location: string, from: URL | string): RedirectTarget {
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    return { ok: false, reason: `redirect to a malformed Location "${shorten(location)}"; nothing was sent` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      reason: `redirect to "${shorten(location)}", a ${url.protocol.slice(0, -1)}: URL; FPT follows only http and https, so nothing was sent`,
    };
  }
  return { ok: true, url };
}

/**
 * Headers that carry credentials: as Go's client (and fetch) do, they do not follow a redirect to another
 * host, so a redirect cannot hand a token to a third party. The cookie jar still sends the new host's own cookies.
 */
const credentialHeaders = new Set([
  'authorization',
  'www-authenticate',
  'cookie',
  'cookie2',
  'proxy-authorization',
]);

/** Go's rule: credentials may go to the original host and its subdomains (ports are not compared). */
export function keepsCredentials(initialHostname: string, destinationHostname: string): boolean {
  const initial = bareHost(initialHostname);
  const destination = bareHost(destinationHostname);
  if (destination === initial) return true;
  // An address literal has no subdomains.
  if (initial.includes(':') || /^[\d.]+$/.test(initial)) return false;
  return destination.endsWith(`.${initial}`);
}

/**
 * The header list for a redirect hop: without credentials when they may not follow, and without a Host
 * of the preset's own when the redirect names its own host (Go keeps a custom Host for relative redirects only).
 * Returns the same array when nothing is removed (constant lists stay shared).
 */
export function headersForRedirect(
  headers: readonly string[],
  keepCredentials: boolean,
  keepHost: boolean,
): readonly string[] {
  let kept: string[] | undefined;
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = headers[i]!.toLowerCase();
    const drop = (!keepCredentials && credentialHeaders.has(name)) || (!keepHost && name === 'host');
    if (drop && kept === undefined) kept = headers.slice(0, i);
    else if (!drop && kept !== undefined) kept.push(headers[i]!, headers[i + 1]!);
  }
  return kept ?? headers;
}

/** A Location without a scheme or host of its own ("/next", "../a"): the redirect stays where it is. */
export function isRelativeLocation(location: string): boolean {
  const trimmed = location.trim();
  return !/^[a-z][a-z\d+.-]*:/i.test(trimmed) && !trimmed.startsWith('//');
}

function bareHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
