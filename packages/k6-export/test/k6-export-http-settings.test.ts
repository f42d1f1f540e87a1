import { exportK6Script } from '@fpt/k6-export';
import { loadPresetText } from '@fpt/preset';
import { describe, expect, it } from 'vitest';
import { maskedProxyUrl } from '../src/target-options.js';
import { allCases } from './export-cases.js';

/** A one-request preset with these target fields (YAML flow mapping entries) and request fields. */
function exported(target: string, request = '') {
  const text = `name: small
target: { baseUrl: "http://127.0.0.1:8787"${target ? `, ${target}` : ''} }
scenarios:
  api:
    executor: constant-vus
    duration: 5s
    requests: [{ name: r, method: POST, path: /fast${request ? `, ${request}` : ''} }]
`;
  return exportK6Script(loadPresetText(text, '/virtual/small.yaml', { env: {} }));
}

/** The warnings about the target and requests: those every preset gets (safety, baseline) left out. */
function httpWarnings(result: ReturnType<typeof exported>) {
  return result.warnings.filter((w) => w.field !== 'safety' && w.field !== 'baseline');
}

/** The line of `export const options` that sets this option, or undefined. */
function optionLine(script: string, option: string): string | undefined {
  const options = script.slice(script.indexOf('export const options = {'));
  return options.slice(0, options.indexOf('\n};')).match(new RegExp(`^ {2}${option}: .*$`, 'm'))?.[0];
}

