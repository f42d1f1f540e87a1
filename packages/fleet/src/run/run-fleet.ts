import { MetricStore, type MetricsExport, RunOutcome, type RunSummary } from '@fpt/metrics';
import type { ExecutionSegment } from '@fpt/preset';
import {
  buildSummaryData,
  type FleetAgentRun,
  FleetAgentState,
  type FleetRegion,
  FleetRegionStatus,
  type FleetSummary,
  type KeyFigures,
  keyFigures,
  type SummaryData,
} from '@fpt/report';
import { describePeerError } from '../client/describe-peer-error.js';
import type { PeerRunRow } from '../client/peer-api.js';
import { PeerCallError, PeerCallErrorCode } from '../client/peer-call-error.js';
import { PeerClient } from '../client/peer-client.js';
import { type FleetVerdict, fleetVerdict } from '../merge/fleet-verdict.js';
import { type AgentEvidence, mergeAgentRuns } from '../merge/merge-agent-runs.js';
import { regionThresholdSpecs, type ThresholdSpecs, thresholdSpecsOf } from '../merge/threshold-specs.js';
import type { Peer } from '../peers/peer.js';
import { isGivenUp } from './agent-given-up.js';
import { type FleetRun, type FleetRunRequest, FleetRunStatus, startingFleetRun } from './fleet-run.js';
import { defaultFleetTiming, type FleetTiming } from './fleet-timing.js';
import { followPeerRun } from './follow-peer-run.js';
import { planFleetRun } from './plan-fleet-run.js';

export interface RunFleetOptions {
  readonly request: FleetRunRequest;
  readonly peers: readonly Peer[];
  /** "<region>/<agent id>" of the coordinating agent, or "cli". */
  readonly coordinator: string;
  readonly timing?: Partial<FleetTiming>;
  /** Aborting stops every agent run; their partial results are still merged. */
  readonly signal?: AbortSignal;
  /** Called whenever an agent's state changes or a running run reports, with the whole fleet run. */
  readonly onUpdate?: (run: FleetRun) => void;
  readonly now?: () => number;
}

export interface FleetRunResult {
  readonly run: FleetRun;
  /** The merged run: the same model a single run has, for the console summary and the metrics export. */
  readonly summary: RunSummary;
  /** Its summary JSON, `fpt.fleet` included: the HTML report and JUnit are built from it. */
  readonly data: SummaryData;
}

interface AgentSlot {
  readonly region: string;
  readonly peer: Peer;
  readonly client: PeerClient;
  readonly segment: ExecutionSegment;
  state: FleetAgentState;
  reason: string | null;
  runId: string | null;
  agentId: string | null;
  figures: KeyFigures | null;
  deadlineMs: number;
  evidence: AgentEvidence | null;
}

/** Agent runs that ended with their whole share measured (abortOnFail is a verdict, not a failure). */
const deliveredStatuses = new Set(['passed', 'failed', 'aborted']);

/**
 * Runs one preset in several regions at once and merges what they measured into one verdict. Each
 * region's agents share its load by segments; every agent's run is started, followed and collected over
 * the agent API; a region whose agents did not all deliver is reported missing with the reason, and the
 * others are merged regardless. Never throws for a peer's failure: that is part of the result.
 */
