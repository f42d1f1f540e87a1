import * as zlib from 'node:zlib';
import { CodedRequestError, ErrorCode } from './error-codes.js';

type Decoder = (input: Buffer, options: zlib.ZlibOptions | zlib.BrotliOptions) => Buffer;

/** zstd arrived in node:zlib with Node 22.15 and 23.8; on older Node it is reported, not guessed at. */
const zstdDecompressSync = (zlib as unknown as { zstdDecompressSync?: Decoder }).zstdDecompressSync;

/** The content codings FPT can decode on this Node, in Accept-Encoding order. */
export const decodableEncodings: readonly string[] = [
  'gzip',
  'deflate',
  'br',
  ...(zstdDecompressSync ? ['zstd'] : []),
];

/**
 * The body as the server meant it: every Content-Encoding undone, last applied first, so that checks and
 * captures read text (k6 decodes gzip, deflate, br and zstd the same way). The decoded size is capped, so
 * a small compressed body cannot expand without bound. Throws CodedRequestError: 1701 for a coding that
 * cannot be decoded, 1040 for a body over the cap.
 */
export function decodeBody(body: Buffer, contentEncoding: string, maxBytes: number): Buffer {
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  let decoded = body;
  for (let i = codings.length - 1; i >= 0; i--) decoded = decodeOne(decoded, codings[i]!, maxBytes);
  return decoded;
}

function decodeOne(body: Buffer, coding: string, maxBytes: number): Buffer {
  const options = { maxOutputLength: maxBytes };
  try {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.gunzipSync(body, options);
      case 'deflate':
        // "deflate" is zlib-wrapped by the standard; some servers send it raw, and clients accept both.
        try {
          return zlib.inflateSync(body, options);
        } catch (error) {
          if (isTooLarge(error)) throw error;
          return zlib.inflateRawSync(body, options);
        }
      case 'br':
        return zlib.brotliDecompressSync(body, options);
      case 'zstd':
        if (zstdDecompressSync) return zstdDecompressSync(body, options);
        throw new CodedRequestError(
          ErrorCode.decompression,
          `the response is zstd-encoded, which Node ${process.version} cannot decode (Node 22.15 or later can); do not send accept-encoding: zstd`,
        );
      default:
        throw new CodedRequestError(
          ErrorCode.decompression,
          `the response has Content-Encoding "${coding}", which FPT cannot decode (it decodes ${decodableEncodings.join(', ')})`,
        );
    }
  } catch (error) {
    if (error instanceof CodedRequestError) throw error;
    if (isTooLarge(error))
      throw new CodedRequestError(
        ErrorCode.responseTooLarge,
        `the ${coding}-decoded response body is larger than maxResponseBodySize (${maxBytes} bytes)`,
      );
    throw new CodedRequestError(
      ErrorCode.decompression,
      `the response body is not valid ${coding}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function isTooLarge(error: unknown): boolean {
  return (
    (error as { code?: unknown } | undefined)?.code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError
  );
}
