import type { FleetStatus } from '@fpt/api-types';
import { formatCount } from '@fpt/readable';
import { agentApi, FLEET_RUNS_PAGE_SIZE } from '../api/agent-api.js';
import { FleetRunsTable } from '../components/fleet-runs-table.js';
import { PeersTable } from '../components/peers-table.js';
import { Empty, ErrorBox, Loading } from '../components/states.js';
import { VerdictFrame } from '../components/verdict-frame.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { useLoad } from '../hooks/use-load.js';
import { usePoll } from '../hooks/use-poll.js';
import { fleetHealth } from '../lib/fleet-health.js';
import { unavailableRegionsOf } from '../lib/fleet-start-form.js';
import { StartFleetRunForm } from './start-fleet-run-form.js';

/** Fleet status asks every peer (a dead one costs up to 2.5 s), so it is asked less often than the status bar. */
export const FLEET_STATUS_POLL_MS = 5000;

function HealthVerdict({
  fleet,
  ownVersion,
  stale,
  refresh,
}: {
  readonly fleet: FleetStatus;
  readonly ownVersion: string | undefined;
  readonly stale: Error | undefined;
  readonly refresh: () => void;
}) {
  const health = fleetHealth(fleet.peers, ownVersion);
  const regions = [...new Set(fleet.peers.map((p) => p.region))];
  return (
    <VerdictFrame
      verdict={{ badge: health.badge, icon: health.icon, tone: health.tone, detail: health.line }}
      actions={
        <button type="button" class="secondary" onClick={refresh}>
          ↻ Check again
        </button>
      }
      facts={
        <>
          <dt>Coordinator</dt>
          <dd>{fleet.coordinator} (this agent)</dd>
          <dt>Regions</dt>
          <dd>{regions.length > 0 ? regions.join(', ') : 'none'}</dd>
          {health.counts ? (
            <>
              <dt>Peers</dt>
              <dd data-field="peer-counts">{health.counts}</dd>
            </>
          ) : null}
        </>
      }
    >
      {stale ? (
        <div class="banner warn">⚠ Fleet status may be stale: the last check failed ({stale.message}).</div>
      ) : null}
    </VerdictFrame>
  );
}

/** The fleet this agent coordinates: who is up, busy and on which version; start a fleet run; past fleet runs. */
export function FleetPage({ ownVersion }: { readonly ownVersion?: string | undefined }) {
  useDocumentTitle('Fleet');
  const status = usePoll(agentApi.fleetStatus, 'fleet-status', FLEET_STATUS_POLL_MS);
  const runs = usePoll(agentApi.fleetRuns, 'fleet-runs', FLEET_STATUS_POLL_MS);
  const presets = useLoad(agentApi.presets, 'presets');
  const fleet = status.data;
  const noPeers = fleet !== undefined && fleet.peers.length === 0;
  return (
    <main class="page" data-view="fleet">
      <h1>Fleet</h1>
      {fleet ? (
        <HealthVerdict fleet={fleet} ownVersion={ownVersion} stale={status.error} refresh={status.refresh} />
      ) : status.error ? (
        <ErrorBox error={status.error} title="Fleet status could not be read" retry={status.refresh} />
      ) : (
        <Loading what="the peers' status (a peer that does not answer takes up to 2.5 s)" />
      )}
      {noPeers ? (
        <Empty>
          This agent has no peers, so it cannot coordinate a fleet run. List the fleet's agents in a peer
          registry (FPT_PEERS_FILE or FPT_PEERS, see docs/fleet.md) and restart it.
        </Empty>
      ) : null}
      {fleet && !noPeers ? (
        <div class="narrow-scroll">
          <PeersTable peers={fleet.peers} ownVersion={ownVersion} />
        </div>
      ) : null}

      {noPeers ? null : (
        <section aria-label="Start a fleet run">
          <h2>Start a fleet run</h2>
          {presets.state === 'loading' || (!fleet && !status.error) ? <Loading what="presets" /> : null}
          {presets.state === 'error' ? <ErrorBox error={presets.error} retry={presets.retry} /> : null}
          {presets.state === 'ok' && (fleet || status.error) ? (
            <StartFleetRunForm
              presets={presets.data}
              servedRegions={fleet ? fleet.peers.map((p) => p.region) : undefined}
              unavailableRegions={fleet ? unavailableRegionsOf(fleet.peers) : {}}
            />
          ) : null}
        </section>
      )}

      <section aria-label="Fleet runs">
        <h2>Fleet runs</h2>
        {runs.data === undefined && runs.error ? <ErrorBox error={runs.error} retry={runs.refresh} /> : null}
        {runs.data === undefined && !runs.error ? <Loading what="fleet runs" /> : null}
        {runs.data && runs.data.runs.length === 0 ? (
          <Empty>No fleet runs yet{noPeers ? '' : ': start one above'}.</Empty>
        ) : null}
        {runs.data && runs.data.runs.length > 0 ? (
          <>
            <p class="muted small">
              {runs.data.runs.length} of {formatCount(runs.data.total)}, newest first
              {runs.data.total > FLEET_RUNS_PAGE_SIZE ? ` (the newest ${FLEET_RUNS_PAGE_SIZE})` : ''}
            </p>
            <div class="narrow-scroll">
              <FleetRunsTable runs={runs.data.runs} />
            </div>
          </>
        ) : null}
      </section>
    </main>
  );
}
