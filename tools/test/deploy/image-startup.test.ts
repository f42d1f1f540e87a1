import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SpawnedAgent, spawnAgentCommand } from '../../test-support/agent-process.js';
import { dockerfilePath } from '../../test-support/deploy/agent-image.js';
import { parseDockerfile } from '../../test-support/deploy/dockerfile-model.js';
import { envOf, loadDestinations, volumeTargets } from '../../test-support/deploy/kamal-fleet.js';
import { readRepoFile, repoRoot } from '../../test-support/deploy/repo-files.js';

// The container's start-up path without Docker: the image's CMD, run on the host from the repository root
// (the image keeps the repository's layout under its WORKDIR), with the image's ENV and a destination's
// Kamal env, the container paths moved to where they are here: WORKDIR → the repository, each Kamal
// volume → a temporary folder. The presets volume starts as a previous image left it: a seeded copy of a
// preset that has since changed, with the agent's own record of it, and a preset the operator added.
const image = parseDockerfile(readRepoFile(dockerfilePath)).final;
const destination = loadDestinations().find((d) => d.name === 'near-a')!;
const scratch = mkdtempSync(join(tmpdir(), 'fpt-image-startup-'));
const token = 'image-startup-token';
const running: SpawnedAgent[] = [];

afterAll(async () => {
  for (const agent of running) await stop(agent);
  rmSync(scratch, { recursive: true, force: true });
});

/** Container path → host path: the longest mount that contains it, else unchanged (/usr/bin/chromium). */
const mounts = [
  { container: image.workdir, host: repoRoot },
  ...volumeTargets(destination.config.volumes).map((v) => ({
    container: v,
    host: join(scratch, 'volumes', v),
  })),
].sort((a, b) => b.container.length - a.container.length);
function onHost(value: string): string {
  const mount = mounts.find((m) => value === m.container || value.startsWith(`${m.container}/`));
  return mount ? join(mount.host, value.slice(mount.container.length)) : value;
}

/** The environment the container would get, moved to this host, on a free loopback port. */
async function containerEnvironment(overrides: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('FPT_')),
  );
  const imageEnv = { ...image.env, ...envOf(destination.config.env).clear };
  const moved = Object.fromEntries(Object.entries(imageEnv).map(([name, value]) => [name, onHost(value)]));
  return {
    ...inherited,
    ...moved,
    // Kamal's secrets, and the one change for a test host: loopback instead of every interface.
    FPT_TOKENS: token,
    FPT_BIND: '127.0.0.1',
    FPT_PORT: String(await freePort()),
    ...overrides,
  };
}

/** The image's CMD (tini, the ENTRYPOINT, only forwards signals and reaps; it is not installed here). */
async function startImageCommand(env: NodeJS.ProcessEnv): Promise<SpawnedAgent> {
  const [program, ...args] = image.cmd ?? [];
  const agent = await spawnAgentCommand(program === 'node' ? process.execPath : program!, args, {
    env,
    cwd: repoRoot,
  });
  running.push(agent);
  return agent;
}

async function stop(agent: SpawnedAgent): Promise<number | null> {
  if (agent.child.exitCode === null && agent.child.signalCode === null) agent.child.kill('SIGTERM');
  await agent.exited;
  process.off('exit', agent.killOnExit);
  return agent.child.exitCode;
}

/** The image's HEALTHCHECK command, run with the container's environment: its exit code. */
function runHealthcheck(env: NodeJS.ProcessEnv): number | null {
  const [program, ...args] = image.healthcheck?.command ?? [];
  return spawnSync(program === 'node' ? process.execPath : program!, args, { env, timeout: 15_000 }).status;
}

describe("the image's start-up path, run on the host", () => {
  const presetsVolume = onHost(image.env.FPT_PRESETS_DIR ?? '');
  const seedDir = onHost(image.env.FPT_SEED_PRESETS_DIR ?? '');
  const fresh = readFileSync(join(seedDir, 'quick.yaml'), 'utf8');
  const stale = `# an older release of the quick preset\n${fresh.replace('20-second', '30-second')}`;
  const operatorPreset = readFileSync(join(seedDir, 'pr.yaml'), 'utf8').replace(
    /^name: pr$/m,
    'name: team-smoke',
  );

  it('maps the container paths into the repository and the temporary volumes', () => {
    expect(relative(repoRoot, seedDir)).toBe('presets');
    expect(presetsVolume.startsWith(scratch)).toBe(true);
    expect(onHost(image.env.FPT_DATA_DIR ?? '').startsWith(scratch)).toBe(true);
  });

  it('a previous image seeded the volume with a preset that has changed since', async () => {
    const oldSeed = join(scratch, 'previous-image-presets');
    mkdirSync(oldSeed, { recursive: true });
    writeFileSync(join(oldSeed, 'quick.yaml'), stale);
    const previous = await startImageCommand(await containerEnvironment({ FPT_SEED_PRESETS_DIR: oldSeed }));
    expect((await fetch(`${previous.url}/healthz`)).status).toBe(200);
    expect(await stop(previous)).toBe(0);

    expect(readFileSync(join(presetsVolume, 'quick.yaml'), 'utf8')).toBe(stale);
    expect(readdirSync(presetsVolume)).toContain('.fpt-seeded.json');
    writeFileSync(join(presetsVolume, 'team-smoke.yaml'), operatorPreset);
  });

  it('comes up healthy with the fresh seed presets and keeps the operator preset', async () => {
    const env = await containerEnvironment();
    const agent = await startImageCommand(env);

    const health = await fetch(`${agent.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    expect(readFileSync(join(presetsVolume, 'quick.yaml'), 'utf8')).toBe(fresh);
    expect(readFileSync(join(presetsVolume, 'team-smoke.yaml'), 'utf8')).toBe(operatorPreset);
    for (const seed of listFiles(seedDir)) {
      expect(readFileSync(join(presetsVolume, seed), 'utf8')).toBe(readFileSync(join(seedDir, seed), 'utf8'));
    }

    // Ready, with the destination's identity and every preset (seeded and the operator's) loaded.
    const ready = await fetch(`${agent.url}/readyz`, { headers: { authorization: `Bearer ${token}` } });
    const details = (await ready.json()) as {
      ready: boolean;
      region: string;
      agentId: string;
      checks: { dataDir: { ok: boolean }; presets: { ok: boolean; detail: string } };
    };
    expect(ready.status).toBe(200);
    expect(details).toMatchObject({ ready: true, region: 'near-a', agentId: 'near-a-1' });
    expect(details.checks.dataDir.ok).toBe(true);
    const presetCount = listFiles(seedDir).filter((file) => file.endsWith('.yaml')).length + 1;
    expect(details.checks.presets.detail).toContain(`${presetCount} of ${presetCount}`);

    // The web UI the build produced is what the agent serves at its root.
    const ui = await fetch(`${agent.url}/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toBe(readFileSync(join(repoRoot, 'packages/agent-ui/dist/index.html'), 'utf8'));

    expect(runHealthcheck(env)).toBe(0);
    expect(await stop(agent)).toBe(0);
    expect(runHealthcheck(env)).not.toBe(0);
  });
});

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(join(dir, entry.name), base)
      : [relative(base, join(dir, entry.name)).split('\\').join('/')],
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
