/** k6's base64 variants: std (default), rawstd (no padding), url, rawurl. */
type Variant = 'std' | 'rawstd' | 'url' | 'rawurl';

export function toBuffer(input: unknown): Buffer {
  if (typeof input === 'string') return Buffer.from(input, 'utf8');
  if (input instanceof ArrayBuffer) return Buffer.from(input);
  if (ArrayBuffer.isView(input)) return Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError('expected a string or an ArrayBuffer');
}

/** `k6/encoding`: b64encode and b64decode, with k6's variants and its "s" format for text. */
export function k6EncodingModule(): object {
  const b64encode = (input: unknown, variant: Variant = 'std'): string => {
    const bytes = toBuffer(input);
    const url = variant === 'url' || variant === 'rawurl';
    let text = bytes.toString(url ? 'base64url' : 'base64');
    if (variant === 'url') text += '='.repeat((4 - (text.length % 4)) % 4);
    if (variant === 'rawstd') text = text.replace(/=+$/, '');
    return text;
  };
  const b64decode = (input: string, variant: Variant = 'std', format?: string): string | ArrayBuffer => {
    const url = variant === 'url' || variant === 'rawurl';
    const bytes = Buffer.from(String(input), url ? 'base64url' : 'base64');
    if (format === 's') return bytes.toString('utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  };
  return { b64encode, b64decode, default: { b64encode, b64decode } };
}
