/**
 * The agent API's JSON shapes, as docs/agent.md defines them: what the web UI reads, declared once. The
 * agent's own types are checked against these (test/producers-conform.test.ts), so a change on either side
 * fails the type check instead of drifting.
 */

/** A run's state in the history: running, then how it ended. */
export type RunStatus = 'running' | 'passed' | 'failed' | 'aborted' | 'stopped' | 'error';

export interface RunLinks {
  readonly summary: string;
  readonly report: string;
  readonly junit: string;
  readonly log: string;
  readonly live: string;
  /** The baseline gate's verdict (`fpt-gate-verdict` JSON); served only for a run gated against a baseline. */
  readonly gate: string;
  /** Every series of the run with its encoded histogram (for exact merging). */
  readonly metrics: string;
}

/**
 * The handful of figures a history row, a fleet region or a fleet agent's share shows: null until the run
 * ends, or when it had none (no requests, no browser).
 */
export interface KeyFigures {
  readonly requests: number | null;
  readonly requestRate: number | null;
  /** 0..1 */
  readonly errorRate: number | null;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxVus: number | null;
  readonly iterations: number | null;
  readonly checksPassed: number | null;
  readonly checksFailed: number | null;
  readonly thresholdsPassed: number | null;
  readonly thresholdsFailed: number | null;
  readonly lcpP75Ms: number | null;
  readonly clsP75: number | null;
  readonly inpP75Ms: number | null;
}

export interface RunRow extends KeyFigures {
  readonly id: string;
  readonly preset: string;
  readonly region: string;
  readonly agentId: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly status: RunStatus;
  /** Why it failed, was aborted or errored, in words. */
  readonly reason: string | null;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly durationMs: number | null;
  readonly plannedMs: number | null;
  readonly exitCode: number | null;
  /** Against the preset's baseline; null when the preset had none when the run started. */
  readonly verdict: 'pass' | 'regression' | null;
  /** This agent's share of a fleet run's region, or null for a whole run. */
  readonly segment?: { readonly index: number; readonly count: number } | null;
  readonly links: RunLinks;
}

export interface LivePerRequest {
  readonly name: string;
  readonly requests: number;
  readonly failed: number;
  readonly p95Ms?: number;
}

/**
 * What one second of a run measured, in the live stream and in summary.json's timeline alike: VUs at
 * its end, and counts and request percentiles of that second (absent when no request finished in it).
 */
export interface SecondFigures {
  readonly vus: number;
  readonly requests: number;
  readonly failedRequests: number;
  readonly iterations: number;
  readonly droppedIterations: number;
  readonly p50Ms?: number;
  readonly p95Ms?: number;
  readonly p99Ms?: number;
  /** A browser run's Web Vitals reported in the second (p75; ms, CLS a score); absent when none was. */
  readonly lcpP75Ms?: number;
  readonly inpP75Ms?: number;
  readonly clsP75?: number;
}

/** One second of a run, as the live stream sends it. */
export interface LivePoint extends SecondFigures {
  readonly tMs: number;
  readonly elapsedMs: number;
  /** The scenarios' planned length, graceful stops left out (a 15 s run says 15 s). */
  readonly plannedMs: number;
  /** Since the start. */
  readonly totalRequests: number;
  readonly totalFailed: number;
  /** "metric expression" of every threshold crossed so far. */
  readonly failingThresholds: readonly string[];
  readonly perRequest: readonly LivePerRequest[];
}

export interface AgentStatus {
  readonly version: string;
  readonly region: string;
  readonly agentId: string;
  readonly busy: boolean;
  readonly run: RunRow | null;
  readonly authRequired: boolean;
  /** Whether this agent coordinates a fleet: how many peers its registry lists (0: none), and its fleet run in progress. */
  readonly fleet: { readonly peers: number; readonly fleetRunId: string | null };
}

export interface PresetScenarioInfo {
  readonly name: string;
  readonly executor: string;
  /** The load shape in words, e.g. "ramp 0→20 VUs over 30s, hold 1m". */
  readonly summary: string;
}

export interface PresetThresholdInfo {
  readonly metric: string;
  readonly expression: string;
}

/** A YAML/JSON preset, or a k6-style script (`.js`) whose `options` are its preset. */
export type PresetKind = 'preset' | 'script';

export interface PresetInfo {
  readonly name: string;
  readonly file: string;
  readonly kind: PresetKind;
  readonly description: string;
  readonly valid: boolean;
  readonly problems: readonly string[];
  /** What FPT leaves out of a valid entry (a script's options it does not read). */
  readonly warnings: readonly string[];
  readonly scenarios: readonly PresetScenarioInfo[];
  readonly thresholds: readonly PresetThresholdInfo[];
  readonly regions: readonly string[];
  readonly target: string;
}

export interface RunOverrides {
  readonly vus?: number;
  readonly duration?: string;
  readonly iterations?: number;
  readonly rate?: number;
  readonly target?: string;
}

export interface StartRunRequest {
  readonly preset: string;
  readonly overrides?: RunOverrides;
  readonly tags?: Readonly<Record<string, string>>;
}

export interface RunsPage {
  readonly runs: readonly RunRow[];
  readonly total: number;
}

/** An error body: what is wrong, how to fix it, and fields some refusals add. */
export interface ApiErrorBody {
  readonly error?: string;
  readonly hint?: string;
  readonly runId?: string;
  /** The fleet run in progress, on a 409 from POST /api/fleet/runs. */
  readonly fleetRunId?: string;
  /** The regions the peer registry serves, on a 400 for an unknown region. */
  readonly regions?: readonly string[];
  readonly rule?: string;
  readonly target?: string;
  /** The agent's FPT_ALLOW_TARGETS, on a 403. */
  readonly allowlist?: readonly string[];
  readonly problems?: readonly string[];
  /** false on a 422 from GET /api/compare: the gate cannot compare these runs (another preset, no summary). */
  readonly comparable?: boolean;
  readonly basePreset?: string;
  readonly runPreset?: string;
}
