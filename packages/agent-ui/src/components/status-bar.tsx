import type { AgentStatusState } from '../hooks/use-agent-status.js';
import { routeHash } from '../lib/hash-route.js';

export interface StatusBarProps extends AgentStatusState {
  readonly onLogout?: () => void;
}

/** Which agent this is and whether it is running something, on every page. */
export function StatusBar({ status, error, onLogout }: StatusBarProps) {
  return (
    <footer class="status-bar" title="Agent status">
      {status ? (
        <>
          <span data-field="region">
            Region <strong>{status.region}</strong>
          </span>
          <span data-field="agent">
            Agent <strong>{status.agentId}</strong>
          </span>
          <span data-field="version">FPT {status.version}</span>
          <span data-field="state" data-busy={String(status.busy)}>
            {status.busy && status.run ? (
              <a href={routeHash({ page: 'live', id: status.run.id })}>
                <span aria-hidden="true">▶</span> busy: {status.run.preset}
              </a>
            ) : status.busy ? (
              <>
                <span aria-hidden="true">▶</span> busy
              </>
            ) : (
              <>
                <span aria-hidden="true">○</span> idle
              </>
            )}
          </span>
        </>
      ) : (
        <span>Agent status not known yet</span>
      )}
      {error && status ? <span class="stale">⚠ status may be stale: {error.message}</span> : null}
      <span
        class="peers"
        data-field="peers"
        title="Other regions' agents appear here once a fleet is configured"
      >
        Peers: none configured
      </span>
      {status?.authRequired && onLogout ? (
        <button type="button" class="link-button" onClick={onLogout}>
          Log out
        </button>
      ) : null}
    </footer>
  );
}
