import { type Route, routeHash } from './hash-route.js';

/**
 * A page of another agent's UI, on its public URL: its run (`#/runs/<id>`), its live view. Every agent
 * serves the same UI, so the same hash routes work there (after logging in to that agent).
 */
export function peerPageUrl(peerUrl: string, route: Route): string {
  return `${peerUrl.replace(/\/+$/, '')}/${routeHash(route)}`;
}
