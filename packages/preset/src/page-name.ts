const absoluteUrl = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The `name` tag of a browser page: the goto step's own name, else the path it goes to (no query, no
 * host). Thresholds filter browser metrics on it (`browser_web_vital_lcp{name:/pages/home}`), so the preset
 * checks and the engine must name pages the same way.
 */
export function pageNameOf(step: { readonly goto?: string; readonly name?: string }): string | undefined {
  if (step.goto === undefined) return undefined;
  return step.name ?? defaultPageName(step.goto);
}

export function defaultPageName(goto: string): string {
  let path = goto;
  if (absoluteUrl.test(goto)) {
    const afterScheme = goto.replace(absoluteUrl, '').replace(/^\/\/[^/?#]*/, '');
    path = afterScheme === '' ? '/' : afterScheme;
  }
  path = path.replace(/[?#].*$/s, '');
  if (path === '') return '/';
  return path.startsWith('/') ? path : `/${path}`;
}
