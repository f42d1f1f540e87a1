import { BlockList, isIP } from 'node:net';

/** A rule of the allowlist that could not be read, with how to write it. */
export class TargetAllowlistError extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'TargetAllowlistError';
    this.hint = hint;
  }
}

interface HostRule {
  readonly text: string;
  /** Lower-case host name, or the suffix after "*." for a wildcard. */
  readonly host: string;
  readonly wildcard: boolean;
}

interface AddressRule {
  readonly text: string;
  readonly block: BlockList;
  readonly coversLoopback: boolean;
}

/** The answer to "may load go to this host?", with the rule that decided it. */
export type TargetDecision =
  | { readonly allowed: true; readonly rule: string }
  | { readonly allowed: false; readonly reason: string };

const loopbackBlock = new BlockList();
loopbackBlock.addSubnet('127.0.0.0', 8, 'ipv4');
loopbackBlock.addAddress('::1', 'ipv6');

/**
 * Which hosts a run may send load to: host names (`api.example.com`), wildcards (`*.example.com`, which
 * matches sub-domains, not the apex), addresses and CIDR ranges (`10.0.0.0/8`, `::1`), and `*` for any
 * host. Loopback (127.0.0.0/8, ::1, `localhost`) is never covered by `*` or a wildcard: an agent must not
 * be turned against itself or its neighbours unless a rule names loopback explicitly.
 *
 * Host names are matched by name; addresses (literal, or what a name resolved to) by the address rules.
 * A name is allowed when a name rule matches it, or when every address it resolved to is allowed.
 */
export class TargetAllowlist {
  readonly rules: readonly string[];
  readonly #any: boolean;
  readonly #hosts: readonly HostRule[];
  readonly #addresses: readonly AddressRule[];

  private constructor(rules: readonly string[], any: boolean, hosts: HostRule[], addresses: AddressRule[]) {
    this.rules = rules;
    this.#any = any;
    this.#hosts = hosts;
    this.#addresses = addresses;
  }

  static parse(rules: readonly string[]): TargetAllowlist {
    let any = false;
    const hosts: HostRule[] = [];
    const addresses: AddressRule[] = [];
    for (const raw of rules) {
      const text = raw.trim();
      if (text === '') continue;
      if (text === '*') {
        any = true;
        continue;
      }
      const address = parseAddressRule(text);
      if (address) {
        addresses.push(address);
        continue;
      }
      const wildcard = text.startsWith('*.');
      const host = (wildcard ? text.slice(2) : text).toLowerCase();
      if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) {
        throw new TargetAllowlistError(
          `allowlist rule "${text}" is not a host name, a wildcard, an address or a CIDR range`,
          'write rules like api.example.com, *.example.com, 10.0.0.0/8, 127.0.0.1, ::1 or * (any host but loopback)',
        );
      }
      hosts.push({ text, host, wildcard });
    }
    return new TargetAllowlist(
      rules.map((r) => r.trim()).filter((r) => r !== ''),
      any,
      hosts,
      addresses,
    );
  }

  /**
   * Decides for a URL's host (as `URL.hostname` gives it: IPv6 in brackets) and, when known, the addresses
   * it resolved to. Without addresses a name is judged by name rules and `*` alone.
   */
  decide(hostname: string, resolved: readonly string[] = []): TargetDecision {
    const host = hostname
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1')
      .replace(/\.$/, '');
    const literal = isIP(host) !== 0;
    const loopback =
      host === 'localhost' ||
      host.endsWith('.localhost') ||
      (literal && isLoopback(host)) ||
      resolved.some(isLoopback);

    if (!literal) {
      const named = this.#hosts.find((rule) =>
        rule.wildcard ? host.endsWith(`.${rule.host}`) : host === rule.host,
      );
      // A name rule only vouches for loopback when it names loopback itself ("localhost").
      if (named && (!loopback || named.host === 'localhost')) return { allowed: true, rule: named.text };
    }
    const addresses = literal ? [host] : resolved;
    if (addresses.length > 0) {
      const rules = addresses.map((address) => this.#addressRuleFor(address));
      if (rules.every((rule) => rule !== undefined)) return { allowed: true, rule: rules[0]!.text };
    }
    if (this.#any && !loopback) return { allowed: true, rule: '*' };
    return {
      allowed: false,
      reason: loopback
        ? `${hostname} is loopback, which the allowlist does not name (add 127.0.0.1, ::1 or localhost to allow it)`
        : `${hostname} matches no rule of the allowlist (${this.rules.length === 0 ? 'which is empty' : this.rules.join(', ')})`,
    };
  }

  #addressRuleFor(address: string): AddressRule | undefined {
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    return this.#addresses.find(
      (rule) => rule.block.check(address, family) && (!isLoopback(address) || rule.coversLoopback),
    );
  }
}

function parseAddressRule(text: string): AddressRule | undefined {
  const [address = '', prefixText] = text.replace(/^\[(.*)\]$/, '$1').split('/');
  const family = isIP(address);
  if (family === 0) return undefined;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  const maxPrefix = family === 6 ? 128 : 32;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) {
    throw new TargetAllowlistError(
      `allowlist rule "${text}" has a prefix length outside 0..${maxPrefix}`,
      `write the range as ${address}/<0..${maxPrefix}>, e.g. 10.0.0.0/8`,
    );
  }
  const block = new BlockList();
  block.addSubnet(address, prefix, type);
  // Only a range inside loopback vouches for loopback: 0.0.0.0/0 means "the internet", not "this host".
  const coversLoopback =
    type === 'ipv4' ? prefix >= 8 && isLoopback(address) : prefix === 128 && address === '::1';
  return { text, block, coversLoopback };
}

function isLoopback(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return loopbackBlock.check(address, 'ipv4');
  return address === '::1' || loopbackBlock.check(address, 'ipv6');
}
