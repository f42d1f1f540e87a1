import { describe, expect, it } from 'vitest';
import { CookieJar } from '../src/http/cookie-jar.js';

const at = (url: string) => new URL(url);
const now = Date.parse('2026-11-26T12:00:00Z');

describe('cookie jar', () => {
  it('sends a host-only cookie back to its host only, on paths under its path', () => {
    const jar = new CookieJar();
    jar.store(at('http://api.example.test/api/login'), ['session=abc; Path=/api; HttpOnly'], now);
    expect(jar.headerFor(at('http://api.example.test/api/items?x=1'), now)).toBe('session=abc');
    expect(jar.headerFor(at('http://api.example.test/api'), now)).toBe('session=abc');
    expect(jar.headerFor(at('http://api.example.test/apix'), now)).toBeUndefined();
    expect(jar.headerFor(at('http://api.example.test/'), now)).toBeUndefined();
    expect(jar.headerFor(at('http://www.example.test/api/items'), now)).toBeUndefined();
  });

  it('a Domain cookie reaches subdomains; a Domain that is not the host or its parent is refused', () => {
    const jar = new CookieJar();
    jar.store(
      at('http://login.example.test/'),
      ['wide=1; Domain=.example.test; Path=/', 'other=1; Domain=evil.test'],
      now,
    );
    expect(jar.headerFor(at('http://api.example.test/x'), now)).toBe('wide=1');
    expect(jar.headerFor(at('http://example.test/x'), now)).toBe('wide=1');
    expect(jar.headerFor(at('http://evil.test/'), now)).toBeUndefined();
    expect(jar.size).toBe(1);
  });

  it('the default path is the directory of the request path', () => {
    const jar = new CookieJar();
    jar.store(at('http://h.test/shop/cart/add'), ['c=1'], now);
    expect(jar.headerFor(at('http://h.test/shop/cart/view'), now)).toBe('c=1');
    expect(jar.headerFor(at('http://h.test/shop/other'), now)).toBeUndefined();
  });

  it('replaces a cookie of the same name, domain and path; Max-Age=0 and a past Expires delete it', () => {
    const jar = new CookieJar();
    const url = at('http://h.test/');
    jar.store(url, ['a=1; Path=/', 'b=1; Path=/'], now);
    jar.store(url, ['a=2; Path=/'], now);
    expect(jar.headerFor(url, now)).toBe('b=1; a=2');
    jar.store(url, ['a=; Max-Age=0; Path=/', 'b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/'], now);
    expect(jar.headerFor(url, now)).toBeUndefined();
    expect(jar.size).toBe(0);
  });

  it('expires cookies by Max-Age (over Expires) as time passes', () => {
    const jar = new CookieJar();
    const url = at('http://h.test/');
    jar.store(url, ['short=1; Max-Age=10; Expires=Wed, 01 Jan 2031 00:00:00 GMT'], now);
    expect(jar.headerFor(url, now + 9_000)).toBe('short=1');
    expect(jar.headerFor(url, now + 11_000)).toBeUndefined();
  });

  it('sends Secure cookies over https only, longer paths first', () => {
    const jar = new CookieJar();
    jar.store(at('https://h.test/a/b/c'), ['s=1; Secure; Path=/', 'deep=1; Path=/a/b', 'top=1; Path=/'], now);
    expect(jar.headerFor(at('https://h.test/a/b/c'), now)).toBe('deep=1; s=1; top=1');
    expect(jar.headerFor(at('http://h.test/a/b/c'), now)).toBe('deep=1; top=1');
  });

  it('ignores a Set-Cookie without a name, and keeps at most 100 cookies', () => {
    const jar = new CookieJar();
    const url = at('http://h.test/');
    jar.store(url, ['novalue', '=x'], now);
    expect(jar.size).toBe(0);
    jar.store(
      url,
      Array.from({ length: 150 }, (_, i) => `c${i}=${i}; Path=/`),
      now,
    );
    expect(jar.size).toBe(100);
    expect(jar.headerFor(url, now)).toContain('c149=149');
    expect(jar.headerFor(url, now)).not.toContain('c0=0;');
    jar.clear();
    expect(jar.headerFor(url, now)).toBeUndefined();
  });
});
