import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { MetricsSnapshot, Tags } from '@fpt/metrics';
import { createDatabaseRequest, writeRequest } from './build-influx-requests.js';
import { classifyWriteResponse } from './classify-write-response.js';
import { InfluxConfigError } from './influx-config-error.js';
import { describeInfluxTarget, type InfluxOutputConfig } from './influx-output-config.js';
import { PointQueue } from './point-queue.js';
import { retryDelayMs } from './retry-delay-ms.js';
import { snapshotToLines } from './snapshot-to-lines.js';
import type { IntervalWindow } from './spread-in-window.js';

const gzipAsync = promisify(gzip);
const NS_PER_MS = 1_000_000n;

/** Test-wide tags written on every point, so dashboards can pick a run, preset, region and agent. */
export interface InfluxRunTags {
  /** The run id. */
  readonly testid: string;
  readonly preset: string;
  readonly region?: string;
  readonly agent?: string;
}

export interface InfluxOutputOptions {
  /** How often buffered points are sent; default config.pushIntervalMs (1 s). */
  readonly flushIntervalMs?: number;
  /** Points held while InfluxDB is slow or down, past which the oldest are dropped; default config (200 000). */
  readonly maxBufferedPoints?: number;
  /** Write requests in flight at once; default config.concurrentWrites (4). */
  readonly concurrency?: number;
  /** Trend and rate pseudo-samples per series per interval; default config (1000). */
  readonly maxPointsPerSeries?: number;
  /** Points per write request; default 5000. */
  readonly maxPointsPerRequest?: number;
  /** Length of the first interval, before two snapshots tell it; default 1000 (the engine's tick). */
  readonly snapshotIntervalMs?: number;
  /** Per request; default 10 000. */
  readonly requestTimeoutMs?: number;
  /** How long close() keeps trying to send what is left before counting it as dropped; default 10 000. */
  readonly closeTimeoutMs?: number;
  /** First retry delay after a failed write, doubled per consecutive failure; default 1000. */
  readonly retryBaseMs?: number;
  /** Longest retry delay; default 30 000. */
  readonly retryMaxMs?: number;
  /** Gzip request bodies (InfluxDB 1.x and 2.x accept `Content-Encoding: gzip`); default true. */
  readonly gzip?: boolean;
  /** For tests; default the global fetch. */
  readonly fetch?: typeof fetch;
  /** Called, at most once per state change, when writes fail, points are dropped or writes recover. */
  readonly onWarning?: (message: string) => void;
  /** For tests: jitter source in [0, 1). */
  readonly random?: () => number;
}

export interface InfluxOutputStats {
  /** Points InfluxDB accepted. */
  readonly written: number;
  /** Points given up on: buffer overflow, refused by InfluxDB, or still unsent when close() gave up. */
  readonly dropped: number;
  /** Write requests that failed (each retry counts again). */
  readonly failedRequests: number;
  /** Points waiting to be sent; 0 after close(). */
  readonly buffered: number;
  readonly lastError?: string;
}

interface ResolvedOptions {
  readonly flushIntervalMs: number;
  readonly maxBufferedPoints: number;
  readonly concurrency: number;
  readonly maxPointsPerSeries: number;
  readonly maxPointsPerRequest: number;
  readonly snapshotIntervalMs: number;
  readonly requestTimeoutMs: number;
  readonly closeTimeoutMs: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly gzip: boolean;
}

/**
 * `--out influxdb` / `--out influxdb2`: turns each per-second snapshot into line protocol (see
 * snapshotToLines and docs/influxdb.md), buffers it, and sends it in batches every flush interval with
 * at most `concurrency` requests in flight. write() only converts and enqueues, so the engine's tick never
 * waits on InfluxDB; when InfluxDB is slow or down, points wait in a bounded buffer (oldest dropped past
 * it), failed batches are retried with exponential backoff, and the run carries on.
 */
export class InfluxOutput {
  readonly #config: InfluxOutputConfig;
  readonly #options: ResolvedOptions;
  readonly #runTags: Tags;
  readonly #queue: PointQueue;
  readonly #fetch: typeof fetch;
  readonly #warn: (message: string) => void;
  readonly #random: () => number;
  readonly #timer: NodeJS.Timeout;
  /** Aborts in-flight requests when close() runs out of time. */
  readonly #abort = new AbortController();
  readonly #inFlight = new Set<Promise<void>>();

