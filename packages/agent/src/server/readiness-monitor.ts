import type { PresetCatalog } from '../presets/preset-catalog.js';
import { presetFolderFingerprint } from '../presets/preset-folder-fingerprint.js';
import { checkDataDir, type ReadinessCheck } from './readiness.js';

export interface ReadinessSnapshot {
  readonly ready: boolean;
  readonly checks: {
    readonly dataDir: ReadinessCheck;
    readonly presets: ReadinessCheck;
    readonly browser: ReadinessCheck;
    /** The run history: fixed at start (an index a newer agent made unusable here stays so until a restart). */
    readonly history: ReadinessCheck;
  };
  /** When the data folder and the browser were last checked (epoch ms). */
  readonly checkedAt: number;
  /** When the presets were last loaded (epoch ms), and how many times they were since the agent started. */
  readonly presetsCheckedAt: number;
  readonly presetScans: number;
}

/** Often enough for a load balancer to see a full disk or a broken presets folder within seconds. */
export const readinessIntervalMs = 5000;

/**
 * Readiness computed in the background and kept, so that /readyz answers from memory: asking it costs
 * nothing however often anyone asks. Loading presets is the expensive part (a large preset takes
 * seconds), so presets are loaded once at start and again only when the presets folder changes (its
 * fingerprint of names, sizes and times, taken every few seconds), one file per turn of the event loop so
 * that other requests are served in between. The data folder and the browser are cheap and checked on
 * every tick.
 */
export class ReadinessMonitor {
  readonly #dataDir: string;
  readonly #lackOfRoom: () => string | undefined;
  readonly #presetsDir: string;
  readonly #catalog: PresetCatalog;
  readonly #browser: () => ReadinessCheck;
  readonly #history: ReadinessCheck;
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout;
  #dataDirCheck: ReadinessCheck;
  #browserCheck: ReadinessCheck;
  #presetsCheck: ReadinessCheck;
  #checkedAt: number;
  #presetsCheckedAt: number;
  #presetScans = 0;
  #fingerprint: string;
  #scanning = false;

  constructor(options: {
    dataDir: string;
    /** Why the data folder lacks room for a run (FPT_MIN_FREE_SPACE, the reserve), or undefined. */
    lackOfRoom?: () => string | undefined;
    presetsDir: string;
    catalog: PresetCatalog;
    browser: () => ReadinessCheck;
    history?: ReadinessCheck;
    intervalMs?: number;
    now?: () => number;
  }) {
    this.#dataDir = options.dataDir;
    this.#lackOfRoom = options.lackOfRoom ?? (() => undefined);
    this.#presetsDir = options.presetsDir;
    this.#catalog = options.catalog;
    this.#browser = options.browser;
    this.#history = options.history ?? { ok: true, detail: 'the run history is open' };
    this.#now = options.now ?? Date.now;
    // The first check runs before the agent listens: no request waits for it, and the first answer is real.
    this.#dataDirCheck = checkDataDir(this.#dataDir, this.#lackOfRoom);
    this.#browserCheck = this.#checkBrowser();
    this.#fingerprint = presetFolderFingerprint(this.#presetsDir);
    const names = this.#presetNames();
    this.#presetsCheck = presetsVerdict(names.filter((name) => this.#isValid(name)).length, names.length);
    this.#presetScans = 1;
    this.#checkedAt = this.#now();
    this.#presetsCheckedAt = this.#checkedAt;
    this.#timer = setInterval(() => this.#tick(), options.intervalMs ?? readinessIntervalMs);
    // The agent's shutdown does not wait for this timer.
    this.#timer.unref();
  }

  get snapshot(): ReadinessSnapshot {
    return {
      ready: this.#dataDirCheck.ok && this.#presetsCheck.ok && this.#history.ok,
      checks: {
        dataDir: this.#dataDirCheck,
        presets: this.#presetsCheck,
        browser: this.#browserCheck,
        history: this.#history,
      },
      checkedAt: this.#checkedAt,
      presetsCheckedAt: this.#presetsCheckedAt,
      presetScans: this.#presetScans,
    };
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #tick(): void {
    // A timer callback that throws would take the agent down: a failed check is a verdict, not a crash.
    try {
      this.#dataDirCheck = checkDataDir(this.#dataDir, this.#lackOfRoom);
      this.#browserCheck = this.#checkBrowser();
      this.#checkedAt = this.#now();
      if (this.#scanning) return;
      const fingerprint = presetFolderFingerprint(this.#presetsDir);
      if (fingerprint === this.#fingerprint) return;
      this.#scanning = true;
      this.#scanPresets(fingerprint)
        .catch((error: unknown) => {
          this.#presetsCheck = { ok: false, detail: `the presets could not be checked: ${String(error)}` };
        })
        .finally(() => {
          this.#scanning = false;
        });
    } catch (error) {
      this.#dataDirCheck = { ok: false, detail: `the readiness check failed: ${(error as Error).message}` };
    }
  }

  async #scanPresets(fingerprint: string): Promise<void> {
    const names = this.#presetNames();
    let valid = 0;
    for (const name of names) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.#isValid(name)) valid++;
    }
    this.#presetsCheck = presetsVerdict(valid, names.length);
    // Taken before the scan: a change made during it shows on the next tick and is loaded then.
    this.#fingerprint = fingerprint;
    this.#presetScans++;
    this.#presetsCheckedAt = this.#now();
  }

  /** The ids a run could be started with (presets and scripts), as the presets page lists them. */
  #presetNames(): string[] {
    return this.#catalog.names();
  }

  #isValid(name: string): boolean {
    try {
      return this.#catalog.info(name)?.valid ?? false;
    } catch {
      // Unreadable (permissions, removed meanwhile): not a preset a run could use.
      return false;
    }
  }

  #checkBrowser(): ReadinessCheck {
    try {
      return this.#browser();
    } catch (error) {
      return { ok: false, detail: `the browser check failed: ${(error as Error).message}` };
    }
  }
}

function presetsVerdict(valid: number, total: number): ReadinessCheck {
  return valid > 0
    ? { ok: true, detail: `${valid} of ${total} presets valid` }
    : { ok: false, detail: total === 0 ? 'no presets in the presets folder' : 'no preset is valid' };
}
