/** RFC 9113 §7 error codes by number, for messages. */
const names = [
  'NO_ERROR',
  'PROTOCOL_ERROR',
  'INTERNAL_ERROR',
  'FLOW_CONTROL_ERROR',
  'SETTINGS_TIMEOUT',
  'STREAM_CLOSED',
  'FRAME_SIZE_ERROR',
  'REFUSED_STREAM',
  'CANCEL',
  'COMPRESSION_ERROR',
  'CONNECT_ERROR',
  'ENHANCE_YOUR_CALM',
  'INADEQUATE_SECURITY',
  'HTTP_1_1_REQUIRED',
] as const;

/** "REFUSED_STREAM (7)"; unknown codes by number. */
export function http2ErrorName(code: number | undefined): string {
  if (code === undefined) return 'an unknown error code';
  const name = names[code];
  return name === undefined ? `error code ${code}` : `${name} (${code})`;
}
