import { useEffect, useState } from 'preact/hooks';
import { parseHashRoute, type Route } from '../lib/hash-route.js';

/** The route in location.hash, updated on every hash change. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHashRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHashRoute(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