describe('the target and request HTTP settings in the k6 script', () => {
  it('writes nothing and warns about nothing for the defaults, which are k6 defaults too', () => {
    const result = exported(
      'dns: { select: random, policy: preferIPv4, ttl: 300s }, connectionReuse: vu, http: auto, maxResponseBodySize: 8192KB',
    );
    expect(httpWarnings(result)).toEqual([]);
    for (const option of [
      'tlsVersion',
      'tlsAuth',
      'dns',
      'hosts',
      'noConnectionReuse',
      'noVUConnectionReuse',
    ])
      expect(optionLine(result.script, option), option).toBeUndefined();
    expect(result.script).not.toContain('open(');
    expect(result.script).not.toMatch(/redirects|compression|connection: 'close'/);
  });

  it('maps connection reuse to noConnectionReuse (off) and noVUConnectionReuse (iteration)', () => {
    const off = exported('connectionReuse: off').script;
    expect(optionLine(off, 'noConnectionReuse')).toBe('  noConnectionReuse: true,');
    expect(optionLine(off, 'noVUConnectionReuse')).toBeUndefined();
    const iteration = exported('connectionReuse: iteration').script;
    expect(optionLine(iteration, 'noVUConnectionReuse')).toBe('  noVUConnectionReuse: true,');
    expect(optionLine(iteration, 'noConnectionReuse')).toBeUndefined();
  });

  it('writes tlsVersion as a range, an open end taking the version Go would use', () => {
    const version = (tls: string) => optionLine(exported(`tls: { ${tls} }`).script, 'tlsVersion');
    expect(version('minVersion: tls1.3')).toBe("  tlsVersion: { min: 'tls1.3', max: 'tls1.3' },");
    expect(version('maxVersion: tls1.2')).toBe("  tlsVersion: { min: 'tls1.2', max: 'tls1.2' },");
    expect(version('minVersion: tls1.0, maxVersion: tls1.2')).toBe(
      "  tlsVersion: { min: 'tls1.0', max: 'tls1.2' },",
    );
  });

  it('writes the dns option whole when one of its settings differs from the default', () => {
    const result = exported('dns: { policy: onlyIPv6 }');
    expect(optionLine(result.script, 'dns')).toBe(
      "  dns: { ttl: '5m', select: 'random', policy: 'onlyIPv6' },",
    );
    expect(httpWarnings(result)).toEqual([]);
  });

  it('maps dns.hosts to hosts, one address per name, and warns when a name has several', () => {
    const single = exported('dns: { hosts: { api.test: [10.0.0.1], "::1.test": "::1" } }');
    expect(optionLine(single.script, 'hosts')).toBe(
      "  hosts: { 'api.test': '10.0.0.1', '::1.test': '::1' },",
    );
    expect(httpWarnings(single)).toEqual([]);
    const several = exported('dns: { hosts: { api.test: [10.0.0.1, 10.0.0.2, 10.0.0.3] } }');
    expect(optionLine(several.script, 'hosts')).toBe("  hosts: { 'api.test': '10.0.0.1' },");
    expect(httpWarnings(several)).toEqual([
      {
        field: 'target.dns.hosts.api.test',
        message:
          "k6's hosts option takes one address per name: api.test goes to 10.0.0.1 only, where FPT spreads connections over 10.0.0.1, 10.0.0.2 and 10.0.0.3",
      },
    ]);
  });

  it('says how to get HTTP/1.1 only from k6, and that it cannot require HTTP/2', () => {
    expect(httpWarnings(exported('http: http1'))).toEqual([
      {
        field: 'target.http',
        message: 'k6 has no option for HTTP/1.1 only: run it with GODEBUG=http2client=0 in its environment',
      },
    ]);
    expect(httpWarnings(exported('http: http2'))).toEqual([
      { field: 'target.http', message: expect.stringContaining('no cleartext HTTP/2 (h2c)') },
    ]);
  });

  it('says which proxy variables to export, never with the password, or to unset them for proxy: none', () => {
    const proxy = exported('proxy: "http://user:p4ss@proxy.test:3128"');
    expect(httpWarnings(proxy)).toEqual([
      {
        field: 'target.proxy',
        message:
          'k6 takes its proxy from the environment, not the script: run it with HTTP_PROXY=http://user:***@proxy.test:3128 HTTPS_PROXY=http://user:***@proxy.test:3128 (Go never sends requests to localhost or loopback addresses through it)',
      },
    ]);
    expect(proxy.script).not.toContain('p4ss');
    const none = exported('proxy: none');
    expect(httpWarnings(none)).toEqual([
      { field: 'target.proxy', message: expect.stringContaining('unset them when running it') },
    ]);
  });

  it('masks only the password of a proxy URL', () => {
    expect(maskedProxyUrl('http://user:secret@proxy:3128')).toBe('http://user:***@proxy:3128');
    expect(maskedProxyUrl('https://:secret@proxy')).toBe('https://:***@proxy');
    expect(maskedProxyUrl('http://user@proxy:3128')).toBe('http://user@proxy:3128');
    expect(maskedProxyUrl('http://proxy:3128/a:b@c')).toBe('http://proxy:3128/a:b@c');
  });

  it('gives the --local-ips value for source addresses, and warns about a response size limit', () => {
    expect(httpWarnings(exported('localAddresses: [10.0.0.1, 10.0.0.2], maxResponseBodySize: 1MB'))).toEqual([
      {
        field: 'target.localAddresses',
        message: expect.stringContaining('run it with --local-ips=10.0.0.1,10.0.0.2.'),
      },
      {
        field: 'target.maxResponseBodySize',
        message: expect.stringContaining('exceeds 1MB (error 1040)'),
      },
    ]);
  });

  it('sends redirects, compression and Connection: close in the request params', () => {
    const result = exported('', 'maxRedirects: 2, compression: zstd, keepAlive: false, body: { raw: "x" }');
    expect(result.script).toContain(
      "headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' },",
    );
    expect(result.script).toMatch(/ {4}redirects: 2,\n {4}compression: 'zstd',\n/);
    expect(httpWarnings(result)).toEqual([
      { field: 'scenarios.api.requests.r.keepAlive', message: expect.stringContaining('Connection: close') },
    ]);
    // A request's own Connection header wins, as its headers do over the target's.
    const own = exported('', 'keepAlive: false, headers: { Connection: keep-alive }').script;
    expect(own).toContain("connection: 'keep-alive'");
    expect(own).not.toContain("connection: 'close'");
  });

  it('decodes a base64 body once, at the top level, with k6/encoding', () => {
    const result = exported('', 'body: { base64: "AAEC/w" }');
    expect(result.script).toContain("import encoding from 'k6/encoding';");
    expect(result.script).toContain("const rBody = encoding.b64decode('AAEC/w==', 'std');");
    expect(result.script).toContain("http.request('POST', `${BASE_URL}/fast`, rBody, {");
    expect(result.script).toContain("headers: { 'content-type': 'application/octet-stream' }");
  });

  it('warns about every HTTP setting of the http-settings fixture that k6 takes elsewhere or not at all', () => {
    const fixture = allCases.find((c) => c.name === 'http-settings')!.exported;
    expect(httpWarnings(fixture).map((w) => w.field)).toEqual([
      'target.tls.ca',
      'target.tls.clientCertificates',
      'target.dns.hosts.api.test',
      'target.http',
      'target.proxy',
      'target.localAddresses',
      'target.maxResponseBodySize',
      'scenarios.uploads.requests.file-body.body.file',
      'scenarios.uploads.requests.file-body.keepAlive',
      'scenarios.uploads.requests.form-upload.body.multipart',
      'scenarios.uploads.requests.form-upload.body.multipart.meta',
    ]);
    expect(fixture.warnings.find((w) => w.field === 'target.tls.clientCertificates')!.message).toContain(
      'the script reads files/client.pem and files/client-key.pem with open() when it starts',
    );
    expect(fixture.script).not.toContain('s3cret');
  });
});
