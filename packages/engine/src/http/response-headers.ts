/**
 * Reading a raw response header block ("Name: value\r\n" lines, as the engine's HTTP client keeps it)
 * without building an object per response: checks, captures and redirects look up only the few they need.
 */

/** The first value of a header (case-insensitive name), trimmed; undefined when there is none. */
export function findHeader(headers: string, name: string): string | undefined {
  let found: string | undefined;
  eachValue(headers, name, (value) => {
    found = value;
    return false;
  });
  return found;
}

/** Every value of a header, in order (Set-Cookie comes once per cookie). */
export function findHeaders(headers: string, name: string): string[] {
  const found: string[] = [];
  eachValue(headers, name, (value) => {
    found.push(value);
    return true;
  });
  return found;
}

function eachValue(headers: string, name: string, onValue: (value: string) => boolean): void {
  const wanted = name.toLowerCase();
  const length = wanted.length;
  for (let p = 0; p < headers.length; ) {
    const eol = headers.indexOf('\r\n', p);
    const lineEnd = eol < 0 ? headers.length : eol;
    if (
      headers.charCodeAt(p + length) === 58 &&
      headers.slice(p, p + length).toLowerCase() === wanted &&
      !onValue(headers.slice(p + length + 1, lineEnd).trim())
    )
      return;
    p = lineEnd + 2;
  }
}
