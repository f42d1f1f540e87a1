import type { RunIndex } from './runs/run-index.js';
import type { AgentOptions, RunningAgent } from './start-agent.js';

/*
 * The server side of the agent (Express, SQLite) is loaded when an agent starts, not when this package is
 * imported: `fpt run` uses the light parts (live points, atomic writes) and must not pay for a web server
 * at every start.
 */

/** Seeds presets, recovers the history, and listens (see start-agent.ts). */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const server = await import('./start-agent.js');
  return server.startAgent(options);
}

/** The history index in a file, for tools that fill or read it without an agent (the history benchmark). */
export async function openRunIndex(file: string): Promise<RunIndex> {
  const { RunIndex: Index } = await import('./runs/run-index.js');
  return new Index(file);
}
