type MatchableRoute = { readonly method: string; readonly path: string };

export type RouteMatch<R extends MatchableRoute> =
  | { readonly kind: 'found'; readonly route: R; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method-not-allowed'; readonly allowedMethods: readonly string[] }
  | { readonly kind: 'not-found' };

export type RouteMatcher<R extends MatchableRoute> = {
  match(method: string, path: string): RouteMatch<R>;
};

type PatternRoute<R> = { readonly route: R; readonly segments: readonly string[] };

const noParams: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Static paths resolve with one map lookup, which is what almost every request under load hits;
 * only paths with `:param` segments fall back to a scan, and there are a handful of those.
 */
export function createRouteMatcher<R extends MatchableRoute>(routes: readonly R[]): RouteMatcher<R> {
  const staticRoutes = new Map<string, Map<string, R>>();
  const patternRoutes: PatternRoute<R>[] = [];
  for (const route of routes) {
    if (route.path.includes('/:')) {
      patternRoutes.push({ route, segments: route.path.split('/') });
      continue;
    }
    let byMethod = staticRoutes.get(route.path);
    if (byMethod === undefined) {
      byMethod = new Map();
      staticRoutes.set(route.path, byMethod);
    }
    byMethod.set(route.method, route);
  }

  return {
    match(method, path) {
      const byMethod = staticRoutes.get(path);
      if (byMethod !== undefined) {
        const route = byMethod.get(method);
        if (route !== undefined) return { kind: 'found', route, params: noParams };
        return { kind: 'method-not-allowed', allowedMethods: [...byMethod.keys()] };
      }
      const segments = path.split('/');
      const allowedMethods: string[] = [];
      for (const candidate of patternRoutes) {
        const params = matchSegments(candidate.segments, segments);
        if (params === undefined) continue;
        if (candidate.route.method === method) return { kind: 'found', route: candidate.route, params };
        allowedMethods.push(candidate.route.method);
      }
      if (allowedMethods.length > 0) return { kind: 'method-not-allowed', allowedMethods };
      return { kind: 'not-found' };
    },
  };
}

function matchSegments(
  pattern: readonly string[],
  actual: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? '';
    const got = actual[i] ?? '';
    if (expected.startsWith(':')) {
      if (got === '') return undefined;
      params[expected.slice(1)] = got;
    } else if (expected !== got) {
      return undefined;
    }
  }
  return params;
}
