export { describePeerError } from './client/describe-peer-error.js';
export { EventStreamParser, type ServerSentEvent } from './client/event-stream-parser.js';
export type {
  PeerLivePoint,
  PeerPresetInfo,
  PeerRunRow,
  PeerRunStatus,
  PeerStartRequest,
  PeerStatus,
} from './client/peer-api.js';
export { PeerCallError, PeerCallErrorCode } from './client/peer-call-error.js';
export { defaultPeerTimeouts, PeerClient, type PeerTimeouts } from './client/peer-client.js';
export { type PeerAnswer, type PeerRequest, type PeerRoute, peerRequest } from './client/peer-request.js';
export { FleetLiveFollower, type FleetLiveFollowerOptions } from './live/fleet-live-follower.js';
export {
  type FleetLiveFigures,
  type FleetLivePoint,
  type FleetLiveRegion,
  type FleetLiveSource,
  type FleetLiveStatus,
  LiveSourceState,
} from './live/fleet-live-point.js';
export { defaultFleetLiveTiming, type FleetLiveTiming } from './live/fleet-live-timing.js';
export { LiveSecondMerger } from './live/live-second-merger.js';
export { type AgentSecond, readPeerLivePoint } from './live/read-peer-live-point.js';
export { FleetExitCode, type FleetVerdict, fleetVerdict } from './merge/fleet-verdict.js';
export { type AgentEvidence, type MergeOptions, mergeAgentRuns } from './merge/merge-agent-runs.js';
export { type MergedShares, mergeShares, type ShareFile, ShareSetError } from './merge/merge-shares.js';
export { mergeTimelines } from './merge/merge-timelines.js';
export {
  regionThresholdSpecs,
  type ThresholdSpecs,
  thresholdRegion,
  thresholdSpecsOf,
} from './merge/threshold-specs.js';
export { missingAccessVariables } from './peers/missing-access-variables.js';
export { defaultPeerTokenEnv, parsePeerRegistry } from './peers/parse-peer-registry.js';
export { type Peer, type PeerAccess, PeerRole, type PeerView, peerView } from './peers/peer.js';
export { PeerRegistryError } from './peers/peer-registry-error.js';
export { agentUrlsAccessEnv, peersFromUrls, presetRegionsFromPeers } from './peers/peers-from-urls.js';
export { readPeerRegistry } from './peers/read-peer-registry.js';
export {
  type FleetRun,
  type FleetRunRequest,
  FleetRunStatus,
  newFleetRunId,
  startingFleetRun,
} from './run/fleet-run.js';
export { defaultFleetTiming, type FleetTiming } from './run/fleet-timing.js';
export { defaultRegions, planFleetRun, type RegionPlan } from './run/plan-fleet-run.js';
export { type FleetRunResult, type RunFleetOptions, runFleet } from './run/run-fleet.js';
export { fleetStatus, PeerHealth, type PeerState } from './status/fleet-status.js';
