import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

import type { TargetSpec } from '@fpt/preset';

type DnsSelection = TargetSpec['dns']['select'];
type DnsPolicy = TargetSpec['dns']['policy'];

/** k6's `dns` option, plus a hosts map (k6's `hosts`) that answers for names before DNS is asked. */
export interface DnsSettings {
  readonly select: DnsSelection;
  readonly policy: DnsPolicy;
  /** Name → address(es), answered without DNS (lower-case names). */
  readonly hosts: Readonly<Record<string, readonly string[]>>;
  readonly ttlMs: number;
}

/** Decides whether a connection may go to `address` for `hostname`; the refusal's reason, or undefined. */
export type AddressCheck = (hostname: string, address: string) => string | undefined;

interface Resolved {
  readonly addresses: readonly { readonly address: string; readonly family: number }[];
  readonly expiresAtMs: number;
}

/** The allowlist refused the address a connection was about to use: nothing was sent. */
export class AddressRefusedError extends Error {
  readonly code = 'FPT_TARGET_NOT_ALLOWED';
  constructor(reason: string) {
    super(`target not allowed: ${reason}`);
    this.name = 'AddressRefusedError';
  }
}

/** A name with no address the policy accepts. */
class NoAddressError extends Error {
  readonly code = 'ENOTFOUND';
  readonly hostname: string;
  constructor(hostname: string, why: string) {
    super(`no address for ${hostname}${why}`);
    this.name = 'NoAddressError';
    this.hostname = hostname;
  }
}

/**
 * Resolves the names a VU connects to and picks the address of each new connection, as k6 does: every
 * address a name resolves to gets connections (random by default, or in turn), answers are kept for the
 * TTL, and the preset's hosts map answers first. Each pick is judged by the allowlist (`check`), so a
 * name that resolves elsewhere mid-run (DNS rebinding) is judged by the address actually used.
 */
export class AddressPicker {
  readonly #settings: DnsSettings;
  readonly #check: AddressCheck | undefined;
  readonly #now: () => number;
  readonly #cache = new Map<string, Resolved>();
  readonly #pending = new Map<string, ((error: Error | null, resolved?: Resolved) => void)[]>();
  readonly #turns = new Map<string, number>();

  constructor(settings: DnsSettings, check?: AddressCheck, now: () => number = () => performance.now()) {
    this.#settings = settings;
    this.#check = check;
    this.#now = now;
  }

  /** For an address literal (never looked up): the allowlist's refusal, or undefined. */
  refusalForLiteral(host: string): string | undefined {
    return this.#check?.(host, host);
  }

  /** net.connect's `lookup` option: one address per call, chosen and checked. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.#resolve(hostname, (error, resolved) => {
      if (error || !resolved) {
        callback(error ?? new NoAddressError(hostname, ''), '', 4);
        return;
      }
      const picked = this.#pick(hostname, resolved.addresses);
      const refusal = this.#check?.(hostname, picked.address);
      if (refusal !== undefined) {
        callback(new AddressRefusedError(refusal), '', 4);
        return;
      }
      // Node asks for every address when it races address families (autoSelectFamily); the answer is the
      // one picked, so the choice stays ours.
      if ((options as { all?: boolean }).all)
        (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [picked]);
      else callback(null, picked.address, picked.family);
    });
  };

  #pick(
    hostname: string,
    addresses: readonly { address: string; family: number }[],
  ): { address: string; family: number } {
    if (addresses.length === 1 || this.#settings.select === 'first') return addresses[0]!;
    if (this.#settings.select === 'random') return addresses[Math.floor(Math.random() * addresses.length)]!;
    const turn = this.#turns.get(hostname) ?? 0;
    this.#turns.set(hostname, turn + 1);
    return addresses[turn % addresses.length]!;
  }

  #resolve(hostname: string, done: (error: Error | null, resolved?: Resolved) => void): void {
    const name = hostname.toLowerCase();
    const cached = this.#cache.get(name);
    if (cached && cached.expiresAtMs > this.#now()) {
      done(null, cached);
      return;
    }
    const mapped = this.#settings.hosts[name];
    if (mapped) {
      const resolved = this.#order(
        name,
        mapped.map((address) => ({ address, family: isIP(address) })),
        Number.POSITIVE_INFINITY,
      );
      if (resolved instanceof Error) done(resolved);
      else done(null, resolved);
      return;
    }
    const waiting = this.#pending.get(name);
    if (waiting) {
      waiting.push(done);
      return;
    }
    this.#pending.set(name, [done]);
    dnsLookup(name, { all: true, verbatim: true }, (error, found) => {
      const callbacks = this.#pending.get(name) ?? [];
      this.#pending.delete(name);
      let result: Resolved | Error;
      if (error) result = error;
      else result = this.#order(name, found, this.#now() + this.#settings.ttlMs);
      if (!(result instanceof Error)) this.#cache.set(name, result);
      for (const callback of callbacks) {
        if (result instanceof Error) callback(result);
        else callback(null, result);
      }
    });
  }

  /** The addresses the policy allows, in its order of preference (k6: preferIPv4). */
  #order(
    hostname: string,
    found: readonly { address: string; family: number }[],
    expiresAtMs: number,
  ): Resolved | Error {
    const v4 = found.filter((a) => a.family === 4);
    const v6 = found.filter((a) => a.family === 6);
    const policy = this.#settings.policy;
    const ordered =
      policy === 'onlyIPv4'
        ? v4
        : policy === 'onlyIPv6'
          ? v6
          : policy === 'any'
            ? found
            : policy === 'preferIPv6'
              ? v6.length > 0
                ? v6
                : v4
              : v4.length > 0
                ? v4
                : v6;
    if (ordered.length === 0)
      return new NoAddressError(hostname, policy === 'any' ? '' : ` that dns.policy ${policy} accepts`);
    return { addresses: ordered, expiresAtMs };
  }
}
