import { agentLink } from '../api/agent-api.js';

const evidence = [
  { key: 'report', label: 'HTML report' },
  { key: 'summary', label: 'summary.json' },
  { key: 'junit', label: 'JUnit XML' },
  { key: 'log', label: 'run.log' },
] as const;

export type EvidenceLinks = Partial<Record<(typeof evidence)[number]['key'], string>>;

/**
 * A run's evidence, straight from the agent: HTML report, summary JSON, JUnit XML, log (a fleet run has
 * no log of its own: each agent's run has one).
 */
export function RunLinks({ links }: { readonly links: EvidenceLinks }) {
  return (
    <nav class="run-links" aria-label="Evidence">
      {evidence.map(({ key, label }) => {
        const link = links[key];
        return link ? (
          <a key={key} href={agentLink(link)} target="_blank" rel="noopener" data-link={key}>
            {label}
          </a>
        ) : null;
      })}
    </nav>
  );
}
