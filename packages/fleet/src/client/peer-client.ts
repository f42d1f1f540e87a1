import type { MetricsSnapshot } from '@fpt/metrics';
import { parseSummaryJson, type SummaryData } from '@fpt/report';
import type { Peer } from '../peers/peer.js';
import type { PeerPresetInfo, PeerRunRow, PeerStartRequest, PeerStatus } from './peer-api.js';
import { PeerCallError, PeerCallErrorCode } from './peer-call-error.js';
import { type PeerEventStreamCall, peerEventStream } from './peer-event-stream.js';
import { type PeerRoute, peerRequest } from './peer-request.js';

/** How long calls may take. Status is for people waiting on a page; run calls may cross continents. */
export interface PeerTimeouts {
  readonly statusMs: number;
  readonly callMs: number;
  /** Fetching a run's metrics export, which can be megabytes. */
  readonly transferMs: number;
}

export const defaultPeerTimeouts: PeerTimeouts = { statusMs: 2_500, callMs: 15_000, transferMs: 120_000 };

const smallAnswerBytes = 4 * 1024 * 1024;
const largeAnswerBytes = 512 * 1024 * 1024;

/** The agent API of one peer, over its private route when it has one. */
export class PeerClient {
  readonly peer: Peer;
  readonly #route: PeerRoute;
  readonly #timeouts: PeerTimeouts;

  constructor(peer: Peer, timeouts: PeerTimeouts = defaultPeerTimeouts) {
    this.peer = peer;
    this.#route = peer.privateUrl
      ? { baseUrl: peer.privateUrl, host: peer.host }
      : { baseUrl: peer.url, host: null };
    this.#timeouts = timeouts;
  }

  async status(): Promise<PeerStatus> {
    return (await this.#call('GET', '/api/status', this.#timeouts.statusMs)) as PeerStatus;
  }

  async presetInfo(name: string): Promise<PeerPresetInfo> {
    return (await this.#call(
      'GET',
      `/api/presets/${encodeURIComponent(name)}`,
      this.#timeouts.callMs,
    )) as PeerPresetInfo;
  }

  async startRun(request: PeerStartRequest): Promise<PeerRunRow> {
    return (await this.#call('POST', '/api/runs', this.#timeouts.callMs, request)) as PeerRunRow;
  }

  async run(id: string): Promise<PeerRunRow> {
    return (await this.#call('GET', runPath(id), this.#timeouts.callMs)) as PeerRunRow;
  }

  async stopRun(id: string): Promise<PeerRunRow> {
    return (await this.#call('POST', `${runPath(id)}/stop`, this.#timeouts.callMs, {})) as PeerRunRow;
  }

  async metrics(id: string): Promise<MetricsSnapshot> {
    const body = await this.#call(
      'GET',
      `${runPath(id)}/metrics.json`,
      this.#timeouts.transferMs,
      undefined,
      largeAnswerBytes,
    );
    if (
      typeof body !== 'object' ||
      body === null ||
      (body as { format?: unknown }).format !== 'fpt-metrics/1'
    ) {
      throw new PeerCallError(
        PeerCallErrorCode.badResponse,
        `run ${id}: metrics.json is not a metrics export`,
      );
    }
    return body as MetricsSnapshot;
  }

  async summary(id: string): Promise<SummaryData> {
    const body = await this.#call(
      'GET',
      `${runPath(id)}/summary.json`,
      this.#timeouts.transferMs,
      undefined,
      largeAnswerBytes,
    );
    try {
      return parseSummaryJson(JSON.stringify(body));
    } catch (error) {
      throw new PeerCallError(
        PeerCallErrorCode.badResponse,
        `run ${id}: summary.json cannot be read: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  /**
   * Follows a run's live stream (GET /api/runs/:id/live: every point so far, then each new one, then `end`)
   * until the peer closes it; see peerEventStream for how it fails.
   */
  liveEvents(
    id: string,
    follow: Pick<PeerEventStreamCall, 'idleMs' | 'signal' | 'onOpen' | 'onEvent'>,
  ): Promise<void> {
    return peerEventStream(this.#route, {
      // The per-second histograms, which the agent sends only when asked: the coordinator merges them.
      path: `${runPath(id)}/live?histograms=1`,
      token: this.peer.token,
      access: this.peer.access,
      connectMs: this.#timeouts.callMs,
      ...follow,
    });
  }

  /** A public link to something of this peer (for people: never the private route). */
  link(path: string): string {
    return `${this.peer.url}${path}`;
  }

  async #call(
    method: 'GET' | 'POST',
    path: string,
    timeoutMs: number,
    body?: unknown,
    maxBytes = smallAnswerBytes,
  ): Promise<unknown> {
    const answer = await peerRequest(this.#route, {
      method,
      path,
      token: this.peer.token,
      access: this.peer.access,
      timeoutMs,
      maxBytes,
      ...(body === undefined ? {} : { body }),
    });
    return answer.body;
  }
}

function runPath(id: string): string {
  return `/api/runs/${encodeURIComponent(id)}`;
}
