/**
 * What a region is for in the fleet. A nearby region is the fast everyday baseline, a second nearby one
 * tells local noise from a repeatable problem, and distant ones measure long network paths and edge routing.
 */
export const PeerRole = {
  baseline: 'baseline',
  confirm: 'confirm',
  far: 'far',
} as const;
export type PeerRole = (typeof PeerRole)[keyof typeof PeerRole];

/** One agent of the fleet, as the peer registry names it. */
export interface Peer {
  /** Unique in the registry; usually the agent's FPT_AGENT_ID. */
  readonly id: string;
  readonly region: string;
  readonly role: PeerRole | null;
  /** Where people and the UI reach it (no trailing slash). */
  readonly url: string;
  /** Where agents reach it (a private network, a tunnel's local end); null: the public URL. */
  readonly privateUrl: string | null;
  /** Host header sent on the private route, so the reverse proxy in front of the peer routes the call. */
  readonly host: string | null;
  /** The environment variable holding the token this peer accepts. */
  readonly tokenEnv: string;
  /** Its value when the registry was read; undefined when that variable is not set. Never serialised. */
  readonly token: string | undefined;
  /** The Cloudflare Access service token this peer's route passes through; null: none is ever sent. */
  readonly access: PeerAccess | null;
}

/**
 * A Cloudflare Access service token, named like the peer token: the registry names the variables, their
 * values are read from the environment. Sent (`CF-Access-Client-Id`, `CF-Access-Client-Secret`) only to a
 * peer that names them, and only when both are set. Never serialised, never logged.
 */
export interface PeerAccess {
  readonly clientIdEnv: string;
  readonly clientSecretEnv: string;
  /** The values when the registry was read; undefined when the variable is not set. */
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
}

/** A peer as the API and the UI show it: no token, no private address. */
export interface PeerView {
  readonly id: string;
  readonly region: string;
  readonly role: PeerRole | null;
  readonly url: string;
  /** Which route agent-to-agent calls take. */
  readonly route: 'public' | 'private';
}

export function peerView(peer: Peer): PeerView {
  return {
    id: peer.id,
    region: peer.region,
    role: peer.role,
    url: peer.url,
    route: peer.privateUrl ? 'private' : 'public',
  };
}
