import type { PeerState } from '@fpt/api-types';
import { formatMs } from '@fpt/readable';
import { peerBusyBadge, peerHealthBadge } from '../lib/fleet-badges.js';
import { peerPageUrl } from '../lib/peer-page-url.js';
import { ToneBadge } from './tone-badge.js';

/** The busy state, with a link to the run on the peer's own UI when there is one. */
function BusyCell({ peer }: { readonly peer: PeerState }) {
  const badge = <ToneBadge badge={peerBusyBadge(peer)} />;
  if (!peer.busy || !peer.runId) return badge;
  return (
    <>
      {badge}{' '}
      <a
        class="mono small"
        href={peerPageUrl(peer.url, { page: 'live', id: peer.runId })}
        target="_blank"
        rel="noopener"
        data-link="peer-run"
      >
        {peer.runId}
      </a>
    </>
  );
}

/** Every peer of the registry as fleet status found it: health, region, role, busy, version. */
export function PeersTable({
  peers,
  ownVersion,
}: {
  readonly peers: readonly PeerState[];
  /** This agent's version: a peer on another one is flagged. */
  readonly ownVersion: string | undefined;
}) {
  return (
    <table class="data" id="peers-table">
      <thead>
        <tr>
          <th>Peer</th>
          <th>Region</th>
          <th>Role</th>
          <th>Health</th>
          <th>Busy</th>
          <th>Version</th>
          <th class="num">Latency</th>
          <th>Route</th>
        </tr>
      </thead>
      <tbody>
        {peers.map((peer) => (
          <tr key={peer.id} data-peer={peer.id} data-health={peer.health}>
            <td>
              <strong>{peer.id}</strong>
              {peer.agentId && peer.agentId !== peer.id ? (
                <div class="muted small">agent {peer.agentId}</div>
              ) : null}
              <div class="small">
                <a href={peer.url} target="_blank" rel="noopener" class="mono">
                  {peer.url}
                </a>
              </div>
            </td>
            <td data-field="region">
              {peer.region}
              {peer.regionMismatch ? (
                <div class="banner warn small" data-warning="region-mismatch">
                  ⚠ region mismatch: {peer.regionMismatch}; its samples carry its own region
                </div>
              ) : null}
            </td>
            <td>{peer.role ?? <span class="muted">—</span>}</td>
            <td>
              <ToneBadge badge={peerHealthBadge(peer.health)} detail={peer.detail} />
              {peer.detail ? <div class="muted small">{peer.detail}</div> : null}
            </td>
            <td>
              <BusyCell peer={peer} />
            </td>
            <td>
              {peer.version ?? <span class="muted">not known</span>}
              {ownVersion && peer.version && peer.version !== ownVersion ? (
                <div class="banner warn small" data-warning="version-mismatch">
                  ⚠ this agent runs {ownVersion}
                </div>
              ) : null}
            </td>
            <td class="num">{formatMs(peer.latencyMs)}</td>
            <td class="small">{peer.route === 'private' ? 'private route' : 'public URL'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
