import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetAllowlist, TargetAllowlistError } from '../src/index.js';
import { chromiumForTests, useArtifactsDir } from './browser-fixtures.js';
import { count, run, tagValues } from './engine-fixtures.js';

describe('TargetAllowlist', () => {
  const decide = (rules: string[], host: string, resolved: string[] = []) =>
    TargetAllowlist.parse(rules).decide(host, resolved);

  it('matches exact names, wildcards (sub-domains only), addresses and CIDR ranges', () => {
    expect(decide(['api.example.com'], 'API.example.com')).toEqual({
      allowed: true,
      rule: 'api.example.com',
    });
    expect(decide(['api.example.com'], 'www.example.com').allowed).toBe(false);
    expect(decide(['*.example.com'], 'a.b.example.com')).toEqual({ allowed: true, rule: '*.example.com' });
    expect(decide(['*.example.com'], 'example.com').allowed).toBe(false);
    expect(decide(['*.example.com'], 'badexample.com').allowed).toBe(false);
    expect(decide(['10.0.0.0/8'], '10.1.2.3')).toEqual({ allowed: true, rule: '10.0.0.0/8' });
    expect(decide(['10.0.0.0/8'], '11.1.2.3').allowed).toBe(false);
    expect(decide(['2001:db8::/32'], '[2001:db8::1]').allowed).toBe(true);
    // A name is allowed by the ranges its addresses fall in, but only when all of them do.
    expect(decide(['10.0.0.0/8'], 'svc.internal', ['10.0.0.5']).allowed).toBe(true);
    expect(decide(['10.0.0.0/8'], 'svc.internal', ['10.0.0.5', '192.0.2.1']).allowed).toBe(false);
  });

  it('never lets * or a wide range cover loopback; only a rule that names loopback does', () => {
    expect(decide(['*'], 'example.com')).toEqual({ allowed: true, rule: '*' });
    const star = decide(['*'], '127.0.0.1');
    expect(star.allowed).toBe(false);
    expect(star.allowed === false && star.reason).toMatch(/loopback/);
    expect(decide(['*'], 'localhost').allowed).toBe(false);
    expect(decide(['*'], 'sneaky.example', ['127.0.0.1']).allowed).toBe(false);
    expect(decide(['0.0.0.0/0'], '127.0.0.1').allowed).toBe(false);
    // *.localhost names loopback itself, so it vouches for it.
    expect(decide(['*.localhost'], 'a.localhost').allowed).toBe(true);
    expect(decide(['*.example.com'], 'a.localhost').allowed).toBe(false);
    expect(decide(['127.0.0.1'], '127.0.0.1')).toEqual({ allowed: true, rule: '127.0.0.1' });
    expect(decide(['127.0.0.1'], '127.0.0.2').allowed).toBe(false);
    expect(decide(['127.0.0.0/8'], '127.0.0.2').allowed).toBe(true);
    expect(decide(['localhost'], 'localhost').allowed).toBe(true);
    expect(decide(['::1'], '[::1]').allowed).toBe(true);
    expect(decide(['127.0.0.1'], 'localhost', ['127.0.0.1']).allowed).toBe(true);
  });

  it('never lets * cover 0.0.0.0, ::, link-local or metadata addresses, in any notation', () => {
    const hosts = [
      '0.0.0.0',
      '[::]',
      '[::ffff:0:0]',
      '[::ffff:127.0.0.1]',
      '169.254.169.254',
      '169.254.1.1',
      '[fe80::1]',
      '[fd00:ec2::254]',
    ];
    for (const host of hosts) expect(decide(['*'], host).allowed, host).toBe(false);
    // What URL makes of "0", "0x0" and "0177.0.0.1" reaches the allowlist normalised; check the forms anyway.
    for (const url of ['http://0:1/', 'http://0x0:1/', 'http://0177.0.0.1/', 'http://2130706433/'])
      expect(decide(['*'], new URL(url).hostname).allowed, url).toBe(false);
    const unspecified = decide(['*'], '0.0.0.0');
    expect(unspecified.allowed === false && unspecified.reason).toMatch(
      /unspecified address.*connects to this host/,
    );
    expect(decide(['*'], 'evil.example', ['0.0.0.0']).allowed).toBe(false);
    expect(decide(['0.0.0.0/0'], '0.0.0.0').allowed).toBe(false);
    expect(decide(['169.254.0.0/16'], '169.254.1.1').allowed).toBe(true);
    expect(decide(['169.254.0.0/16'], '169.254.169.254').allowed).toBe(false);
    expect(decide(['169.254.169.254'], '169.254.169.254').allowed).toBe(true);
    expect(decide(['0.0.0.0'], '0.0.0.0').allowed).toBe(true);
    expect(decide(['api.example.com'], 'api.example.com', ['169.254.169.254']).allowed).toBe(false);
  });

  it('an empty allowlist refuses everything and says it is empty', () => {
    const decision = decide([], 'example.com');
    expect(decision.allowed).toBe(false);
    expect(decision.allowed === false && decision.reason).toMatch(/empty/);
  });

  it('refuses a rule it cannot read, with how to write one', () => {
    expect(() => TargetAllowlist.parse(['http://example.com/'])).toThrow(TargetAllowlistError);
    expect(() => TargetAllowlist.parse(['10.0.0.0/33'])).toThrow(/prefix length/);
    try {
      TargetAllowlist.parse(['exa mple.com']);
    } catch (error) {
      expect((error as TargetAllowlistError).hint).toMatch(/\*\.example\.com/);
    }
  });
});

