import {
  FleetLiveFollower,
  type FleetLivePoint,
  type FleetLiveStatus,
  type FleetRun,
  type Peer,
} from '@fpt/fleet';
import { LiveChannel } from '../runs/live-channel.js';
import type { FleetRunRow } from './fleet-manager.js';

/** A fleet run's merged stream: a second of every agent per `point`, agents' streams per `status`, then `end`. */
export type FleetLiveChannel = LiveChannel<FleetLivePoint, FleetLiveStatus, FleetRunRow>;

/**
 * The merged live stream of the fleet run this agent coordinates: it follows every agent's own stream as
 * the fleet run reports its agents, and publishes the merged seconds on a live channel (kept in the fleet
 * run's live.ndjson too, so a finished fleet run replays) until the fleet run ends.
 */
export class FleetLiveStream {
  readonly id: string;
  readonly channel: FleetLiveChannel;
  readonly #follower: FleetLiveFollower;

  constructor(options: {
    readonly id: string;
    readonly peers: readonly Peer[];
    readonly regions: readonly string[];
    readonly file: string;
  }) {
    this.id = options.id;
    const channel: FleetLiveChannel = new LiveChannel(options.file);
    this.channel = channel;
    this.#follower = new FleetLiveFollower({
      peers: options.peers,
      regions: options.regions,
      onPoint: (point) => channel.publishPoint(point),
      onStatus: (status) => channel.publishStatus(status),
    });
  }

  update(run: FleetRun): void {
    this.#follower.update(run);
  }

  /** Its last seconds go out, then `end` with the fleet run as it was kept. */
  async end(row: FleetRunRow): Promise<void> {
    await this.#follower.close();
    this.channel.end(row);
  }
}
