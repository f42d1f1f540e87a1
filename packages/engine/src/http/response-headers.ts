/**
 * Reading a raw response header block ("Name: value\r\n" lines, as the engine's HTTP client keeps it)
 * without building an object per response: checks, captures and redirects look up only the few they need.
 */

/**
 * The header block holds each byte as one character (latin1), as it came off the wire; servers send UTF-8
 * bytes, so values are read as UTF-8 where they have bytes above 0x7f.
 */
function utf8Value(raw: string): string {
  return /[\x80-\xff]/.test(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw;
}

/** The first value of a header (case-insensitive name), trimmed; undefined when there is none. */
export function findHeader(headers: string, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (let p = 0; p < headers.length; p = nextLine(headers, p)) {
    const value = valueIfNamed(headers, p, wanted);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * A header as checks read it: every value of a repeated header joined with ", " (as k6's res.headers and
 * RFC 9110 §5.3 combine them); undefined when there is none.
 */
export function combinedHeader(headers: string, name: string): string | undefined {
  const values = findHeaders(headers, name);
  return values.length === 0 ? undefined : values.join(', ');
}

/** Every value of a header, in order (Set-Cookie comes once per cookie). */
export function findHeaders(headers: string, name: string): string[] {
  const wanted = name.toLowerCase();
  const found: string[] = [];
  for (let p = 0; p < headers.length; p = nextLine(headers, p)) {
    const value = valueIfNamed(headers, p, wanted);
    if (value !== undefined) found.push(value);
  }
  return found;
}

/** The value of the line starting at `p` when its name is `wanted` (lower case). */
function valueIfNamed(headers: string, p: number, wanted: string): string | undefined {
  const length = wanted.length;
  if (headers.charCodeAt(p + length) !== 58 || headers.slice(p, p + length).toLowerCase() !== wanted)
    return undefined;
  return utf8Value(headers.slice(p + length + 1, lineEnd(headers, p)).trim());
}

function lineEnd(headers: string, p: number): number {
  const eol = headers.indexOf('\r\n', p);
  return eol < 0 ? headers.length : eol;
}

function nextLine(headers: string, p: number): number {
  return lineEnd(headers, p) + 2;
}
