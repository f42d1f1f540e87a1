import { type FleetAgentRun, FleetAgentState } from '@fpt/report';
import { defaultPeerTimeouts, PeerClient, type PeerTimeouts } from '../client/peer-client.js';
import type { Peer } from '../peers/peer.js';
import { isGivenUp } from '../run/agent-given-up.js';
import type { FleetRun } from '../run/fleet-run.js';
import {
  type FleetLivePoint,
  type FleetLiveSource,
  type FleetLiveStatus,
  LiveSourceState,
} from './fleet-live-point.js';
import { defaultFleetLiveTiming, type FleetLiveTiming } from './fleet-live-timing.js';
import { followPeerLive } from './follow-peer-live.js';
import { LiveSecondMerger } from './live-second-merger.js';

export interface FleetLiveFollowerOptions {
  readonly peers: readonly Peer[];
  /** The fleet run's regions, in its order. */
  readonly regions: readonly string[];
  readonly timing?: Partial<FleetLiveTiming>;
  readonly timeouts?: PeerTimeouts;
  readonly now?: () => number;
  readonly onPoint: (point: FleetLivePoint) => void;
  readonly onStatus: (status: FleetLiveStatus) => void;
}

interface Follow {
  readonly stop: AbortController;
  readonly done: Promise<void>;
}

/**
 * The merged live stream of a fleet run, on its coordinator: told how each agent stands (the fleet run
 * document, as runFleet reports it), it follows each running agent's own live stream and merges their
 * seconds (LiveSecondMerger). Close it once the fleet run is over.
 */
export class FleetLiveFollower {
  readonly #options: FleetLiveFollowerOptions;
  readonly #timing: FleetLiveTiming;
  readonly #now: () => number;
  readonly #merger: LiveSecondMerger;
  readonly #sources = new Map<string, FleetLiveSource>();
  readonly #follows = new Map<string, Follow>();
  readonly #ticker: ReturnType<typeof setInterval>;
  #closed = false;

  constructor(options: FleetLiveFollowerOptions) {
    this.#options = options;
    this.#timing = { ...defaultFleetLiveTiming, ...options.timing };
    this.#now = options.now ?? Date.now;
    this.#merger = new LiveSecondMerger({ regions: options.regions, lagMs: this.#timing.lagMs });
    this.#ticker = setInterval(() => this.#emitDue(), this.#timing.tickMs);
    // The stream never keeps a process (the CLI's) alive by itself.
    this.#ticker.unref();
  }

  /** Takes in what the coordinator knows of each agent: a running one is followed, a failed one given up. */
  update(run: FleetRun): void {
    if (this.#closed) return;
    for (const region of run.regions) for (const agent of region.agents) this.#track(region.region, agent);
  }

  /**
   * The fleet run is over: the agents' streams get a moment to deliver their last points (each ends with
   * its run), then every second still held goes out.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#ticker);
    const follows = [...this.#follows.values()];
    let grace: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all(follows.map((follow) => follow.done)),
      new Promise((resolve) => {
        grace = setTimeout(resolve, this.#timing.closeGraceMs);
      }),
    ]);
    clearTimeout(grace);
    for (const follow of follows) follow.stop.abort();
    for (const point of this.#merger.flush()) this.#options.onPoint(point);
  }

  #track(region: string, agent: FleetAgentRun): void {
    const followed = this.#follows.get(agent.peer);
    if (agent.state === FleetAgentState.running && agent.runId && !followed) {
      this.#follow(region, agent.peer, agent.runId);
    } else if (isGivenUp(agent.state)) {
      followed?.stop.abort();
      this.#setState(agent.peer, region, LiveSourceState.off, agent.reason ?? agent.state);
    } else if (!followed && agent.state !== FleetAgentState.running) {
      // Starting, or over before it was followed (stopped with its region, which could not start whole).
      const state = agent.state === FleetAgentState.starting ? LiveSourceState.waiting : LiveSourceState.off;
      this.#setState(
        agent.peer,
        region,
        state,
        state === LiveSourceState.off ? (agent.reason ?? agent.state) : null,
      );
    }
  }

  #follow(region: string, peerId: string, runId: string): void {
    const peer = this.#options.peers.find((p) => p.id === peerId);
    if (!peer) {
      this.#setState(peerId, region, LiveSourceState.off, 'not in the peer registry of this coordinator');
      return;
    }
    const stop = new AbortController();
    const done = followPeerLive({
      client: new PeerClient(peer, this.#options.timeouts ?? defaultPeerTimeouts),
      runId,
      timing: this.#timing,
      signal: stop.signal,
      onState: (state, reason) => this.#setState(peerId, region, state, reason),
      onPoint: (point) => {
        this.#merger.add(peerId, point, this.#now());
        this.#emitDue();
      },
    });
    this.#follows.set(peerId, { stop, done });
  }

  #setState(peer: string, region: string, state: LiveSourceState, reason: string | null): void {
    const known = this.#sources.get(peer);
    if (this.#closed || (known?.state === state && known.reason === reason)) return;
    // A run that ended keeps its stream's "ended" when the coordinator then learns how it ended.
    if (known?.state === LiveSourceState.ended && state === LiveSourceState.off) return;
    this.#sources.set(peer, { peer, region, state, reason });
    this.#merger.setSource(peer, region, state);
    this.#options.onStatus({ sources: [...this.#sources.values()] });
    // An agent no longer waited for may let waiting seconds go.
    this.#emitDue();
  }

  #emitDue(): void {
    if (this.#closed) return;
    for (const point of this.#merger.due(this.#now())) this.#options.onPoint(point);
  }
}
