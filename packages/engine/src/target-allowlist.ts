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
  /** The special ranges this rule lies inside, and so may vouch for (a rule naming 127.0.0.1 covers loopback). */
  readonly covers: ReadonlySet<SpecialKind>;
}

/**
 * Addresses that reach this host or its neighbours rather than a target: loopback, the unspecified
 * address (0.0.0.0 and :: connect to this host), link-local (169.254.0.0/16, fe80::/10) and the cloud
 * metadata services within or beside it. `*`, wildcards and wider ranges never cover them; only a rule
 * inside the range does. IPv4-mapped IPv6 forms (::ffff:127.0.0.1, ::ffff:0:0) match their IPv4 range.
 */
type SpecialKind = 'loopback' | 'unspecified' | 'link-local' | 'metadata';
interface SpecialRange {
  readonly kind: SpecialKind;
  readonly words: string;
  readonly example: string;
  readonly subnets: readonly (readonly [address: string, prefix: number, family: 'ipv4' | 'ipv6'])[];
}
const specialRanges: readonly SpecialRange[] = [
  {
    kind: 'loopback',
    words: 'loopback',
    example: '127.0.0.1, ::1 or localhost',
    subnets: [
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ],
  },
  {
    kind: 'unspecified',
    words: 'the unspecified address (0.0.0.0 or ::), which connects to this host',
    example: '0.0.0.0',
    subnets: [
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ],
  },
  {
    kind: 'metadata',
    words: 'a cloud metadata address',
    example: 'the address itself',
    subnets: [
      ['169.254.169.254', 32, 'ipv4'],
      ['fd00:ec2::254', 128, 'ipv6'],
    ],
  },
  {
    kind: 'link-local',
    words: 'link-local (169.254.0.0/16, fe80::/10)',
    example: 'the address itself',
    subnets: [
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ],
  },
];
const specialBlocks = specialRanges.map((range) => {
  const block = new BlockList();
  for (const [address, prefix, family] of range.subnets) block.addSubnet(address, prefix, family);
  return { range, block };
});

/** The special range an address lies in (metadata before link-local), or undefined. */
function specialRangeOf(address: string): SpecialRange | undefined {
  const family = isIP(address);
  if (family === 0) return undefined;
  return specialBlocks.find(({ block }) => block.check(address, family === 4 ? 'ipv4' : 'ipv6'))?.range;
}

/** The answer to "may load go to this host?", with the rule that decided it. */
export type TargetDecision =
  | { readonly allowed: true; readonly rule: string }
  | { readonly allowed: false; readonly reason: string };

/**
 * Which hosts a run may send load to: host names (`api.example.com`), wildcards (`*.example.com`, which
 * matches sub-domains, not the apex), addresses and CIDR ranges (`10.0.0.0/8`, `::1`), and `*` for any
 * host. Loopback (127.0.0.0/8, ::1, `localhost`), the unspecified address (0.0.0.0, ::), link-local and
 * cloud metadata addresses, in any notation, are never covered by `*`, a wildcard or a wider range: an agent
 * must not be turned against itself or its neighbours unless a rule names that range explicitly.
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
    const loopbackName = host === 'localhost' || host.endsWith('.localhost');
    const special =
      (loopbackName ? specialRanges[0] : undefined) ??
      (literal ? specialRangeOf(host) : undefined) ??
      resolved.map(specialRangeOf).find((range) => range !== undefined);

    if (!literal) {
      const named = this.#hosts.find((rule) =>
        rule.wildcard ? host.endsWith(`.${rule.host}`) : host === rule.host,
      );
      // A name rule only vouches for loopback when it names loopback itself ("localhost"), and never for
      // the other special ranges.
      if (named && (special === undefined || (special.kind === 'loopback' && named.host === 'localhost')))
        return { allowed: true, rule: named.text };
    }
    const addresses = literal ? [host] : resolved;
    if (addresses.length > 0) {
      const rules = addresses.map((address) => this.#addressRuleFor(address));
      if (rules.every((rule) => rule !== undefined)) return { allowed: true, rule: rules[0]!.text };
    }
    if (this.#any && special === undefined) return { allowed: true, rule: '*' };
    return {
      allowed: false,
      reason:
        special !== undefined
          ? `${hostname} is ${special.words}, which the allowlist does not name (add ${special.example} to allow it)`
          : `${hostname} matches no rule of the allowlist (${this.rules.length === 0 ? 'which is empty' : this.rules.join(', ')})`,
    };
  }

  #addressRuleFor(address: string): AddressRule | undefined {
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    const special = specialRangeOf(address);
    return this.#addresses.find(
      (rule) => rule.block.check(address, family) && (special === undefined || rule.covers.has(special.kind)),
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
  // Only a range inside a special range vouches for it: 0.0.0.0/0 means "the internet", not "this host".
  const covers = new Set<SpecialKind>();
  for (const range of specialRanges) {
    const inside = range.subnets.some(([base, basePrefix, baseFamily]) => {
      if (baseFamily !== type || prefix < basePrefix) return false;
      const subnet = new BlockList();
      subnet.addSubnet(base, basePrefix, baseFamily);
      return subnet.check(address, type);
    });
    if (inside) covers.add(range.kind);
  }
  return { text, block, covers };
}
