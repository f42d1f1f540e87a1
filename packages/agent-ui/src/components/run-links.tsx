import { agentLink } from '../api/agent-api.js';
import type { RunRow } from '../api/agent-types.js';

const evidence = [
  { key: 'report', label: 'HTML report' },
  { key: 'summary', label: 'summary.json' },
  { key: 'junit', label: 'JUnit XML' },
  { key: 'log', label: 'run.log' },
] as const;

/** The run's evidence, straight from the agent: HTML report, summary JSON, JUnit XML, log. */
export function RunLinks({ run }: { readonly run: RunRow }) {
  return (
    <nav class="run-links" aria-label="Evidence">
      {evidence.map(({ key, label }) => (
        <a key={key} href={agentLink(run.links[key])} target="_blank" rel="noopener" data-link={key}>
          {label}
        </a>
      ))}
    </nav>
  );
}
