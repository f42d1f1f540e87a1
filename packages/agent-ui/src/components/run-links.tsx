import { agentLink } from '../api/agent-api.js';
import type { RunRow } from '../api/agent-types.js';

/** The run's evidence, straight from the agent: HTML report, summary JSON, JUnit XML, log. */
export function RunLinks({ run }: { readonly run: RunRow }) {
  return (
    <nav class="run-links" aria-label="Evidence">
      <a href={agentLink(run.links.report)} target="_blank" rel="noopener" data-link="report">
        HTML report
      </a>
      <a href={agentLink(run.links.summary)} target="_blank" rel="noopener" data-link="summary">
        summary.json
      </a>
      <a href={agentLink(run.links.junit)} target="_blank" rel="noopener" data-link="junit">
        JUnit XML
      </a>
      <a href={agentLink(run.links.log)} target="_blank" rel="noopener" data-link="log">
        run.log
      </a>
    </nav>
  );
}
