import { buildLivePoint, type RunChildMessage } from '@fpt/agent';
import type { RunProgress } from '@fpt/engine';
import type { MetricsSnapshot } from '@fpt/metrics';

/**
 * The run side of an agent's live view: when `fpt run` is an agent's child process, each second's point
 * goes to the agent over the IPC channel. If the agent goes away, the run stops (and still writes its
 * summary) rather than load a target nobody watches.
 */
export class LiveIpcReporter {
  #lastDelta: MetricsSnapshot | undefined;
  #pendingSends = 0;
  #closing = false;
  readonly #onDisconnect: () => void;

  private constructor(onDisconnect: () => void) {
    this.#onDisconnect = onDisconnect;
    process.on('disconnect', onDisconnect);
  }

  /** undefined when the process has no IPC channel (run by hand with --live-ipc). */
  static connect(onAgentGone: () => void): LiveIpcReporter | undefined {
    return process.send ? new LiveIpcReporter(onAgentGone) : undefined;
  }

  /** The engine reports an interval's metrics first, then its progress: the pair makes one point. */
  interval(delta: MetricsSnapshot): void {
    this.#lastDelta = delta;
  }

  progress(progress: RunProgress): void {
    if (!this.#lastDelta || !process.connected) return;
    const message: RunChildMessage = { type: 'point', point: buildLivePoint(progress, this.#lastDelta) };
    this.#lastDelta = undefined;
    this.#pendingSends++;
    process.send?.(message, undefined, {}, () => {
      this.#pendingSends--;
      if (this.#closing) this.#disconnectWhenSent();
    });
  }

  /** Lets the process exit: the open channel would keep it alive. Points still queued go out first. */
  close(): void {
    process.off('disconnect', this.#onDisconnect);
    this.#closing = true;
    this.#disconnectWhenSent();
  }

  #disconnectWhenSent(): void {
    if (this.#pendingSends === 0 && process.connected) process.disconnect();
  }
}
