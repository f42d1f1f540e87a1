import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ThrowawayCaOptions = {
  /** Parent folder for the CA's own fresh folder (made with mkdtemp). Default: os.tmpdir(). */
  readonly dir?: string;
};

export type IssueCertificateOptions = {
  /** File stem: the files are `<name>.pem` and `<name>.key` in the CA's folder. Letters, digits, `._-`. */
  readonly name: string;
  readonly commonName: string;
  /** subjectAltName entries in OpenSSL syntax, e.g. ['DNS:localhost', 'IP:127.0.0.1']. Default: none. */
  readonly altNames?: readonly string[];
  /** A client certificate (extendedKeyUsage clientAuth) instead of a server one (serverAuth). */
  readonly clientAuth?: boolean;
  /** Validity entirely in the past (from two days ago to one day ago): TLS clients say CERT_HAS_EXPIRED. */
  readonly expired?: boolean;
  /** Signed by its own key instead of the CA's: TLS clients that trust the CA still reject it. */
  readonly selfSigned?: boolean;
};

export type IssuedCertificate = {
  readonly certPath: string;
  readonly keyPath: string;
  /** PEM certificate. */
  readonly cert: string;
  /** PEM private key (PKCS#8, EC P-256), unencrypted. */
  readonly key: string;
};

export type ThrowawayCa = {
  /** The CA's own folder; cleanup() removes it. */
  readonly dir: string;
  readonly caCertPath: string;
  /** PEM certificate of the CA: give it as `ca` to node:tls, https, http2 or undici. */
  readonly caCert: string;
  issue(options: IssueCertificateOptions): IssuedCertificate;
  /** Removes the CA's folder with every key and certificate in it. Idempotent. */
  cleanup(): void;
};

const validityDays = 30;
const dayMs = 24 * 60 * 60 * 1000;
const fileStem = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
// The CA's own files live in the same folder; an issued certificate must not overwrite them.
const reservedStems = new Set(['ca', 'openssl']);

/**
 * A certificate authority that lives for one test run, made with the `openssl` CLI: real certificates
 * exercise the real TLS stack (chain building, expiry, client certificates) where mocks would not.
 */
export function createThrowawayCa(options: ThrowawayCaOptions = {}): ThrowawayCa {
  const dir = mkdtempSync(join(options.dir ?? tmpdir(), 'fpt-ca-'));
  try {
    return setUpCa(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function setUpCa(dir: string): ThrowawayCa {
  const configPath = join(dir, 'openssl.cnf');
  const caCertPath = join(dir, 'ca.pem');
  const caKeyPath = join(dir, 'ca.key');
  mkdirSync(join(dir, 'issued'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(configPath, caConfig(dir));
  // Unique per CA, so a certificate from one test's CA is visibly not from another's.
  const caName = `FPT throwaway test CA ${dir.slice(-6)}`;
  openssl([
    'req',
    ...['-x509', '-new', '-config', configPath, '-extensions', 'ca_ext'],
    ...newKeyArgs(caKeyPath),
    ...['-subj', subject(caName), '-days', String(validityDays), '-out', caCertPath],
  ]);
  const caCert = readFileSync(caCertPath, 'utf8');
  const issued = new Set<string>();

  return {
    dir,
    caCertPath,
    caCert,
    issue(issueOptions) {
      const { name } = issueOptions;
      if (!fileStem.test(name) || reservedStems.has(name))
        throw new RangeError(
          `certificate name "${name}" cannot be a file stem: use letters, digits, ".", "_" or "-" (not "ca" or "openssl")`,
        );
      if (issued.has(name))
        throw new RangeError(
          `certificate "${name}" was already issued by this CA: give each one its own name`,
        );
      issued.add(name);
      const certPath = join(dir, `${name}.pem`);
      const keyPath = join(dir, `${name}.key`);
      const csrPath = join(dir, `${name}.csr`);
      const extPath = join(dir, `${name}.ext`);
      writeFileSync(extPath, leafExtensions(issueOptions));
      openssl([
        'req',
        ...['-new', '-config', configPath, ...newKeyArgs(keyPath)],
        ...['-subj', subject(issueOptions.commonName), '-out', csrPath],
      ]);
      // `openssl ca` rather than `x509 -req`: OpenSSL 3.0's x509 cannot set a start date, which the
      // expired certificate needs, and one code path for every certificate keeps them alike.
      openssl([
        'ca',
        ...['-batch', '-notext', '-config', configPath, '-in', csrPath, '-out', certPath],
        ...['-extfile', extPath, '-extensions', 'leaf'],
        ...(issueOptions.selfSigned ? ['-selfsign', '-keyfile', keyPath] : []),
        ...validityArgs(issueOptions.expired === true),
      ]);
      return {
        certPath,
        keyPath,
        cert: readFileSync(certPath, 'utf8'),
        key: readFileSync(keyPath, 'utf8'),
      };
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A config of our own, so the host's /etc/ssl/openssl.cnf (absent, or with other defaults) cannot matter.
function caConfig(dir: string): string {
  return `[ ca ]
default_ca = fpt_ca

[ fpt_ca ]
database = ${dir}/index.txt
new_certs_dir = ${dir}/issued
certificate = ${dir}/ca.pem
private_key = ${dir}/ca.key
rand_serial = yes
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none

[ policy_any ]
commonName = supplied

[ req ]
distinguished_name = req_dn

[ req_dn ]

[ ca_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
`;
}

function leafExtensions(options: IssueCertificateOptions): string {
  const lines = [
    '[ leaf ]',
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature',
    `extendedKeyUsage = ${options.clientAuth ? 'clientAuth' : 'serverAuth'}`,
    'subjectKeyIdentifier = hash',
  ];
  // A self-signed certificate has no other issuer whose key id could be named.
  if (!options.selfSigned) lines.push('authorityKeyIdentifier = keyid');
  const altNames = options.altNames ?? [];
  for (const altName of altNames)
    if (!/^(DNS|IP|email|URI):[^,\n]+$/.test(altName))
      throw new RangeError(
        `alt name "${altName}" is not in OpenSSL syntax: write e.g. "DNS:localhost" or "IP:127.0.0.1"`,
      );
  if (altNames.length > 0) lines.push(`subjectAltName = ${altNames.join(',')}`);
  return `${lines.join('\n')}\n`;
}

// EC P-256: key generation takes milliseconds where RSA 2048 can take a noticeable fraction of a second.
function newKeyArgs(keyPath: string): string[] {
  return ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-noenc', '-keyout', keyPath];
}

function validityArgs(expired: boolean): string[] {
  if (!expired) return ['-days', String(validityDays)];
  const now = Date.now();
  return ['-startdate', asn1Time(now - 2 * dayMs), '-enddate', asn1Time(now - dayMs)];
}

// GeneralizedTime as `openssl ca` wants it: YYYYMMDDHHMMSSZ.
function asn1Time(timeMs: number): string {
  return `${new Date(timeMs).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

// In -subj, "/" separates attributes and "\" escapes; escaping them keeps any common name intact.
function subject(commonName: string): string {
  if (commonName === '' || commonName.includes('\n'))
    throw new RangeError('commonName must be a non-empty single line, e.g. "localhost"');
  return `/CN=${commonName.replace(/[\\/+=]/g, (c) => `\\${c}`)}`;
}

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (failure.code === 'ENOENT')
      throw new Error('openssl is missing: apt-get install openssl (the throwaway CA runs the openssl CLI)', {
        cause: error,
      });
    const stderr = failure.stderr?.toString().trim() ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr || failure.message}`, { cause: error });
  }
}
