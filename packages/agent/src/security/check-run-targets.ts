import { TargetGuard } from '@fpt/engine';

export interface TargetRefusal {
  readonly target: string;
  readonly reason: string;
}

/**
 * Checks each URL's host against the allowlist, with what the host resolves to (the engine's own guard,
 * so a run is judged before it starts as its requests are while it runs); the first refusal wins.
 */
export async function checkRunTargets(
  urls: readonly string[],
  rules: readonly string[],
): Promise<TargetRefusal | undefined> {
  const guard = new TargetGuard(rules);
  for (const text of urls) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { target: text, reason: `${text} is not a URL` };
    }
    if (url.origin === 'null') return { target: text, reason: `${text} is not an http(s) URL` };
    const decision = await guard.decide(url.origin);
    if (!decision.allowed) return { target: text, reason: decision.reason };
  }
  return undefined;
}
