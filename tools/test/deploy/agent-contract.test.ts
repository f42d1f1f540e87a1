import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAgentContract } from '../../test-support/deploy/agent-contract.js';
import { dockerfilePath } from '../../test-support/deploy/agent-image.js';
import { parseDockerfile } from '../../test-support/deploy/dockerfile-model.js';
import {
  envOf,
  get,
  loadBaseConfig,
  loadDestinations,
  volumeTargets,
} from '../../test-support/deploy/kamal-fleet.js';
import { readRepoFile } from '../../test-support/deploy/repo-files.js';

// The image and the Kamal files configure the agent only through what docs/agent.md documents: its
// variables, its port, its health route, its data and presets folders.
const contract = readAgentContract();
const image = parseDockerfile(readRepoFile(dockerfilePath));
const final = image.final;
const base = loadBaseConfig();
const destinations = loadDestinations();

/** Variables that are not the agent's, each with the reason it is set. */
const otherVariables: Record<string, string> = {
  NODE_ENV: 'production: Express leaves stack traces out of error pages',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD:
    'the image uses Debian Chromium; playwright-core must never fetch a browser',
};

/** The agent's environment in a destination's container: the image's ENV, then Kamal's env over it. */
function containerEnv(config: Record<string, unknown>): Record<string, string> {
  return { ...final.env, ...envOf(config.env).clear };
}

describe('the deploy files follow the agent contract (docs/agent.md)', () => {
  it('reads the contract', () => {
    expect(contract.settings.size).toBeGreaterThan(10);
    expect(contract.livenessPath).toMatch(/^\//);
  });

  it('sets only variables from the configuration table (or a known third-party one)', () => {
    const set = new Map<string, string>();
    for (const stage of image.stages)
      for (const name of Object.keys(stage.env)) set.set(name, dockerfilePath);
    for (const { name, config } of [{ name: 'base', config: base }, ...destinations]) {
      const env = envOf(config.env);
      for (const variable of [...Object.keys(env.clear), ...env.secret.map((s) => s.name)]) {
        set.set(variable, `config/deploy${name === 'base' ? '' : `.${name}`}.yml env`);
      }
    }
    const unknown = [...set]
      .filter(([name]) => !contract.settings.has(name) && !(name in otherVariables))
      .map(([name, where]) => `${name} (set in ${where}) is not in docs/agent.md's configuration table`);
    expect(unknown).toEqual([]);
    expect(set.has('FPT_TOKENS')).toBe(true);
  });

  it('uses one port everywhere: ENV FPT_PORT, EXPOSE, the Kamal proxy and the Kamal env', () => {
    const port = Number(final.env.FPT_PORT);
    expect(Number.isInteger(port)).toBe(true);
    expect(final.exposedPorts).toEqual([port]);
    for (const { config } of destinations) {
      expect(get(config, 'proxy', 'app_port')).toBe(port);
      expect(Number(containerEnv(config).FPT_PORT)).toBe(port);
    }
  });

  it("probes the agent's liveness route from the image and from kamal-proxy", () => {
    expect(get(base, 'proxy', 'healthcheck', 'path')).toBe(contract.livenessPath);
    const probe = final.healthcheck?.command.join(' ') ?? '';
    expect(probe).toContain(`'${contract.livenessPath}'`);
    expect(probe).toContain('process.env.FPT_PORT');
  });

  it.each(destinations.map((d) => [d.name, d] as const))(
    '%s keeps run data and presets on volumes, and the seed presets out of them',
    (_name, { config }) => {
      const env = containerEnv(config);
      const volumes = volumeTargets(config.volumes);
      const onVolume = (path: string) => volumes.some((v) => path === v || path.startsWith(`${v}/`));
      expect(volumes).toContain(env.FPT_DATA_DIR);
      expect(onVolume(env.FPT_PRESETS_DIR ?? '')).toBe(true);
      // A volume over the seed folder would hide the presets baked into the image.
      expect(env.FPT_SEED_PRESETS_DIR?.startsWith(`${final.workdir}/`)).toBe(true);
      expect(onVolume(env.FPT_SEED_PRESETS_DIR ?? '')).toBe(false);
    },
  );

  it('installs the programs the image runs from Debian: the init, Chromium', () => {
    const installs = image.final.steps
      .filter((step) => step.kind === 'run' && step.command.includes('apt-get install'))
      .flatMap((step) => (step.kind === 'run' ? step.command.split(/\s+/) : []));
    expect(installs).toContain(posix.basename(final.entrypoint?.[0] ?? ''));
    expect(installs).toContain(posix.basename(final.env.FPT_CHROMIUM_PATH ?? ''));
    expect(installs).toEqual(expect.arrayContaining(['fonts-liberation', 'fonts-noto-color-emoji']));
  });

  it('gives Chromium the flags small containers need', () => {
    const flags = (final.env.FPT_CHROMIUM_ARGS ?? '').split(' ');
    expect(flags).toEqual(
      expect.arrayContaining(['--disable-gpu', '--disable-dev-shm-usage', '--no-sandbox']),
    );
  });

  it("labels the image with Kamal's service name", () => {
    expect(final.labels.service).toBe(base.service);
  });
});
