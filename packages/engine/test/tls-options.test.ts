import { writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server, type ServerOptions } from 'node:https';
import { join } from 'node:path';
import { createThrowawayCa, type IssuedCertificate, startNginx, type ThrowawayCa } from '@fpt/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../src/http/error-codes.js';
import type { HttpSession } from '../src/http/http-session.js';
import { presetWithTarget, sessionWith } from './http-client-fixtures.js';

let ca: ThrowawayCa;
let good: IssuedCertificate;
let expired: IssuedCertificate;
let otherName: IssuedCertificate;
let client: IssuedCertificate;
beforeAll(() => {
  ca = createThrowawayCa();
  const altNames = ['DNS:localhost', 'IP:127.0.0.1'];
  good = ca.issue({ name: 'good', commonName: 'localhost', altNames });
  expired = ca.issue({ name: 'expired', commonName: 'localhost', altNames, expired: true });
  otherName = ca.issue({ name: 'other', commonName: 'other.test', altNames: ['DNS:other.test'] });
  client = ca.issue({ name: 'client', commonName: 'fpt-load', clientAuth: true });
});
afterAll(() => ca?.cleanup());

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function https(options: ServerOptions): Promise<string> {
  const server: Server = createHttpsServer(options, (req, res) => {
    const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
    res.end(peer?.subject?.CN ? `hello ${peer.subject.CN}` : 'hello');
  });
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as { port: number }).port}`;
}

async function get(session: HttpSession, origin: string) {
  closers.push(() => session.close());
  const response = await session.send({
    origin,
    path: '/',
    method: 'GET',
    headers: [],
    timeoutMs: 5000,
    keepBody: true,
  });
  return {
    status: response.status,
    body: response.body?.toString(),
    errorCode: response.errorCode,
    errorMessage: response.errorMessage,
    tlsVersion: response.tlsVersion,
  };
}

const caLine = () => `tls: { ca: ${JSON.stringify(ca.caCertPath)} }`;

describe('target.tls', () => {
  it('trusts a CA file besides the system CAs; without it the certificate is an unknown authority', async () => {
    const nginx = await startNginx({ tls: { certPath: good.certPath, keyPath: good.keyPath } });
    closers.push(() => nginx.stop());
    const trusted = await get(sessionWith(caLine()), nginx.origin);
    expect([trusted.status, trusted.body]).toEqual([200, 'hello from nginx\n']);
    const untrusted = await get(sessionWith(), nginx.origin);
    expect(untrusted.errorCode).toBe(ErrorCode.tlsUnknownAuthority);
    expect(untrusted.errorMessage).toMatch(/unknown authority .*target\.tls\.ca/);
  });

  it('presents a client certificate to the hosts it names; a server that requires one says so without it', async () => {
    const origin = await https({
      cert: good.cert,
      key: good.key,
      ca: ca.caCert,
      requestCert: true,
      rejectUnauthorized: true,
    });
    const withCert = `${caLine().slice(0, -2)}, clientCertificates: [{ domains: [127.0.0.1], cert: ${JSON.stringify(client.certPath)}, key: ${JSON.stringify(client.keyPath)} }] }`;
    const mutual = await get(sessionWith(withCert), origin);
    expect([mutual.status, mutual.body]).toEqual([200, 'hello fpt-load']);
    const elsewhere = withCert.replace('domains: [127.0.0.1]', 'domains: [api.example.com]');
    const refused = await get(sessionWith(elsewhere), origin);
    expect(refused.errorCode).toBe(ErrorCode.tlsGeneric);
    expect(refused.errorMessage).toMatch(/requires a client certificate/);
    expect(refused.errorMessage).not.toMatch(/unknown authority/);
  });

  it('passes nginx with ssl_verify_client on when the certificate is given', async () => {
    const nginx = await startNginx({
      tls: { certPath: good.certPath, keyPath: good.keyPath, clientCaPath: ca.caCertPath },
    });
    closers.push(() => nginx.stop());
    const withCert = `${caLine().slice(0, -2)}, clientCertificates: [{ domains: [127.0.0.1], cert: ${JSON.stringify(client.certPath)}, key: ${JSON.stringify(client.keyPath)} }] }`;
    expect((await get(sessionWith(withCert), nginx.origin)).status).toBe(200);
    // nginx answers 400 ("No required SSL certificate was sent") rather than alerting.
    expect((await get(sessionWith(caLine()), nginx.origin)).status).toBe(400);
  });

  it('names an expired certificate and a host name the certificate does not cover', async () => {
    const expiredOrigin = await https({ cert: expired.cert, key: expired.key });
    const old = await get(sessionWith(caLine()), expiredOrigin);
    expect(old.errorCode).toBe(ErrorCode.tlsGeneric);
    expect(old.errorMessage).toMatch(/has expired/);
    const mismatchOrigin = await https({ cert: otherName.cert, key: otherName.key });
    const mismatch = await get(sessionWith(caLine()), mismatchOrigin);
    expect(mismatch.errorCode).toBe(ErrorCode.tlsHostnameMismatch);
    expect(mismatch.errorMessage).toMatch(/does not match the host name/);
  });

  it('offers the TLS versions asked for and tags the one negotiated', async () => {
    const origin = await https({ cert: good.cert, key: good.key, maxVersion: 'TLSv1.2' });
    const twelve = await get(sessionWith(caLine()), origin);
    expect([twelve.status, twelve.tlsVersion]).toEqual([200, 'tls1.2']);
    const thirteenOnly = await get(sessionWith(`${caLine().slice(0, -2)}, minVersion: tls1.3 }`), origin);
    expect(thirteenOnly.errorCode).toBe(ErrorCode.tlsGeneric);
    expect(thirteenOnly.errorMessage).toMatch(/protocol version|no TLS version in common|TLS/);
    const modern = await https({ cert: good.cert, key: good.key });
    expect((await get(sessionWith(caLine()), modern)).tlsVersion).toBe('tls1.3');
  });

  it('refuses a CA path that is not PEM when the preset loads', () => {
    const notPem = join(ca.dir, 'not-pem.txt');
    writeFileSync(notPem, 'just text');
    expect(() => presetWithTarget(`tls: { ca: ${JSON.stringify(notPem)} }`)).toThrow(/not a PEM file/);
    expect(() => presetWithTarget('tls: { ca: /nowhere/ca.pem }')).toThrow(
      /file not found: \/nowhere\/ca\.pem/,
    );
  });
});
