/** One stored cookie (RFC 6265 §5.3, without the public-suffix list: FPT tests the hosts it is given). */
interface StoredCookie {
  readonly name: string;
  readonly value: string;
  /** Lower-case host or domain, without a leading dot. */
  readonly domain: string;
  /** True when Set-Cookie had no Domain: only this exact host gets the cookie back. */
  readonly hostOnly: boolean;
  readonly path: string;
  readonly secure: boolean;
  /** Epoch ms; Infinity for a session cookie. */
  readonly expiresAtMs: number;
}

/** A misbehaving target could otherwise grow a VU's memory without end. */
const maxCookiesPerJar = 100;

/**
 * A VU's cookies, as a browser (and k6) keeps them: what responses set with Set-Cookie goes back on later
 * requests to matching hosts and paths, until it expires or is replaced. The engine empties the jar at the
 * start of each iteration unless the preset keeps it for the VU's life.
 */
export class CookieJar {
  #cookies: StoredCookie[] = [];

  get size(): number {
    return this.#cookies.length;
  }

  clear(): void {
    if (this.#cookies.length > 0) this.#cookies = [];
  }

  /** Stores the cookies of one response's Set-Cookie header values, received from `url`. */
  store(url: URL, setCookieValues: readonly string[], nowMs = Date.now()): void {
    for (const header of setCookieValues) {
      const cookie = parseSetCookie(header, url, nowMs);
      if (cookie === undefined) continue;
      const existing = this.#cookies.findIndex(
        (c) => c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path,
      );
      if (existing >= 0) this.#cookies.splice(existing, 1);
      // An expiry in the past is how a server deletes a cookie.
      if (cookie.expiresAtMs <= nowMs) continue;
      this.#cookies.push(cookie);
      if (this.#cookies.length > maxCookiesPerJar) this.#cookies.shift();
    }
  }

  /** The Cookie header for a request to `url`, or undefined when no cookie applies. */
  headerFor(url: URL, nowMs = Date.now()): string | undefined {
    if (this.#cookies.length === 0) return undefined;
    const host = url.hostname.toLowerCase();
    const path = url.pathname || '/';
    const secure = url.protocol === 'https:';
    const matching = this.#cookies.filter(
      (c) =>
        c.expiresAtMs > nowMs &&
        (!c.secure || secure) &&
        (c.hostOnly ? host === c.domain : domainMatches(host, c.domain)) &&
        pathMatches(path, c.path),
    );
    if (matching.length === 0) return undefined;
    // Longer paths first, as browsers send them (RFC 6265 §5.4); the sort is stable for equal paths.
    matching.sort((a, b) => b.path.length - a.path.length);
    return matching.map((c) => `${c.name}=${c.value}`).join('; ');
  }
}

/** Parses one Set-Cookie value; undefined for a cookie the user agent must ignore. */
export function parseSetCookie(header: string, url: URL, nowMs: number): StoredCookie | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const equals = pair.indexOf('=');
  if (equals < 0) return undefined;
  const name = pair.slice(0, equals).trim();
  const value = pair.slice(equals + 1).trim();
  if (name === '') return undefined;
  const host = url.hostname.toLowerCase();
  let domain = host;
  let hostOnly = true;
  let path: string | undefined;
  let secure = false;
  let maxAgeMs: number | undefined;
  let expiresAtMs = Number.POSITIVE_INFINITY;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const raw = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key === 'domain' && raw !== '') {
      const wanted = raw.replace(/^\./, '').toLowerCase();
      // A server may set a cookie for its own domain or a parent of it, never for another site.
      if (!domainMatches(host, wanted)) return undefined;
      domain = wanted;
      hostOnly = false;
    } else if (key === 'path') {
      path = raw.startsWith('/') ? raw : undefined;
    } else if (key === 'secure') {
      secure = true;
    } else if (key === 'max-age' && /^-?\d+$/.test(raw)) {
      maxAgeMs = Number(raw) * 1000;
    } else if (key === 'expires') {
      const parsed = Date.parse(raw);
      if (!Number.isNaN(parsed)) expiresAtMs = parsed;
    }
  }
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
  if (maxAgeMs !== undefined) expiresAtMs = maxAgeMs <= 0 ? Number.NEGATIVE_INFINITY : nowMs + maxAgeMs;
  return { name, value, domain, hostOnly, path: path ?? defaultPath(url.pathname), secure, expiresAtMs };
}

/** RFC 6265 §5.1.3: the host is the domain or a subdomain of it (IP addresses only match themselves). */
function domainMatches(host: string, domain: string): boolean {
  if (host === domain) return true;
  return host.endsWith(`.${domain}`) && !/^[\d.]+$|:/.test(host);
}

/** RFC 6265 §5.1.4. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

/** RFC 6265 §5.1.4: the directory of the request path. */
function defaultPath(requestPath: string): string {
  if (!requestPath.startsWith('/')) return '/';
  const lastSlash = requestPath.lastIndexOf('/');
  return lastSlash <= 0 ? '/' : requestPath.slice(0, lastSlash);
}