  #written = 0;
  #dropped = 0;
  #failedRequests = 0;
  #lastError: string | undefined;
  #consecutiveFailures = 0;
  #retryAtMs = 0;
  #lastEndNs: bigint | undefined;
  #databaseReady: boolean;
  #creatingDatabase: Promise<void> | undefined;
  #dropWarned = false;
  #closing = false;
  #gaveUp = false;
  #closed: Promise<InfluxOutputStats> | undefined;
  readonly #warned = new Set<string>();

  constructor(config: InfluxOutputConfig, runTags: InfluxRunTags, options: InfluxOutputOptions = {}) {
    this.#config = config;
    this.#options = resolveOptions(config, options);
    this.#runTags = normaliseRunTags(runTags);
    this.#queue = new PointQueue(this.#options.maxBufferedPoints);
    this.#fetch = options.fetch ?? globalThis.fetch;
    const onWarning = options.onWarning;
    this.#warn = (message) => {
      try {
        onWarning?.(message);
      } catch {
        // A broken warning sink must not break the output.
      }
    };
    this.#random = options.random ?? Math.random;
    this.#databaseReady = config.kind !== 'v1';
    // unref: a forgotten close() must not keep the process alive; the run keeps the loop busy anyway.
    this.#timer = setInterval(() => this.#pump(), this.#options.flushIntervalMs).unref();
  }

  /** Converts one interval and queues it. Never waits on the network and never throws. */
  write(delta: MetricsSnapshot, at: Date): void {
    try {
      const { lines, badSeries } = snapshotToLines(delta, this.#nextWindow(at), {
        runTags: this.#runTags,
        tagsAsFields: this.#config.tagsAsFields,
        maxPointsPerSeries: this.#options.maxPointsPerSeries,
      });
      if (badSeries > 0)
        this.#warnOnce('bad-series', `InfluxDB output: skipped ${badSeries} malformed series`);
      if (this.#closing) {
        this.#dropped += lines.length;
        this.#warnOnce('after-close', 'InfluxDB output: points written after close() were dropped');
        return;
      }
      this.#countDropped(this.#queue.push(lines), 'buffer full');
      // A full batch need not wait for the timer; smaller ones go out on the flush interval.
      if (this.#queue.size >= this.#options.maxPointsPerRequest) this.#pump();
    } catch (error) {
      this.#warnOnce('write', `InfluxDB output: could not convert a snapshot: ${describeError(error)}`);
    }
  }

  get stats(): InfluxOutputStats {
    return {
      written: this.#written,
      dropped: this.#dropped,
      failedRequests: this.#failedRequests,
      buffered: this.#queue.size,
      ...(this.#lastError !== undefined ? { lastError: this.#lastError } : {}),
    };
  }

  /**
   * Sends what is buffered (retrying as during the run) for up to closeTimeoutMs, then gives up on the
   * rest and counts it as dropped. Resolves, never rejects; calling it again returns the same result.
   */
  close(): Promise<InfluxOutputStats> {
    this.#closed ??= this.#drainAndStop();
    return this.#closed;
  }

  async #drainAndStop(): Promise<InfluxOutputStats> {
    this.#closing = true;
    clearInterval(this.#timer);
    const deadline = performance.now() + this.#options.closeTimeoutMs;
    while ((this.#queue.size > 0 || this.#inFlight.size > 0) && performance.now() < deadline) {
      this.#pump();
      const waits: Promise<void>[] = [...this.#inFlight];
      const now = performance.now();
      let timer: NodeJS.Timeout | undefined;
      if (this.#queue.size > 0 && this.#inFlight.size < this.#options.concurrency) {
        // Only a retry backoff leaves a free slot unused with points waiting: sleep until it ends.
        const wakeMs = Math.max(Math.min(this.#retryAtMs, deadline) - now, 1);
        waits.push(new Promise((resolve) => (timer = setTimeout(resolve, wakeMs))));
      } else if (this.#inFlight.size > 0) {
        waits.push(new Promise((resolve) => (timer = setTimeout(resolve, Math.max(deadline - now, 1)))));
      }
      await Promise.race(waits);
      clearTimeout(timer);
    }
    this.#gaveUp = true;
    this.#abort.abort();
    await Promise.all(this.#inFlight);
    const left = this.#queue.clear();
    if (left > 0) {
      this.#dropped += left;
      this.#warn(
        `InfluxDB output: gave up on ${left} points still unsent ${this.#options.closeTimeoutMs} ms after the run (${describeInfluxTarget(this.#config)})`,
      );
    }
    return this.stats;
  }

  /** Starts as many batch requests as the concurrency limit and any retry backoff allow. */
  #pump(): void {
    if (this.#gaveUp || performance.now() < this.#retryAtMs) return;
    while (this.#inFlight.size < this.#options.concurrency && this.#queue.size > 0) {
      const batch = this.#queue.take(this.#options.maxPointsPerRequest);
      const sending = this.#send(batch).finally(() => {
        this.#inFlight.delete(sending);
      });
      this.#inFlight.add(sending);
    }
  }

  /** Sends one batch and accounts for every point of it; never rejects. */
  async #send(batch: string[]): Promise<void> {
    try {
      if (!this.#databaseReady) await this.#createDatabase();
      this.#abort.signal.throwIfAborted();
      const { url, headers } = writeRequest(this.#config);
      const text = `${batch.join('\n')}\n`;
      let body: string | Uint8Array = text;
      if (this.#options.gzip) {
        body = await gzipAsync(text);
        headers['Content-Encoding'] = 'gzip';
      }
      const response = await this.#fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.any([this.#abort.signal, AbortSignal.timeout(this.#options.requestTimeoutMs)]),
      });
      const responseText = await response.text();
      const outcome = classifyWriteResponse(response.status, responseText);
      switch (outcome.kind) {
        case 'ok':
          this.#succeeded(batch.length);
          return;
        case 'retry':
          if (outcome.databaseMissing) this.#databaseReady = false;
          this.#failed(batch, outcome.reason, response.headers.get('retry-after'));
          return;
        case 'reject': {
          this.#failedRequests++;
          this.#lastError = outcome.reason;
          const refused = Math.min(outcome.droppedPoints ?? batch.length, batch.length);
          this.#written += batch.length - refused;
          this.#dropped += refused;
          this.#warnOnce(
            `reject ${outcome.reason}`,
            `InfluxDB output: ${describeInfluxTarget(this.#config)} refused ${refused} points (${outcome.reason}); not retrying them`,
          );
          return;
        }
      }
    } catch (error) {
      this.#failed(batch, describeError(error), null);
    }
  }

  #succeeded(points: number): void {
    this.#written += points;
    if (this.#consecutiveFailures > 0) {
      this.#warn(
        `InfluxDB output: writes recovered after ${this.#consecutiveFailures} failed requests; ${this.#dropped} points dropped so far`,
      );
    }
    this.#consecutiveFailures = 0;
    this.#retryAtMs = 0;
    this.#dropWarned = false;
    // Catch up on a backlog at full concurrency rather than one round per flush interval.
    if (this.#queue.size >= this.#options.maxPointsPerRequest) this.#pump();
  }

  #failed(batch: string[], reason: string, retryAfter: string | null): void {
    this.#failedRequests++;
    this.#lastError = reason;
    this.#consecutiveFailures++;
    const delayMs = retryDelayMs(
      this.#consecutiveFailures,
      { baseMs: this.#options.retryBaseMs, maxMs: this.#options.retryMaxMs },
      this.#random,
      retryAfter,
    );
    this.#retryAtMs = Math.max(this.#retryAtMs, performance.now() + delayMs);
    if (this.#consecutiveFailures === 1) {
      this.#warn(
        `InfluxDB output: write to ${describeInfluxTarget(this.#config)} failed (${reason}); buffering up to ${this.#options.maxBufferedPoints} points and retrying`,
      );
    }
    if (this.#gaveUp) {
      this.#dropped += batch.length;
      return;
    }
    // Still the oldest points, so they go back in front and are the first dropped if the buffer fills.
    this.#countDropped(this.#queue.unshift(batch), 'InfluxDB unavailable');
  }

  async #createDatabase(): Promise<void> {
    if (this.#config.kind !== 'v1') return;
    const config = this.#config;
    this.#creatingDatabase ??= (async () => {
      try {
        const { url, headers, body } = createDatabaseRequest(config);
        const response = await this.#fetch(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.any([this.#abort.signal, AbortSignal.timeout(this.#options.requestTimeoutMs)]),
        });
        const text = await response.text();
        if (response.ok && !text.includes('"error"')) this.#databaseReady = true;
        else if (response.status === 401 || response.status === 403) {
          // Writing may still work into a database an administrator created; k6 ignores this too.
          this.#databaseReady = true;
          this.#warnOnce(
            'create-db',
            `InfluxDB output: could not create database ${config.db} (HTTP ${response.status})`,
          );
        }
      } catch {
        // Unreachable: the write that follows fails too and is retried, with another attempt to create.
      } finally {
        this.#creatingDatabase = undefined;
      }
    })();
    await this.#creatingDatabase;
  }

  #nextWindow(at: Date): IntervalWindow {
    const atMs = at.getTime();
    if (!Number.isFinite(atMs)) throw new TypeError('the snapshot time is not a valid Date');
    const intervalNs = BigInt(this.#options.snapshotIntervalMs) * NS_PER_MS;
    let endNs = BigInt(Math.trunc(atMs)) * NS_PER_MS;
    const last = this.#lastEndNs;
    // A clock step back must not stamp points onto the previous window's timestamps.
    if (last !== undefined && endNs <= last) endNs = last + NS_PER_MS;
    // Windows tile time: each starts where the previous ended, unless snapshots stopped for a while.
    const startNs = last !== undefined && endNs - last <= 10n * intervalNs ? last : endNs - intervalNs;
    this.#lastEndNs = endNs;
    return { startNs, endNs };
  }

  #countDropped(dropped: number, why: string): void {
    if (dropped === 0) return;
    this.#dropped += dropped;
    if (!this.#dropWarned) {
      this.#dropWarned = true;
      this.#warn(
        `InfluxDB output: ${why}, dropping the oldest points beyond ${this.#options.maxBufferedPoints}; the run carries on`,
      );
    }
  }

  #warnOnce(key: string, message: string): void {
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#warn(message);
  }
}

