import type { AgentStatus } from '@fpt/api-types';
import type { AgentStatusState } from '../hooks/use-agent-status.js';
import { routeHash } from '../lib/hash-route.js';

/** Whether this agent coordinates a fleet: its peers, and its fleet run in progress. */
function FleetState({ fleet }: { readonly fleet: AgentStatus['fleet'] }) {
  if (fleet.peers === 0) {
    return (
      <span
        class="peers"
        data-field="peers"
        title="This agent has no peer registry (FPT_PEERS_FILE or FPT_PEERS), so it cannot coordinate a fleet run"
      >
        Peers: none configured
      </span>
    );
  }
  return (
    <span class="peers" data-field="peers">
      <a href={routeHash({ page: 'fleet' })}>
        Fleet: {fleet.peers} peer{fleet.peers === 1 ? '' : 's'}
      </a>
      {fleet.fleetRunId ? (
        <>
          {' · '}
          <a href={routeHash({ page: 'fleet-run', id: fleet.fleetRunId })} data-field="fleet-run">
            <span aria-hidden="true">▶</span> fleet run in progress
          </a>
        </>
      ) : null}
    </span>
  );
}

export interface StatusBarProps extends AgentStatusState {
  readonly onLogout?: () => void;
}

/** Which agent this is and whether it is running something, on every page. */
export function StatusBar({ status, error, source, onLogout }: StatusBarProps) {
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
          <span data-field="state" data-busy={String(status.busy)} data-source={source ?? 'poll'}>
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
      {status ? <FleetState fleet={status.fleet} /> : null}
      {status?.authRequired && onLogout ? (
        <button type="button" class="link-button" onClick={onLogout}>
          Log out
        </button>
      ) : null}
    </footer>
  );
}
