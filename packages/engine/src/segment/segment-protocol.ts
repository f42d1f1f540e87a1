import type { MetricsSnapshot, SampleBatch, Tags } from '@fpt/metrics';
import type { ExecutionSegment, LoadedPreset } from '@fpt/preset';
import type { ScenarioStats } from '../executors/scenario-execution.js';
import type { ProxyEnvironment } from '../http/proxy-settings.js';

/** Everything one part of a run needs; plain data, so it crosses into a worker thread as it is. */
export interface SegmentInput {
  readonly loaded: LoadedPreset;
  readonly segment: ExecutionSegment;
  /** Wall-clock-comparable start of the run (performance.timeOrigin + performance.now()), shared by all parts. */
  readonly runStartMs: number;
  /** Constants and setup captures, as [name, value] pairs. */
  readonly sharedVariables: readonly (readonly [string, string])[];
  readonly testTags: Tags;
  readonly intervalMs: number;
  readonly artifactsDir: string;
  /** An agent's target allowlist rules; absent when the run is not restricted (the CLI). */
  readonly targetAllowlist?: readonly string[];
  /** HTTP_PROXY, HTTPS_PROXY and NO_PROXY of the process that started the run. */
  readonly proxyEnvironment?: ProxyEnvironment;
  /** Keep every sample, not only aggregates, for a per-sample output (k6's JSON or CSV lines). */
  readonly recordSamples?: boolean;
  /** Scripts' __ENV. */
  readonly scriptEnv?: Readonly<Record<string, string>>;
  /** What the script's setup() returned, as JSON. */
  readonly setupData?: string;
}

export interface VuCounts {
  readonly active: number;
  readonly allocated: number;
  readonly peakActive: number;
  readonly peakAllocated: number;
  /** The most VUs running at once since the previous snapshot: a timeline point's VUs, so no peak falls between two. */
  readonly intervalPeakActive: number;
}

export interface SegmentResult {
  readonly scenarios: Readonly<Record<string, ScenarioStats>>;
  readonly warnings: readonly string[];
}

/** Messages from the main thread to a worker. */
export type ToSegment = { readonly type: 'start'; readonly input: SegmentInput } | { readonly type: 'stop' };

/** Messages from a worker to the main thread. */
export type FromSegment =
  | { readonly type: 'ready' }
  | {
      readonly type: 'snapshot';
      readonly delta: MetricsSnapshot;
      /** Every sample of the interval, when the run asked for them (recordSamples). */
      readonly samples?: SampleBatch;
      readonly vus: VuCounts;
      /** The part's last snapshot, sent after its VUs were released: its counts say nothing of the run. */
      readonly final: boolean;
    }
  | { readonly type: 'warning'; readonly message: string }
  /** A script called exec.test.abort(), or a VU's init code threw (exception): the whole run stops. */
  | { readonly type: 'abort'; readonly reason: string; readonly exception?: boolean }
  | { readonly type: 'done'; readonly result: SegmentResult }
  | { readonly type: 'failed'; readonly message: string; readonly hint?: string; readonly stack?: string };
