import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createThrowawayCa, type IssuedCertificate, type ThrowawayCa } from '../src/index.js';

const serverAuthOid = '1.3.6.1.5.5.7.3.1';
const clientAuthOid = '1.3.6.1.5.5.7.3.2';

let ca: ThrowawayCa;
let server: IssuedCertificate;
const servers: Server[] = [];

beforeAll(() => {
  ca = createThrowawayCa();
  server = ca.issue({ name: 'server', commonName: 'localhost', altNames: ['DNS:localhost', 'IP:127.0.0.1'] });
});
afterAll(() => ca.cleanup());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function startTlsServer(
  cert: IssuedCertificate,
  extra: { requestCert?: boolean; ca?: string } = {},
): Promise<{ port: number; peers: TLSSocket[] }> {
  const peers: TLSSocket[] = [];
  const tlsServer = createServer({ key: cert.key, cert: cert.cert, ...extra }, (socket) => {
    peers.push(socket);
    socket.end('hi\n');
  });
  // Handshakes the client refuses end here; they are what these tests provoke.
  tlsServer.on('tlsClientError', () => {});
  servers.push(tlsServer);
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  return { port: (tlsServer.address() as AddressInfo).port, peers };
}

function handshake(
  port: number,
  options: { ca?: string; servername?: string; key?: string; cert?: string } = {},
): Promise<{ authorized: boolean; data: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ...options });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.once('end', () => resolve({ authorized: socket.authorized, data }));
    socket.once('error', reject);
  });
}

describe('createThrowawayCa', () => {
  it('makes a CA certificate in its own folder', () => {
    expect(existsSync(ca.caCertPath)).toBe(true);
    expect(ca.caCertPath.startsWith(ca.dir)).toBe(true);
    const caX509 = new X509Certificate(ca.caCert);
    expect(caX509.ca).toBe(true);
    expect(caX509.subject).toMatch(/CN=FPT throwaway test CA/);
  });

  it('issues server certificates that node:tls accepts with the CA, for an IP and a name', async () => {
    expect(server.cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(server.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const x509 = new X509Certificate(server.cert);
    expect(x509.checkIssued(new X509Certificate(ca.caCert))).toBe(true);
    expect(x509.keyUsage).toEqual([serverAuthOid]);
    expect(x509.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');

    const { port } = await startTlsServer(server);
    await expect(handshake(port, { ca: ca.caCert })).resolves.toEqual({ authorized: true, data: 'hi\n' });
    await expect(handshake(port, { ca: ca.caCert, servername: 'localhost' })).resolves.toMatchObject({
      authorized: true,
    });
  });

  it('is not trusted without the CA', async () => {
    const { port } = await startTlsServer(server);
    await expect(handshake(port)).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('checks names: a certificate for another name is refused', async () => {
    const other = ca.issue({ name: 'other', commonName: 'other.test', altNames: ['DNS:other.test'] });
    const { port } = await startTlsServer(other);
    await expect(handshake(port, { ca: ca.caCert })).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    await expect(handshake(port, { ca: ca.caCert, servername: 'other.test' })).resolves.toMatchObject({
      authorized: true,
    });
  });

  it('issues expired certificates that clients reject with CERT_HAS_EXPIRED', async () => {
    const expired = ca.issue({
      name: 'expired',
      commonName: 'localhost',
      altNames: ['IP:127.0.0.1'],
      expired: true,
    });
    const x509 = new X509Certificate(expired.cert);
    expect(Date.parse(x509.validTo)).toBeLessThan(Date.now());
    expect(Date.parse(x509.validFrom)).toBeLessThan(Date.parse(x509.validTo));
    const { port } = await startTlsServer(expired);
    await expect(handshake(port, { ca: ca.caCert })).rejects.toMatchObject({ code: 'CERT_HAS_EXPIRED' });
  });

  it('issues self-signed certificates that clients trusting the CA still reject', async () => {
    const selfSigned = ca.issue({
      name: 'self-signed',
      commonName: 'localhost',
      altNames: ['IP:127.0.0.1'],
      selfSigned: true,
    });
    const x509 = new X509Certificate(selfSigned.cert);
    expect(x509.issuer).toBe(x509.subject);
    expect(x509.checkIssued(new X509Certificate(ca.caCert))).toBe(false);
    const { port } = await startTlsServer(selfSigned);
    await expect(handshake(port, { ca: ca.caCert })).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('issues client certificates that a server requiring them with the CA accepts', async () => {
    const client = ca.issue({ name: 'client', commonName: 'fpt-client', clientAuth: true });
    expect(new X509Certificate(client.cert).keyUsage).toEqual([clientAuthOid]);
    const { port, peers } = await startTlsServer(server, { requestCert: true, ca: ca.caCert });
    await handshake(port, { ca: ca.caCert, key: client.key, cert: client.cert });
    expect(peers).toHaveLength(1);
    expect(peers[0]?.authorized).toBe(true);
    expect(peers[0]?.getPeerCertificate().subject.CN).toBe('fpt-client');
  });

  it('refuses names that are not plain file stems, or reused', () => {
    expect(() => ca.issue({ name: '../escape', commonName: 'x' })).toThrow(/file stem/);
    expect(() => ca.issue({ name: 'ca', commonName: 'x' })).toThrow(/not "ca"/);
    expect(() => ca.issue({ name: 'server', commonName: 'x' })).toThrow(/already issued/);
    expect(() => ca.issue({ name: 'bad-alt', commonName: 'x', altNames: ['localhost'] })).toThrow(
      /OpenSSL syntax/,
    );
  });

  it('removes every file on cleanup, idempotently', () => {
    const own = createThrowawayCa();
    const cert = own.issue({ name: 'leaf', commonName: 'localhost' });
    expect(existsSync(cert.keyPath)).toBe(true);
    own.cleanup();
    own.cleanup();
    expect(existsSync(own.dir)).toBe(false);
  });
});