function resolveOptions(config: InfluxOutputConfig, options: InfluxOutputOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    flushIntervalMs: options.flushIntervalMs ?? config.pushIntervalMs,
    maxBufferedPoints: options.maxBufferedPoints ?? config.maxBufferedPoints,
    concurrency: options.concurrency ?? config.concurrentWrites,
    maxPointsPerSeries: options.maxPointsPerSeries ?? config.maxPointsPerSeries,
    maxPointsPerRequest: options.maxPointsPerRequest ?? 5000,
    snapshotIntervalMs: options.snapshotIntervalMs ?? 1000,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    closeTimeoutMs: options.closeTimeoutMs ?? 10_000,
    retryBaseMs: options.retryBaseMs ?? 1000,
    retryMaxMs: options.retryMaxMs ?? 30_000,
    gzip: options.gzip ?? true,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (typeof value === 'number' && !(Number.isSafeInteger(value) && value >= 1)) {
      throw new InfluxConfigError(
        `InfluxDB output option ${name} must be a whole number of at least 1, got ${value}`,
        'check the options passed to new InfluxOutput()',
      );
    }
  }
  // Timestamps one nanosecond apart at worst: a window of ≥ 1 ms must hold every pseudo-sample.
  if (resolved.maxPointsPerSeries > 1_000_000) {
    throw new InfluxConfigError(
      `maxPointsPerSeries is ${resolved.maxPointsPerSeries}; at most 1000000 points fit one series' interval`,
      'use a smaller maxPointsPerSeries (the default is 1000)',
    );
  }
  return resolved;
}

function normaliseRunTags(runTags: InfluxRunTags): Tags {
  if (typeof runTags.testid !== 'string' || runTags.testid.trim() === '') {
    throw new InfluxConfigError(
      'the InfluxDB output needs a testid (the run id) to tag every point with',
      'pass runTags.testid, so dashboards can tell runs apart',
    );
  }
  const tags: Record<string, string> = { testid: runTags.testid };
  for (const name of ['preset', 'region', 'agent'] as const) {
    const value = runTags[name];
    if (value !== undefined && value !== '') tags[name] = value;
  }
  return tags;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    // fetch wraps the socket error (ECONNREFUSED, timeout) in `cause`; that is the useful part.
    const cause = (error as { cause?: unknown }).cause;
    if (error.name === 'TimeoutError') return 'request timed out';
    if (error.name === 'AbortError') return 'request aborted at shutdown';
    if (cause instanceof Error)
      return `${error.message}: ${(cause as { code?: string }).code ?? cause.message}`;
    return error.message;
  }
  return String(error);
}