export async function runFleet(options: RunFleetOptions): Promise<FleetRunResult> {
  const { request } = options;
  const timing: FleetTiming = { ...defaultFleetTiming, ...options.timing };
  const now = options.now ?? Date.now;
  const startedAt = now();
  const plan = planFleetRun(options.peers, request.regions);
  const slots: AgentSlot[] = plan.flatMap((region) =>
    region.shares.map((share) => ({
      region: region.region,
      peer: share.peer,
      client: new PeerClient(share.peer, timing.timeouts),
      segment: share.segment,
      state: FleetAgentState.starting,
      reason: null,
      runId: null,
      agentId: null,
      figures: null,
      deadlineMs: Number.POSITIVE_INFINITY,
      evidence: null,
    })),
  );
  const warnings: string[] = [];
  let stopping = options.signal?.aborted === true;
  const progress = (): FleetRun =>
    fleetRunDocument(
      request,
      options.coordinator,
      startedAt,
      slots,
      plan.map((r) => r.region),
      warnings,
    );
  const emit = () => options.onUpdate?.(progress());

  // Asking a run to stop is best effort: a peer that cannot be reached is reported by its follower anyway.
  const stopSlot = async (slot: AgentSlot): Promise<void> => {
    slot.deadlineMs = now() + timing.stopGraceMs;
    if (slot.runId) await slot.client.stopRun(slot.runId).catch(() => {});
  };
  const onAbort = () => {
    stopping = true;
    for (const slot of slots) if (slot.state === FleetAgentState.running) void stopSlot(slot);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    emit();
    await Promise.all(
      slots.map(async (slot) => {
        await startSlot(slot, request, now, timing, warnings);
        // A stop asked for while this run was starting reaches it now.
        if (stopping && slot.state === FleetAgentState.running) await stopSlot(slot);
        emit();
      }),
    );
    await stopPartialRegions(slots, stopSlot);
    emit();
    await Promise.all(
      slots
        .filter((slot) => slot.state === FleetAgentState.running)
        .map(async (slot) => {
          await followSlot(slot, timing, now, () => stopping, emit);
          if (slot.state === FleetAgentState.timeout) await stopSlot(slot);
          emit();
        }),
    );
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return finish(request, options.coordinator, startedAt, now(), slots, plan, warnings, stopping);
}

async function startSlot(
  slot: AgentSlot,
  request: FleetRunRequest,
  now: () => number,
  timing: FleetTiming,
  warnings: string[],
): Promise<void> {
  try {
    const row = await slot.client.startRun({
      preset: request.preset,
      overrides: request.overrides,
      tags: { ...request.tags, fleet_run: request.id },
      segment: slot.segment,
    });
    slot.state = FleetAgentState.running;
    slot.runId = row.id;
    slot.agentId = row.agentId;
    slot.deadlineMs = now() + (row.plannedMs ?? 0) + timing.overrunMs;
    if (row.region !== slot.region) {
      warnings.push(
        `peer ${slot.peer.id} is in region ${row.region} by its own FPT_REGION, but the registry puts it in ${slot.region}; its samples carry ${row.region}`,
      );
    }
  } catch (error) {
    slot.state = startFailureState(error);
    slot.reason =
      slot.state === FleetAgentState.busy
        ? `busy: a run of its own is in progress (${String((error as PeerCallError).body?.runId ?? 'unknown id')})`
        : slot.state === FleetAgentState.timeout
          ? `${describePeerError(error)}; a run may have started there unobserved`
          : describePeerError(error);
  }
}

function startFailureState(error: unknown): FleetAgentState {
  if (!(error instanceof PeerCallError)) return FleetAgentState.error;
  switch (error.code) {
    case PeerCallErrorCode.unreachable:
      return FleetAgentState.unreachable;
    case PeerCallErrorCode.timeout:
      return FleetAgentState.timeout;
    case PeerCallErrorCode.http:
      return error.status === 409 ? FleetAgentState.busy : FleetAgentState.refused;
    case PeerCallErrorCode.accessRefused:
      return FleetAgentState.refused;
    default:
      return FleetAgentState.error;
  }
}

/**
 * A region whose agents did not all start would run only part of its load, and its figures would
 * mislead: the agents that did start are stopped, and the region is reported missing.
 */
async function stopPartialRegions(
  slots: readonly AgentSlot[],
  stopSlot: (slot: AgentSlot) => Promise<void>,
): Promise<void> {
  const stops: Promise<void>[] = [];
  for (const region of new Set(slots.map((slot) => slot.region))) {
    const members = slots.filter((slot) => slot.region === region);
    const failed = members.find((slot) => slot.state !== FleetAgentState.running);
    if (!failed) continue;
    for (const slot of members) {
      if (slot.state !== FleetAgentState.running) continue;
      stops.push(stopSlot(slot));
      slot.state = FleetAgentState.stopped;
      slot.reason = `stopped by the coordinator: ${failed.peer.id} of this region could not start, so the region's load would be partial`;
    }
  }
  await Promise.all(stops);
}

async function followSlot(
  slot: AgentSlot,
  timing: FleetTiming,
  now: () => number,
  stopping: () => boolean,
  emit: () => void,
): Promise<void> {
  const outcome = await followPeerRun(slot.client, slot.runId!, {
    timing,
    now,
    deadline: () => slot.deadlineMs,
    onRow: (row) => {
      slot.agentId = row.agentId;
      emit();
    },
  });
  if (outcome.kind !== 'ended') {
    slot.state = outcome.kind === 'lost' ? FleetAgentState.lost : FleetAgentState.timeout;
    slot.reason = outcome.reason;
    return;
  }
  const row = outcome.row;
  slot.state = row.status as FleetAgentState;
  slot.reason = row.reason;
  slot.figures = figuresOf(row);
  const delivered = deliveredStatuses.has(row.status) || (row.status === 'stopped' && stopping());
  if (!delivered) {
    slot.reason =
      row.status === 'stopped'
        ? `stopped on the agent before its end${row.reason ? ` (${row.reason})` : ''}`
        : (row.reason ?? row.status);
    return;
  }
  try {
    const [summary, metrics] = await Promise.all([slot.client.summary(row.id), slot.client.metrics(row.id)]);
    // Checked here, so that one agent's unreadable export costs its region and not the whole fleet run.
    MetricStore.fromSnapshot(metrics);
    // An agent's metrics.json is a MetricsExport: beside the series, its run's per-second latency histograms.
    const latency = (metrics as MetricsExport).run?.summary.timelineLatency;
    slot.evidence = { summary, metrics, ...(latency ? { timelineLatency: latency } : {}) };
    slot.figures = keyFigures(summary);
  } catch (error) {
    if (row.status === 'stopped' && error instanceof PeerCallError && error.status === 404) {
      // Stopped before its load began (the fleet run was stopped at once): the agent has no evidence because
      // nothing was measured, so nothing is lost. Any other failure to fetch it is an error.
      slot.state = FleetAgentState.stopped;
      slot.reason = `stopped before it had measured anything (${describePeerError(error)})`;
      return;
    }
    slot.state = FleetAgentState.error;
    slot.reason = `its run ended (${row.status}) but its evidence could not be fetched: ${describePeerError(error)}`;
  }
}

function figuresOf(row: PeerRunRow): KeyFigures {
  return {
    requests: row.requests,
    requestRate: row.requestRate,
    errorRate: row.errorRate,
    p50Ms: row.p50Ms,
    p95Ms: row.p95Ms,
    p99Ms: row.p99Ms,
    maxVus: row.maxVus,
    iterations: row.iterations,
    checksPassed: row.checksPassed,
    checksFailed: row.checksFailed,
    thresholdsPassed: row.thresholdsPassed,
    thresholdsFailed: row.thresholdsFailed,
    lcpP75Ms: row.lcpP75Ms,
    clsP75: row.clsP75,
    inpP75Ms: row.inpP75Ms,
  };
}

/** Why a region has no result: the first agent that failed on its own (not one stopped because of it). */
function missingReason(region: string, members: readonly AgentSlot[]): string {
  if (members.length === 0) return `no peer of region ${region} in the registry`;
  const culprit =
    members.find((slot) => !slot.evidence && slot.state !== FleetAgentState.stopped) ??
    members.find((slot) => !slot.evidence)!;
  return `${culprit.peer.id}: ${culprit.reason ?? culprit.state}`;
}

function finish(
  request: FleetRunRequest,
  coordinator: string,
  startedAt: number,
  endedAt: number,
  slots: readonly AgentSlot[],
  plan: readonly { readonly region: string }[],
  warnings: string[],
  stopped: boolean,
): FleetRunResult {
  const fallback = {
    preset: request.preset,
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
  };
  const tags = { ...request.tags, fleet_run: request.id };
  const delivered = slots.filter((slot) => slot.evidence);
  const specs = agreedThresholds(delivered, warnings);
  const regions: FleetRegion[] = [];
  const missing: { region: string; reason: string }[] = [];
  for (const { region } of plan) {
    const members = slots.filter((slot) => slot.region === region);
    const agents = members.map(agentRun);
    if (members.length === 0 || members.some((slot) => !slot.evidence)) {
      const reason = missingReason(region, members);
      missing.push({ region, reason });
      regions.push({
        region,
        status: FleetRegionStatus.missing,
        reason,
        figures: null,
        thresholds: [],
        agents,
      });
      continue;
    }
    const merged = mergeAgentRuns(
      members.map((slot) => slot.evidence!),
      {
        thresholds: regionThresholdSpecs(specs, region),
        tags,
        region,
        regions: [region],
        fallback,
        stopped,
        warnings: [],
      },
    );
    regions.push({
      region,
      status: FleetRegionStatus.complete,
      reason: null,
      figures: keyFigures(buildSummaryData(merged)),
      thresholds: merged.thresholds,
      agents,
    });
  }
  const merged = mergeAgentRuns(
    delivered.map((slot) => slot.evidence!),
    { thresholds: specs, tags, regions: request.regions, fallback, stopped, warnings },
  );
  const verdict = fleetVerdict(merged.thresholds, missing, stopped);
  const summary: RunSummary = { ...merged, outcome: outcomeOf(verdict), exitCode: verdict.exitCode };
  const fleet: FleetSummary = {
    id: request.id,
    coordinator,
    complete: missing.length === 0,
    missingRegions: missing.map((m) => m.region),
    regions,
  };
  const data = buildSummaryData(summary, { fleet });
  const run: FleetRun = {
    ...fleetRunDocument(request, coordinator, startedAt, slots, [], summary.warnings),
    status: verdict.status,
    reason: verdict.reason,
    missingRegions: fleet.missingRegions,
    endedAt,
    durationMs: endedAt - startedAt,
    exitCode: verdict.exitCode,
    figures: delivered.length > 0 ? keyFigures(data) : null,
    thresholds: summary.thresholds,
    regions,
  };
  return { run, summary, data };
}

/**
 * The thresholds to evaluate: what the first delivering agent's run evaluated. Agents with another set
 * (a different version of the preset) are named in a warning rather than silently ignored.
 */
function agreedThresholds(delivered: readonly AgentSlot[], warnings: string[]): ThresholdSpecs {
  const first = delivered[0];
  if (!first) return {};
  const specs = thresholdSpecsOf(first.evidence!.summary.fpt.thresholds);
  const text = JSON.stringify(specs);
  for (const slot of delivered.slice(1)) {
    if (JSON.stringify(thresholdSpecsOf(slot.evidence!.summary.fpt.thresholds)) !== text) {
      warnings.push(
        `${slot.peer.id} evaluated other thresholds than ${first.peer.id} (its copy of the preset differs); the fleet verdict uses ${first.peer.id}'s`,
      );
    }
  }
  return specs;
}

function outcomeOf(verdict: FleetVerdict): RunSummary['outcome'] {
  if (verdict.status === FleetRunStatus.stopped) return RunOutcome.interrupted;
  if (verdict.status === FleetRunStatus.failed) return RunOutcome.thresholdsFailed;
  return RunOutcome.passed;
}

function agentRun(slot: AgentSlot): FleetAgentRun {
  const base = slot.runId ? `/api/runs/${encodeURIComponent(slot.runId)}` : undefined;
  return {
    peer: slot.peer.id,
    agentId: slot.agentId,
    url: slot.peer.url,
    segment: slot.segment,
    state: slot.state,
    reason: slot.reason,
    runId: slot.runId,
    links: base
      ? {
          run: slot.client.link(base),
          summary: slot.client.link(`${base}/summary.json`),
          report: slot.client.link(`${base}/report.html`),
          junit: slot.client.link(`${base}/junit.xml`),
          metrics: slot.client.link(`${base}/metrics.json`),
        }
      : null,
    figures: slot.figures,
  };
}

/** The fleet run while it goes: every region running, with each agent's state so far. */
function fleetRunDocument(
  request: FleetRunRequest,
  coordinator: string,
  startedAt: number,
  slots: readonly AgentSlot[],
  regions: readonly string[],
  warnings: readonly string[],
): FleetRun {
  return {
    ...startingFleetRun(request, coordinator, startedAt),
    regions: regions.map((region) => {
      const members = slots.filter((slot) => slot.region === region);
      // A region with an agent given up will be missing: it is never shown as running meanwhile.
      const givenUp = members.filter((slot) => isGivenUp(slot.state));
      const missing = members.length === 0 || givenUp.length > 0;
      return {
        region,
        status: missing ? FleetRegionStatus.missing : FleetRegionStatus.running,
        reason: missing ? missingReason(region, givenUp.length > 0 ? givenUp : members) : null,
        figures: null,
        thresholds: [],
        agents: members.map(agentRun),
      };
    }),
    warnings: [...warnings],
  };
}
