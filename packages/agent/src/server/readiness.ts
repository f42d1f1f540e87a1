import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ReadinessCheck {
  readonly ok: boolean;
  readonly detail: string;
}

/** Can the agent keep evidence? Writes and removes a small file in the data folder, and wants room for a run. */
export function checkDataDir(
  dataDir: string,
  lackOfRoom: () => string | undefined = () => undefined,
): ReadinessCheck {
  const probe = join(dataDir, `.ready-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(probe, 'ok');
    rmSync(probe);
  } catch (error) {
    rmSync(probe, { force: true });
    return { ok: false, detail: `${dataDir} is not writable: ${(error as Error).message}` };
  }
  const lack = lackOfRoom();
  if (lack) return { ok: false, detail: lack };
  return { ok: true, detail: `${dataDir} is writable` };
}
