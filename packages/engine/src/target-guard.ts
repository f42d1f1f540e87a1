import { lookup } from 'node:dns/promises';
import { TargetAllowlist } from './target-allowlist.js';

/**
 * The allowlist as a run applies it: each host is looked up once (its addresses decide CIDR rules and
 * reveal names that point at loopback), and the decision is kept for the rest of the run.
 */
export class TargetGuard {
  readonly #allowlist: TargetAllowlist;
  readonly #decisions = new Map<string, Promise<string | undefined>>();

  constructor(rules: readonly string[]) {
    this.#allowlist = TargetAllowlist.parse(rules);
  }

  /** Resolves to undefined when load may go to the origin's host, or to why it may not. Keyed by origin. */
  refusal(origin: string): Promise<string | undefined> {
    let decision = this.#decisions.get(origin);
    if (!decision) {
      decision = this.#decide(new URL(origin).hostname);
      this.#decisions.set(origin, decision);
    }
    return decision;
  }

  async #decide(hostname: string): Promise<string | undefined> {
    const bare = hostname.replace(/^\[(.*)\]$/, '$1');
    let addresses: string[] = [];
    try {
      addresses = (await lookup(bare, { all: true })).map((entry) => entry.address);
    } catch {
      // A name that does not resolve is judged by name; sending to it then fails as a DNS error.
    }
    const decision = this.#allowlist.decide(hostname, addresses);
    return decision.allowed ? undefined : `target not allowed: ${decision.reason}`;
  }
}
