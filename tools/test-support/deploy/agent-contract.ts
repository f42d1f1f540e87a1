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
  for (const row of tableAfter(text, '## Configuration')) {
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

  const routes = tableAfter(text, '## Health').map((row) => ({
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

/** The body rows of the first Markdown table after a heading, as trimmed cells. */
function tableAfter(text: string, heading: string): string[][] {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/agent.md has no "${heading}" section`);
  const lines = text.slice(start).split('\n').slice(2);
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}
