import { tableAfter } from './markdown-table.js';
import { readRepoFile } from './repo-files.js';

export interface AgentSetting {
  variable: string;
  flag: string;
  defaultValue: string;
  meaning: string;
}

export interface AgentContract {
  /** docs/agent.md's configuration table, by variable name. */
  settings: Map<string, AgentSetting>;
  /** The liveness route of the Health table (what HEALTHCHECK and kamal-proxy probe). */
  livenessPath: string;
  readinessPath: string;
}

/** Reads the agent's contract from docs/agent.md, so that the deploy files follow the documented names. */
export function readAgentContract(): AgentContract {
  const text = readRepoFile('docs/agent.md');
  const settings = new Map<string, AgentSetting>();
  for (const row of tableAfter(text, '## Configuration', 'docs/agent.md')) {
    const [variable, flag, defaultValue, meaning] = row;
    const name = /^`([A-Z0-9_]+)`$/.exec(variable ?? '')?.[1];
    if (!name) continue;
    settings.set(name, {
      variable: name,
      flag: flag ?? '',
      defaultValue: defaultValue ?? '',
      meaning: meaning ?? '',
    });
  }
  if (settings.size === 0)
    throw new Error('docs/agent.md: no configuration table found under "## Configuration"');

  const routes = tableAfter(text, '## Health', 'docs/agent.md').map((row) => ({
    path: /^`GET (\/\S+)`$/.exec(row[0] ?? '')?.[1],
    answer: row.at(-1) ?? '',
  }));
  const route = (word: string) => {
    const found = routes.find((r) => r.path && r.answer.includes(word))?.path;
    if (!found) throw new Error(`docs/agent.md: the Health table has no route marked "${word}"`);
    return found;
  };
  return { settings, livenessPath: route('liveness'), readinessPath: route('ready') };
}
