/** An agent the gate commands read runs and baselines from: $FPT_AGENT_URL or --agent, token $FPT_AGENT_TOKEN. */
export interface AgentLocation {
  readonly url: string;
  readonly token: string | undefined;
}

export function agentLocation(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): AgentLocation | undefined {
  const url = flag ?? env.FPT_AGENT_URL;
  if (!url) return undefined;
  return { url: url.replace(/\/+$/, ''), token: env.FPT_AGENT_TOKEN || undefined };
}
