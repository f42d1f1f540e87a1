import { createHash, createHmac, randomBytes as nodeRandomBytes } from 'node:crypto';
import { toBuffer } from './k6-encoding-module.js';

type Output = 'hex' | 'base64' | 'base64url' | 'binary' | undefined;

function digestAs(bytes: Buffer, output: Output): string | ArrayBuffer {
  if (output === 'hex' || output === 'base64' || output === 'base64url') return bytes.toString(output);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** `k6/crypto`: the hashes and HMACs scripts sign requests with, and randomBytes. */
export function k6CryptoModule(): object {
  const hash = (algorithm: string) => (input: unknown, output?: Output) =>
    digestAs(createHash(algorithm).update(toBuffer(input)).digest(), output);
  const hmac = (algorithm: string, secret: unknown, data: unknown, output?: Output) =>
    digestAs(createHmac(algorithm, toBuffer(secret)).update(toBuffer(data)).digest(), output);
  const randomBytes = (size: number) => {
    const bytes = nodeRandomBytes(Number(size));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  };
  const members = {
    md5: hash('md5'),
    sha1: hash('sha1'),
    sha256: hash('sha256'),
    sha384: hash('sha384'),
    sha512: hash('sha512'),
    hmac,
    randomBytes,
  };
  return { ...members, default: members };
}
