import { resolve } from 'node:path';

/** The data folder (run folders, the index): the flag, else FPT_DATA_DIR, else .fpt/agent, made absolute. */
export function agentDataDir(env: Readonly<Record<string, string | undefined>>, flag?: string): string {
  return resolve(flag ?? env.FPT_DATA_DIR ?? '.fpt/agent');
}
