import { lookup } from 'node:dns/promises';
import { TargetAllowlist } from '@fpt/engine';

export interface TargetRefusal {
  readonly target: string;
  readonly reason: string;
}

/** Checks each URL's host against the allowlist, with what the host resolves to; the first refusal wins. */
export async function checkRunTargets(
  urls: readonly string[],
  rules: readonly string[],
): Promise<TargetRefusal | undefined> {
  const allowlist = TargetAllowlist.parse(rules);
  for (const text of urls) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { target: text, reason: `${text} is not a URL` };
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const addresses = await lookup(host, { all: true }).then(
      (entries) => entries.map((entry) => entry.address),
      () => [] as string[],
    );
    const decision = allowlist.decide(url.hostname, addresses);
    if (!decision.allowed) return { target: text, reason: decision.reason };
  }
  return undefined;
}
