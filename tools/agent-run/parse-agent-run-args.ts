import { parseArgs } from 'node:util';
import { parseDurationMs } from '@fpt/preset';

/** One agent to run on: the region it serves (null: ask it, GET /api/status) and its base URL. */
export interface AgentTarget {
  readonly region: string | null;
  readonly url: string;
}

/** What `tools/run-on-agent.ts` was asked to do, checked. */
export interface AgentRunConfig {
  readonly preset: string;
  readonly agents: readonly AgentTarget[];
  /** --regions; empty for every agent. An agent given without a region must report one of these. */
  readonly regions: readonly string[];
  /** The bearer token (FPT_AGENT_TOKEN); undefined for agents on loopback without tokens. */
  readonly token: string | undefined;
  readonly outDir: string;
  readonly tags: Readonly<Record<string, string>>;
  /** POST /api/runs overrides, as the agent API names them. */
  readonly overrides: Readonly<{ vus?: number; duration?: string; iterations?: number; rate?: number }>;
  readonly timeoutMs: number;
  readonly pollMs: number;
}

export const AGENT_RUN_USAGE = `Usage: tsx tools/run-on-agent.ts --preset <name> [options]

Runs a preset on one agent per region through the agent API (docs/agent.md), waits for the runs to end and
downloads each run's summary.json, report.html and junit.xml into <out>/<region>/. Exit code: the most
serious of the runs' exit codes (0, 99 thresholds crossed, 105 stopped), 104 for bad arguments or a run
the agent refused, 1 when an agent cannot be reached or the runs do not end in time.

Options:
  --preset <name>        preset the agents offer (GET /api/presets)
  --agent <region=url>   an agent and the region it serves (repeatable); default: $FPT_AGENT_URLS,
                         comma-separated region=url pairs, or one plain URL whose region the agent reports
  --regions <a,b>        run only in these regions (default: every agent given)
  --out <dir>            where to put each region's files (default: out/agent)
  --tag <key=value>      tag every sample of the runs (repeatable)
  --vus <n> --duration <d> --iterations <n> --rate <n>
                         load overrides, as fpt run has them
  --timeout <duration>   give up waiting after this long, stopping the runs (default: 30m)
  --poll <duration>      how often to ask for each run's status (default: 5s)
Environment:
  FPT_AGENT_TOKEN        bearer token of the agents (required for any agent not on loopback)
  FPT_AGENT_URLS         the agents when no --agent is given`;

/** Bad arguments: the message says what is wrong and how to fix it; the tool prints it with the usage. */
export class AgentRunArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentRunArgsError';
  }
}

const REGION = /^[A-Za-z0-9_-]+$/;

/** Parses and checks the tool's arguments and environment. Throws AgentRunArgsError listing every problem. */
export function parseAgentRunArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): AgentRunConfig {
  let values: ReturnType<typeof parseOptions>['values'];
  try {
    values = parseOptions(argv).values;
  } catch (error) {
    throw new AgentRunArgsError((error as Error).message);
  }
  const problems: string[] = [];
  const preset = values.preset ?? '';
  if (!REGION.test(preset))
    problems.push('--preset: give the name of a preset the agents offer, e.g. --preset pr');

  const agentSpecs = values.agent?.length ? values.agent : splitList(env.FPT_AGENT_URLS ?? '');
  const agents: AgentTarget[] = [];
  for (const spec of agentSpecs) {
    const agent = parseAgent(spec);
    if (typeof agent === 'string') problems.push(agent);
    else agents.push(agent);
  }
  if (agentSpecs.length === 0)
    problems.push(
      'no agent: give --agent <region=url> or set FPT_AGENT_URLS (e.g. eu-near=https://eu.example.com)',
    );
  if (agents.some((a) => a.region === null) && agentSpecs.length > 1)
    problems.push('with several agents, name the region of each: region=url');
  const regions = new Set<string>();
  for (const agent of agents) {
    if (agent.region === null) continue;
    if (regions.has(agent.region))
      problems.push(`region ${agent.region} has two agents: give one URL per region`);
    regions.add(agent.region);
  }

  const wanted = splitList(values.regions ?? '');
  for (const region of wanted) {
    if (!REGION.test(region)) problems.push(`--regions: "${region}" is not a region name`);
    else if (agents.length > 0 && agents.every((a) => a.region !== null) && !regions.has(region))
      problems.push(
        `--regions: no agent for region ${region}; known: ${[...regions].join(', ') || 'none'} (add it as ${region}=https://… to FPT_AGENT_URLS)`,
      );
  }
  const selected =
    wanted.length === 0 ? agents : agents.filter((a) => a.region === null || wanted.includes(a.region));

  const token = env.FPT_AGENT_TOKEN?.trim() || undefined;
  const remote = selected.filter((a) => !isLoopback(a.url));
  if (token === undefined && remote.length > 0)
    problems.push(
      `FPT_AGENT_TOKEN is not set, but ${remote.map((a) => a.url).join(', ')} ${remote.length === 1 ? 'is' : 'are'} not on loopback: agents reachable from CI require a token`,
    );

  const tags: Record<string, string> = {};
  for (const pair of values.tag ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) problems.push(`--tag: expected key=value, got "${pair}"`);
    else tags[pair.slice(0, at)] = pair.slice(at + 1);
  }

  const overrides: { vus?: number; duration?: string; iterations?: number; rate?: number } = {};
  for (const key of ['vus', 'iterations', 'rate'] as const) {
    const text = values[key];
    if (text === undefined) continue;
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0)
      problems.push(`--${key}: expected a positive whole number, got "${text}"`);
    else overrides[key] = n;
  }
  if (values.duration !== undefined) {
    if (duration(values.duration, '--duration', problems) !== undefined) overrides.duration = values.duration;
  }
  const timeoutMs = duration(values.timeout ?? '30m', '--timeout', problems);
  const pollMs = duration(values.poll ?? '5s', '--poll', problems);

  if (problems.length > 0) throw new AgentRunArgsError(problems.join('\n'));
  return {
    preset,
    agents: selected,
    regions: wanted,
    token,
    outDir: values.out ?? 'out/agent',
    tags,
    overrides,
    timeoutMs: timeoutMs!,
    pollMs: pollMs!,
  };
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      preset: { type: 'string' },
      agent: { type: 'string', multiple: true },
      regions: { type: 'string' },
      out: { type: 'string' },
      tag: { type: 'string', multiple: true },
      vus: { type: 'string' },
      duration: { type: 'string' },
      iterations: { type: 'string' },
      rate: { type: 'string' },
      timeout: { type: 'string' },
      poll: { type: 'string' },
    },
  });
}

/** "eu-near=https://eu.example.com" or a plain URL; a string is the problem with it. */
function parseAgent(spec: string): AgentTarget | string {
  const at = spec.indexOf('=');
  const region = at > 0 && !spec.slice(0, at).includes(':') ? spec.slice(0, at) : null;
  const url = (region === null ? spec : spec.slice(at + 1)).replace(/\/+$/, '');
  if (region !== null && !REGION.test(region)) return `agent "${spec}": "${region}" is not a region name`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `agent "${spec}": "${url}" is not a URL; write region=https://host[:port]`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `agent "${spec}": use an http:// or https:// URL`;
  return { region, url };
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function duration(text: string, option: string, problems: string[]): number | undefined {
  try {
    const ms = parseDurationMs(text);
    if (ms > 0) return ms;
    problems.push(`${option}: must be longer than 0`);
  } catch (error) {
    problems.push(`${option}: ${(error as Error).message}`);
  }
  return undefined;
}
