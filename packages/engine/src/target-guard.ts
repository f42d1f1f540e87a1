import { lookup } from 'node:dns/promises';
import { TargetAllowlist, type TargetDecision } from './target-allowlist.js';

/**
 * The allowlist as a run applies it: each host is looked up once (its addresses decide CIDR rules and
 * reveal names that point at loopback), and the decision is kept for the rest of the run. An agent uses
 * the same guard to check a run's targets before it starts.
 */
export class TargetGuard {
  readonly #allowlist: TargetAllowlist;
  readonly #decisions = new Map<string, Promise<TargetDecision>>();
  /** The refusal message per origin, built once: the hot path only looks it up. */
  readonly #refusals = new Map<string, Promise<string | undefined>>();
  /** Per host name and address: "" when allowed, else the reason. */
  readonly #addressRefusals = new Map<string, string>();

  constructor(rules: readonly string[]) {
    this.#allowlist = TargetAllowlist.parse(rules);
  }

  /** Whether load may go to the origin's host, and the rule that decided it. Keyed by origin. */
  decide(origin: string): Promise<TargetDecision> {
    let decision = this.#decisions.get(origin);
    if (!decision) {
      let hostname: string | undefined;
      try {
        hostname = new URL(origin).hostname;
      } catch {
        // Not a URL with a host (a hostile redirect's "null" origin): never a target load may go to.
      }
      decision =
        hostname === undefined || hostname === ''
          ? Promise.resolve({ allowed: false, reason: `"${origin}" is not an http(s) URL with a host` })
          : this.#decide(hostname);
      this.#decisions.set(origin, decision);
    }
    return decision;
  }

  /** Resolves to undefined when load may go to the origin's host, or to why it may not. */
  refusal(origin: string): Promise<string | undefined> {
    let refusal = this.#refusals.get(origin);
    if (!refusal) {
      refusal = this.decide(origin).then((decision) =>
        decision.allowed ? undefined : `target not allowed: ${decision.reason}`,
      );
      this.#refusals.set(origin, refusal);
    }
    return refusal;
  }

  /**
   * Whether a connection for `hostname` may go to `address`, the address it is about to use: the name may
   * have resolved elsewhere since the run began (DNS rebinding), so each connection is judged by its own.
   */
  refusalForAddress(hostname: string, address: string): string | undefined {
    const key = `${hostname}\u0000${address}`;
    let refusal = this.#addressRefusals.get(key);
    if (refusal === undefined) {
      const decision = this.#allowlist.decide(hostname, [address]);
      refusal = decision.allowed ? '' : `${decision.reason} (it resolved to ${address})`;
      this.#addressRefusals.set(key, refusal);
    }
    return refusal === '' ? undefined : refusal;
  }

  async #decide(hostname: string): Promise<TargetDecision> {
    const bare = hostname.replace(/^\[(.*)\]$/, '$1');
    let addresses: string[] = [];
    try {
      addresses = (await lookup(bare, { all: true })).map((entry) => entry.address);
    } catch {
      // A name that does not resolve is judged by name; sending to it then fails as a DNS error.
    }
    return this.#allowlist.decide(hostname, addresses);
  }
}
