const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path segment that is an id rather than a route: digits, a UUID, a long hex or opaque token. */
function isIdLike(segment: string): boolean {
  return (
    /^\d+$/.test(segment) || uuid.test(segment) || /^[0-9a-f]{12,}$/i.test(segment) || segment.length > 40
  );
}

/**
 * The `name` tag of a request a script made without one. k6 tags with the raw URL, which grows a series
 * per id and query; FPT never does: the query is dropped and id-like path segments become `${}`, the way
 * k6 names a request made with http.url`…/items/${id}`.
 */
export function requestNameOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.length > 100 ? `${url.slice(0, 100)}…` : url;
  }
  const path = parsed.pathname
    .split('/')
    .map((segment) => (isIdLike(segment) ? '${}' : segment))
    .join('/');
  return `${parsed.origin}${path}`;
}