describe('a run with a target allowlist', () => {
  let elsewhere: Server;
  let elsewhereHits = 0;
  let redirector: Server;
  let redirectorUrl = '';

  beforeAll(async () => {
    // "Elsewhere" listens on 127.0.0.2: loopback, so the test sends nothing off the machine, but not
    // the 127.0.0.1 the allowlist names.
    elsewhere = createServer((_request, response) => {
      elsewhereHits++;
      response.end('should never be reached');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.2', resolve));
    const elsewherePort = (elsewhere.address() as AddressInfo).port;
    redirector = createServer((_request, response) => {
      response.writeHead(302, { location: `http://127.0.0.2:${elsewherePort}/` }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => elsewhere.close(resolve));
    await new Promise((resolve) => redirector.close(resolve));
  });

  it('follows nothing to a host outside it: the refused hop is measured as error 1030', async () => {
    const { summary, store } = await run(
      redirectorUrl,
      'scenarios:\n  s:\n    executor: shared-iterations\n    iterations: 3\n    requests:\n      - name: hop\n        path: /\n',
      { targetAllowlist: ['127.0.0.1'] },
    );
    expect(elsewhereHits).toBe(0);
    // Each iteration: the 302 from the allowed host, then the refused hop.
    expect(count(store, 'http_reqs')).toBe(6);
    expect(tagValues(store, 'http_reqs', 'error_code')).toEqual(['1030']);
    expect(summary.warnings.join('\n')).not.toMatch(/internal/);
  });

  const chromium = chromiumForTests('target-allowlist.test.ts');
  const artifacts = useArtifactsDir();

  it.skipIf(!chromium)(
    'refuses a browser navigation to a host outside it: the step fails, nothing arrives',
    async () => {
      elsewhereHits = 0;
      const elsewhereUrl = `http://127.0.0.2:${(elsewhere.address() as AddressInfo).port}/`;
      const { summary } = await run(
        redirectorUrl,
        `scenarios:
  journey:
    executor: shared-iterations
    iterations: 1
    browser:
      steps:
        - goto: ${elsewhereUrl}
`,
        { targetAllowlist: ['127.0.0.1'], artifactsDir: artifacts.path },
      );
      expect(elsewhereHits).toBe(0);
      expect(summary.warnings.join('\n')).toMatch(
        /browser navigation to http:\/\/127\.0\.0\.2:\d+: target not allowed/,
      );
    },
  );

  it('without an allowlist (the CLI) the same redirect is followed', async () => {
    elsewhereHits = 0;
    await run(
      redirectorUrl,
      'scenarios:\n  s:\n    executor: shared-iterations\n    iterations: 2\n    requests:\n      - name: hop\n        path: /\n',
    );
    expect(elsewhereHits).toBe(2);
  });
});
