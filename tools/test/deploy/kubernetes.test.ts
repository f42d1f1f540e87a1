import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentStopBudgetMs, runStopGraceMs } from '@fpt/agent';
import { type DemoTarget, startDemoTarget } from '@fpt/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentProcess, startAgentProcess } from '../../test-support/agent-process.js';
import { readAgentContract } from '../../test-support/deploy/agent-contract.js';
import { dockerfilePath } from '../../test-support/deploy/agent-image.js';
import { parseDockerfile } from '../../test-support/deploy/dockerfile-model.js';
import { destinationRegions } from '../../test-support/deploy/fleet-regions.js';
import { loadDestinations } from '../../test-support/deploy/kamal-fleet.js';
import {
  agentDeploymentProblems,
  agentEnvironmentProblems,
  agentParts,
  agentProbes,
  type BenchMemory,
  gracePeriodProblems,
  type ImageStart,
  imageProblems,
  indexedJobProblems,
  mergeCommandProblems,
  presetProblems,
  probeProblems,
  referenceProblems,
  resourceProblems,
  scaleOutParts,
  serviceLinkProblems,
  serviceProblems,
  sharePathProblems,
  shareCommandProblems,
  shareCount,
  sizingProblems,
  variableProblems,
  waitedShareName,
  waitProblems,
  workerProblems,
} from '../../test-support/deploy/kubernetes-checks.js';
import {
  getPath,
  type KubernetesObject,
  KustomizeError,
  renderKustomization,
} from '../../test-support/deploy/kubernetes-kustomize.js';
import {
  cliHelp,
  containerEnvironment,
  expandVariables,
  helpOptions,
  objectNamed,
} from '../../test-support/deploy/kubernetes-pods.js';
import { schemaProblems } from '../../test-support/deploy/kubernetes-schema.js';
import { listRepoTree, readRepoFile, repoRoot } from '../../test-support/deploy/repo-files.js';

// deploy/kubernetes/ is rendered here as kustomize would (no kubectl on the development machines), every object
// is validated against Kubernetes' own schemas (kubernetes-models, unknown fields refused as the API server
// does), and the manifests are checked against what they run: the image's entrypoint, `fpt run --help` and
// `fpt merge --help` of the built CLI, the agent's routes, stop budget and variables, the benchmark figures.
// Each check returns its problems, and each is shown failing on a mutated copy.

const bases = { agent: 'deploy/kubernetes/base/agent', scaleOut: 'deploy/kubernetes/base/scale-out' };
const overlays = {
  agent: 'deploy/kubernetes/overlays/example/agent',
  scaleOut: 'deploy/kubernetes/overlays/example/scale-out',
};
const kustomizations = [...Object.values(bases), ...Object.values(overlays)];
const rendered = new Map(kustomizations.map((dir) => [dir, renderKustomization(dir)]));
const render = (dir: string) => structuredClone(rendered.get(dir)!);
const scaleOuts = [bases.scaleOut, overlays.scaleOut];
const agents = [bases.agent, overlays.agent];

const dockerfile = parseDockerfile(readRepoFile(dockerfilePath)).final;
const image: ImageStart = {
  entrypoint: dockerfile.entrypoint ?? [],
  cmd: dockerfile.cmd ?? [],
  workdir: dockerfile.workdir,
};
const contract = readAgentContract();
const seedPresets = listRepoTree('presets')
  .map((file) => /^presets\/([^/]+)\.ya?ml$/.exec(file)?.[1])
  .filter((name): name is string => name !== undefined);

/** The newest bench/results file that measured memory per VU. */
function benchMemory(): BenchMemory {
  const files = readdirSync(join(repoRoot, 'bench/results'))
    .filter((f) => /^\d{4}-\d\d-\d\d.*\.json$/.test(f))
    .sort()
    .reverse();
  for (const file of files) {
    const data = JSON.parse(readRepoFile(`bench/results/${file}`)) as {
      memoryPerVu?: Record<string, number>;
    };
    if (data.memoryPerVu)
      return {
        file: `bench/results/${file}`,
        baselinePeakRssMb: data.memoryPerVu.baselinePeakRssMb!,
        peakPerVuKiB: data.memoryPerVu.peakPerVuKiB!,
        tenThousandPeakRssMb: data.memoryPerVu.tenThousandPeakRssMb!,
      };
  }
  throw new Error('no bench/results file with memoryPerVu');
}

/** Mutates a copy of a rendering; the change must make the check report a problem. */
function mutated(dir: string, change: (objects: KubernetesObject[]) => void): KubernetesObject[] {
  const objects = render(dir);
  change(objects);
  return objects;
}
const sharesJob = (objects: KubernetesObject[]) => objectNamed(objects, 'Job', 'fpt-shares');
const share = (objects: KubernetesObject[]) => scaleOutParts(objects).share;
const merger = (objects: KubernetesObject[]) => scaleOutParts(objects).merger;
const agent = (objects: KubernetesObject[]) => agentParts(objects).agent;
const setArg = (args: unknown, option: string, value: string) => {
  const list = args as string[];
  list[list.indexOf(option) + 1] = value;
};

describe('deploy/kubernetes renders and validates offline', () => {
  it.each(kustomizations)('%s: every object is valid against Kubernetes schemas', (dir) => {
    const objects = render(dir);
    expect(objects.length).toBeGreaterThan(2);
    expect(objects.flatMap(schemaProblems)).toEqual([]);
  });

  it('renders what each kustomization is for', () => {
    const kinds = (dir: string) =>
      render(dir).map((o) => `${o.kind} ${o.metadata.name.replace(/-[0-9a-f]{10}$/, '')}`);
    for (const dir of agents)
      expect(kinds(dir).sort()).toEqual([
        'ConfigMap fpt-agent',
        'Deployment fpt-agent',
        'PersistentVolumeClaim fpt-agent-data',
        'Service fpt-agent',
      ]);
    for (const dir of scaleOuts)
      expect(kinds(dir).sort()).toEqual([
        'ConfigMap fpt-run',
        'ConfigMap fpt-wait-for-shares',
        'Job fpt-merge',
        'Job fpt-shares',
        'PersistentVolumeClaim fpt-shares',
      ]);
  });

  it('catches a wrong type, a wrong enum and an unknown field', () => {
    const objects = mutated(bases.scaleOut, (o) => {
      const spec = sharesJob(o).spec as Record<string, unknown>;
      spec.completions = '4';
      spec.completionMode = 'indexed';
    });
    expect(objects.flatMap(schemaProblems)).toEqual([
      'Job fpt-shares: data/spec/completionMode must be equal to one of the allowed values',
      'Job fpt-shares: data/spec/completions must be integer',
    ]);
    const typo = mutated(bases.agent, (o) => {
      const spec = getPath(objectNamed(o, 'Deployment', 'fpt-agent'), 'spec.template.spec') as Record<
        string,
        unknown
      >;
      spec.terminationGracePeriod = 45;
      agent(o).comand = ['node'];
    });
    expect(typo.flatMap(schemaProblems)).toEqual([
      'Deployment fpt-agent: spec.template.spec.containers[0].comand: unknown field (the API server refuses it)',
      'Deployment fpt-agent: spec.template.spec.terminationGracePeriod: unknown field (the API server refuses it)',
    ]);
  });

  it.each(kustomizations)('%s: every ConfigMap, key, claim and volume a pod names is there', (dir) => {
    expect(referenceProblems(render(dir))).toEqual([]);
    expect(variableProblems(render(dir))).toEqual([]);
  });

  it('catches a missing key, a missing claim and an undefined $(VAR)', () => {
    const objects = mutated(bases.scaleOut, (o) => {
      const env = share(o).env as { name: string; valueFrom?: { configMapKeyRef?: { key: string } } }[];
      env.find((v) => v.name === 'START_AT')!.valueFrom!.configMapKeyRef!.key = 'START';
      (
        getPath(sharesJob(o), 'spec.template.spec.volumes.0.persistentVolumeClaim') as { claimName: string }
      ).claimName = 'shares';
      setArg(share(o).args, '--run-id', '$(RUN)');
    });
    expect(referenceProblems(objects)).toEqual([
      'fpt-shares: claim shares is not in the rendering',
      expect.stringMatching(
        /^fpt-shares share: START_AT from ConfigMap fpt-run-[0-9a-f]{10} key START: not in the rendering$/,
      ),
    ]);
    expect(variableProblems(objects)).toEqual([
      'fpt-shares share: $(RUN) is no variable of the container: it stays as text',
    ]);
  });

  it('refuses a kustomization key the renderer does not know, rather than rendering it wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fpt-kustomize-'));
    try {
      writeFileSync(
        join(dir, 'kustomization.yaml'),
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefix: x-\nresources: []\n',
      );
      expect(() => renderKustomization(dir)).toThrow(KustomizeError);
      expect(() => renderKustomization(dir)).toThrow(/namePrefix not supported/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the scale-out run: an Indexed Job of shares and a merge Job', () => {
  it.each(scaleOuts)('%s: n shares, one per index, all at once', (dir) => {
    expect(indexedJobProblems(render(dir))).toEqual([]);
  });

  it("the overlay's SHARES sets n everywhere", () => {
    const objects = render(overlays.scaleOut);
    const n = Number((objectNamed(objects, 'ConfigMap', 'fpt-run').data as Record<string, string>).SHARES);
    expect(n).toBe(8);
    expect(shareCount(objects)).toBe(n);
    expect(getPath(sharesJob(objects), 'spec.completions')).toBe(n);
    expect(shareCount(render(bases.scaleOut))).toBe(4);
  });

  it('catches a wrong index variable, a count that differs from completions or parallelism, and retries', () => {
    expect(
      indexedJobProblems(
        mutated(overlays.scaleOut, (o) => {
          setArg(share(o).args, '--segment', '$(JOB_INDEX)/$(SHARES)');
          (sharesJob(o).spec as Record<string, unknown>).parallelism = 4;
          (sharesJob(o).spec as Record<string, unknown>).backoffLimit = 6;
        }),
      ),
    ).toEqual([
      "fpt-shares: --segment $(JOB_INDEX)/$(SHARES): the share index must be $(JOB_COMPLETION_INDEX), the pod's index",
      'fpt-shares: parallelism is 4 but --segment splits the load in 8: shares would not all start together',
      'fpt-shares: backoffLimit is 6: a retried share starts late and overwrites its file',
    ]);
    expect(
      indexedJobProblems(
        mutated(bases.scaleOut, (o) => {
          delete (sharesJob(o).spec as Record<string, unknown>).completionMode;
          (share(o).env as unknown[]).push({ name: 'JOB_COMPLETION_INDEX', value: '0' });
        }),
      ),
    ).toEqual([
      'fpt-shares: completionMode is undefined: only an Indexed Job gives each pod its JOB_COMPLETION_INDEX',
      'fpt-shares: JOB_COMPLETION_INDEX is set in the manifest: it must be the one the Job controller gives each pod',
    ]);
  });

  it.each(scaleOuts)('%s: the run preset is where the share pods look', (dir) => {
    expect(presetProblems(render(dir), seedPresets, image.workdir)).toEqual([]);
  });

  it('catches a preset the pods cannot find', () => {
    const setPreset = (o: KubernetesObject[], preset: string) => {
      (objectNamed(o, 'ConfigMap', 'fpt-run').data as Record<string, string>).PRESET = preset;
    };
    expect(
      presetProblems(
        mutated(bases.scaleOut, (o) => setPreset(o, 'checkout')),
        seedPresets,
        image.workdir,
      ),
    ).toEqual(['share: checkout is not a seed preset (presets/checkout.yaml)']);
    expect(
      presetProblems(
        mutated(bases.scaleOut, (o) => setPreset(o, '/presets/checkout.yaml')),
        seedPresets,
        image.workdir,
      ),
    ).toEqual(['share: /presets/checkout.yaml is in no ConfigMap of the rendering']);
  });
});

describe("the commands agree with the image and the built CLI's options", () => {
  const runHelp = cliHelp('run');
  const mergeHelp = cliHelp('merge');

  it('reads the options of fpt run --help and of fpt merge --help (merge must be a command of the built CLI)', () => {
    expect(runHelp.known, runHelp.text).toBe(true);
    expect(runHelp.options).toEqual(expect.any(Set));
    expect([...runHelp.options]).toEqual(
      expect.arrayContaining(['--segment', '--metrics-export', '--workers']),
    );
    // An unknown command gets the top-level help with exit 0: that must not pass for `fpt merge`'s.
    expect(cliHelp('no-such-command').known).toBe(false);
    expect(
      mergeHelp.known,
      '`fpt merge` is not a command of the built CLI (packages/cli/dist): the merge Job runs ' +
        '`fpt merge <shares> --summary-export --report --junit`; land the command and `npm run build`',
    ).toBe(true);
  });

  it.each(scaleOuts)('%s: the shares run `fpt run` from the image with options it has', (dir) => {
    const problems = shareCommandProblems(render(dir), image, runHelp.options);
    expect(
      problems,
      problems.some((p) => p.includes('--start-at'))
        ? '`fpt run --help` of the built CLI lists no --start-at: land it and `npm run build`'
        : undefined,
    ).toEqual([]);
  });

  it.each(scaleOuts)('%s: the merge runs `fpt merge` from the image with options it has', (dir) => {
    expect(mergeHelp.known, 'no `fpt merge` in the built CLI yet (see above)').toBe(true);
    expect(mergeCommandProblems(render(dir), image, mergeHelp.options)).toEqual([]);
  });

  it('catches an option fpt run does not have, another entrypoint and a lost exit-code mapping', () => {
    const objects = mutated(bases.scaleOut, (o) => {
      (share(o).args as string[]).push('--segments', '1');
      share(o).command = ['/bin/sh', '--'];
      share(o).workingDir = '/';
    });
    expect(
      shareCommandProblems(
        objects,
        image,
        new Set([
          '--segment',
          '--start-at',
          '--metrics-export',
          '--quiet',
          '--run-id',
          '--workers',
          '--artifacts-dir',
        ]),
      ),
    ).toEqual([
      'share: command ["/bin/sh","--"] is not the image\'s entrypoint (/usr/bin/tini --) with its options',
      'share: tini does not turn exit 99 into 0: a share that crosses a threshold alone would fail the Job',
      "share: workingDir /: the CLI's path is relative to /app",
      'share: fpt run has no --segments (fpt run --help)',
    ]);
  });

  it('catches an option fpt merge does not have and a missing output', () => {
    const objects = mutated(bases.scaleOut, (o) => {
      const args = merger(o).args as string[];
      args[2] = args[2]!.replace('--junit /shares/junit.xml', '--junit-xml /shares/junit.xml');
    });
    const options = new Set(['--summary-export', '--report', '--junit', '--baseline', '--run-id']);
    expect(mergeCommandProblems(objects, image, options)).toEqual([
      'merge: fpt merge has no --junit-xml (fpt merge --help)',
      'merge: fpt merge is called without --junit',
    ]);
  });

  it('reads the options of a commander help text', () => {
    const text = [
      'Usage: fpt merge [options] <shares...>',
      '',
      'Options:',
      '  --summary-export <file>  write the summary',
      '  -q, --quiet              no progress',
      '                           --not-an-option in a description',
      '  -h, --help               display help for command',
      '',
      'Examples:',
      '  --example',
    ].join('\n');
    expect([...helpOptions(text)]).toEqual(['--summary-export', '--quiet', '--help']);
  });
});

describe('the shares and the merge meet on one volume', () => {
  it.each(scaleOuts)(
    '%s: the files the shares write are the files the merge reads, in the same run folder',
    (dir) => {
      expect(sharePathProblems(render(dir))).toEqual([]);
    },
  );

  it('catches a share path the merge does not read, another mount and a ReadWriteOnce volume', () => {
    const renamed = mutated(bases.scaleOut, (o) =>
      setArg(share(o).args, '--metrics-export', '/shares/share-$(JOB_COMPLETION_INDEX).json'),
    );
    expect(sharePathProblems(renamed)).toEqual([
      'merge: /shares/part-*.json does not take in /shares/share-0.json',
      'merge: /shares/part-*.json does not take in /shares/share-1.json',
      'merge: /shares/part-*.json does not take in /shares/share-2.json',
      'merge: /shares/part-*.json does not take in /shares/share-3.json',
      "share 0: writes /shares/share-0.json, the merge's wait looks for part-0.json",
      "share 1: writes /shares/share-1.json, the merge's wait looks for part-1.json",
      "share 2: writes /shares/share-2.json, the merge's wait looks for part-2.json",
      "share 3: writes /shares/share-3.json, the merge's wait looks for part-3.json",
    ]);
    const elsewhere = mutated(bases.scaleOut, (o) => {
      const mount = (merger(o).volumeMounts as { subPathExpr?: string }[])[0]!;
      mount.subPathExpr = 'runs';
      const claim = objectNamed(o, 'PersistentVolumeClaim', 'fpt-shares');
      (claim.spec as { accessModes: string[] }).accessModes = ['ReadWriteOnce'];
      const args = merger(o).args as string[];
      args[2] = args[2]!.replace(
        '--summary-export /shares/summary.json',
        '--summary-export /shares/part-all.json',
      );
    });
    expect(sharePathProblems(elsewhere)).toEqual([
      'merge: its output /shares/part-all.json matches /shares/part-*.json: a second merge would read it as a share',
      "merge: reads the volume's runs, the shares write to runs/example-1",
      'PersistentVolumeClaim fpt-shares: not ReadWriteMany: n pods on n nodes cannot mount it at once',
    ]);
  });

  it.each(scaleOuts)('%s: the merge waits for this run, as long as the shares may run', (dir) => {
    expect(waitProblems(render(dir))).toEqual([]);
  });

  it('catches a wait shorter than the shares may run', () => {
    const objects = mutated(bases.scaleOut, (o) => {
      const env = scaleOutParts(o).wait.env as { name: string; value?: string }[];
      env.find((v) => v.name === 'SHARES_WAIT_SECONDS')!.value = '600';
    });
    expect(waitProblems(objects)).toEqual([
      'wait-for-shares: gives up after 600 s, the shares may run 7200 s (activeDeadlineSeconds): the merge would fail a run still going',
    ]);
  });
});

describe("the merge's wait for the shares (wait-for-shares.mjs, run for real)", () => {
  const script = join(repoRoot, 'deploy/kubernetes/base/scale-out/wait-for-shares.mjs');
  // The run started an hour ago; shares written since count, older files are an earlier run's.
  const startAt = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
  const after = startAt + 60_000;
  const before = startAt - 3_600_000;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fpt-shares-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A folder with these shares, each written at the given time. */
  function folder(name: string, shares: Record<string, number>): string {
    const path = join(dir, name);
    mkdirSync(path);
    for (const [file, at] of Object.entries(shares)) writeShare(path, file, at);
    return path;
  }
  function writeShare(path: string, file: string, at: number): void {
    writeFileSync(join(path, file), '{}');
    utimesSync(join(path, file), at / 1000, at / 1000);
  }

  async function wait(sharesDir: string, env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [script], {
      env: {
        PATH: process.env.PATH,
        SHARES: '3',
        RUN_ID: 'r1',
        START_AT: new Date(startAt).toISOString(),
        SHARES_DIR: sharesDir,
        SHARES_WAIT_SECONDS: '0.3',
        SHARES_POLL_SECONDS: '0.05',
        ...env,
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill(), 20_000);
    const [status] = (await once(child, 'close')) as [number | null];
    clearTimeout(timer);
    return { status, stderr };
  }

  it('goes on once the n shares are there, named as the shares Job writes them', async () => {
    const names = [0, 1, 2].map(waitedShareName);
    const result = await wait(folder('complete', Object.fromEntries(names.map((n) => [n, after]))));
    expect(result.stderr).toContain('run r1: all 3 shares are here: part-0.json, part-1.json, part-2.json');
    expect(result.status).toBe(0);
  });

  it('gives up after its wait, naming the missing shares and those of an earlier run', async () => {
    const result = await wait(folder('partial', { 'part-0.json': after, 'part-2.json': before }));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `run r1: gave up 0 s after ${new Date(startAt).toISOString()} with 1 of 3 shares. Missing: part-1.json. ` +
        "Older than START_AT (an earlier run's, not merged): part-2.json.",
    );
    expect(result.stderr).toContain('kubectl get pods -l app.kubernetes.io/component=share');
  });

  it("refuses a share beyond n at once: the merge's glob would take it in", async () => {
    const result = await wait(folder('stray', { 'part-0.json': after, 'part-7.json': after }), {
      SHARES_WAIT_SECONDS: '60',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('part-7.json in');
    expect(result.stderr).toContain("is not one of this run's 3 shares");
  });

  it('refuses settings it cannot use', async () => {
    const count = await wait(dir, { SHARES: 'four' });
    expect([count.status, count.stderr]).toEqual([
      1,
      expect.stringContaining('SHARES is "four": give the number of shares'),
    ]);
    const start = await wait(dir, { START_AT: '10:00' });
    expect([start.status, start.stderr]).toEqual([1, expect.stringContaining('START_AT is "10:00"')]);
  });

  it('waits for a share that comes late', async () => {
    const path = folder('late', { 'part-0.json': after, 'part-1.json': after });
    const late = setTimeout(() => writeShare(path, 'part-2.json', Date.now()), 500);
    const result = await wait(path, { SHARES_WAIT_SECONDS: '15' });
    clearTimeout(late);
    expect(result.stderr).toContain('run r1: 2 of 3 shares; waiting for part-2.json');
    expect(result.status).toBe(0);
  });
});

describe('the regional agent: a Deployment, its volume and its Service', () => {
  const routes = { liveness: contract.livenessPath, readiness: contract.readinessPath };
  const imagePort = Number(dockerfile.env.FPT_PORT);

  it.each(agents)('%s: one replica, replaced by Recreate', (dir) => {
    expect(agentDeploymentProblems(render(dir))).toEqual([]);
  });

  it('catches more replicas and a rolling update', () => {
    const objects = mutated(bases.agent, (o) => {
      const spec = objectNamed(o, 'Deployment', 'fpt-agent').spec as Record<string, unknown>;
      spec.replicas = 2;
      spec.strategy = { type: 'RollingUpdate' };
    });
    expect(agentDeploymentProblems(objects)).toEqual([
      'fpt-agent: 2 replicas: one agent holds one SQLite history',
      'fpt-agent: not the Recreate strategy: a new pod would open the history while the old one holds it',
    ]);
  });

  it.each(agents)("%s: probes ask the agent's documented routes on its port", (dir) => {
    expect(routes).toEqual({ liveness: '/healthz', readiness: '/readyz' });
    expect(probeProblems(render(dir), routes, imagePort)).toEqual([]);
  });

  it('catches a probe on another route or port', () => {
    const objects = mutated(bases.agent, (o) => {
      (agent(o).readinessProbe as { httpGet: { path: string } }).httpGet.path = '/ready';
      (agent(o).livenessProbe as { httpGet: { port: unknown } }).httpGet.port = 8080;
    });
    expect(probeProblems(objects, routes, imagePort)).toEqual([
      "agent: readinessProbe asks /ready, the agent's route is /readyz",
      'agent: livenessProbe asks port 8080, the agent listens on 8790',
    ]);
  });

  describe("a real agent with the Deployment's settings answers every probe", () => {
    let running: AgentProcess;
    beforeAll(async () => {
      const objects = render(overlays.agent);
      const { deployment, agent: container } = agentParts(objects);
      const env: Record<string, string> = {};
      for (const [name, variable] of containerEnvironment(objects, deployment, container))
        if (variable.value !== undefined && !['FPT_PORT', 'FPT_DATA_DIR', 'FPT_PRESETS_DIR'].includes(name))
          env[name] = variable.value;
      running = await startAgentProcess({ env });
    });
    afterAll(() => running?.stop());

    it('liveness, readiness and start-up probes get 200', async () => {
      const probes = agentProbes(render(overlays.agent));
      expect(probes.map((p) => p.kind)).toEqual(['startupProbe', 'livenessProbe', 'readinessProbe']);
      for (const probe of probes) {
        // Kubernetes sends no token: the routes must answer without one.
        const response = await fetch(`${running.url}${probe.path}`);
        expect(response.status, `${probe.kind} ${probe.path}`).toBe(200);
      }
    });

    it('a probe on a route the agent does not serve would fail', async () => {
      expect((await fetch(`${running.url}/ready`)).status).toBe(404);
    });
  });

  it.each(agents)(
    '%s: the agent gets its stop budget between SIGTERM and SIGKILL, a share its stop grace',
    (dir) => {
      expect(gracePeriodProblems(render(dir), { agentStopBudgetMs, runStopGraceMs })).toEqual([]);
      expect(gracePeriodProblems(render(bases.scaleOut), { agentStopBudgetMs, runStopGraceMs })).toEqual([]);
    },
  );

  it("catches a grace period shorter than the agent's stop budget", () => {
    const objects = mutated(bases.agent, (o) => {
      const spec = getPath(objectNamed(o, 'Deployment', 'fpt-agent'), 'spec.template.spec') as Record<
        string,
        unknown
      >;
      spec.terminationGracePeriodSeconds = Math.floor(agentStopBudgetMs / 1000) - 1;
    });
    expect(gracePeriodProblems(objects, { agentStopBudgetMs, runStopGraceMs })).toEqual([
      `fpt-agent: terminationGracePeriodSeconds ${Math.floor(agentStopBudgetMs / 1000) - 1} < ${agentStopBudgetMs / 1000} s (agentStopBudgetMs): the agent is killed before its run's evidence is written`,
    ]);
    const hasty = mutated(bases.scaleOut, (o) => {
      (getPath(sharesJob(o), 'spec.template.spec') as Record<string, unknown>).terminationGracePeriodSeconds =
        10;
    });
    expect(gracePeriodProblems(hasty, { agentStopBudgetMs, runStopGraceMs })).toEqual([
      `fpt-shares: terminationGracePeriodSeconds 10 < ${runStopGraceMs / 1000} s (runStopGraceMs)`,
    ]);
  });

  it.each(agents)(
    "%s: the agent's variables are documented, its tokens a Secret's, its data on its volume",
    (dir) => {
      expect(agentEnvironmentProblems(render(dir), new Set(contract.settings.keys()))).toEqual([]);
    },
  );

  it('catches an undocumented variable, tokens in clear and data off the volume', () => {
    const objects = mutated(bases.agent, (o) => {
      const env = agent(o).env as { name: string; value?: string; valueFrom?: unknown }[];
      env.push({ name: 'FPT_TOKEN', value: 'x' });
      const tokens = env.find((v) => v.name === 'FPT_TOKENS')!;
      delete tokens.valueFrom;
      tokens.value = 'secret';
      env.find((v) => v.name === 'FPT_DATA_DIR')!.value = '/var/fpt';
    });
    expect(agentEnvironmentProblems(objects, new Set(contract.settings.keys()))).toEqual([
      "agent: FPT_TOKEN is not in docs/agent.md's configuration table",
      'agent: FPT_TOKENS does not come from a Secret (without tokens the agent refuses to listen beyond loopback)',
      'agent: FPT_TOKENS is not from a Secret',
      'agent: FPT_TOKEN is not from a Secret',
      'agent: FPT_DATA_DIR /var/fpt is on no PersistentVolumeClaim: the history dies with the pod',
    ]);
  });

  it.each(agents)('%s: the Service reaches the agent', (dir) => {
    expect(serviceProblems(render(dir))).toEqual([]);
  });

  it('catches a Service that selects nothing or targets no port', () => {
    const objects = mutated(bases.agent, (o) => {
      const service = objectNamed(o, 'Service', 'fpt-agent').spec as {
        selector: Record<string, string>;
        ports: { targetPort: unknown }[];
      };
      service.selector['app.kubernetes.io/component'] = 'agents';
      service.ports[0]!.targetPort = 'web';
    });
    expect(serviceProblems(objects)).toEqual([
      'Service fpt-agent: its selector {"app.kubernetes.io/name":"fpt","app.kubernetes.io/component":"agents"} does not select the agent\'s pods',
      'Service fpt-agent: targetPort web is no port of the agent',
    ]);
  });

  it.each(kustomizations)("%s: no service links: no variable appears from a Service's name", (dir) => {
    expect(serviceLinkProblems(render(dir))).toEqual([]);
  });

  it('catches service links left on', () => {
    const objects = mutated(bases.agent, (o) => {
      delete (
        getPath(objectNamed(o, 'Deployment', 'fpt-agent'), 'spec.template.spec') as Record<string, unknown>
      ).enableServiceLinks;
    });
    expect(serviceLinkProblems(objects)).toEqual([
      'fpt-agent: service links on: a Service named like FPT_* (fpt: FPT_PORT=tcp://...) would set FPT_ variables',
    ]);
  });
});

describe('resources, sized from bench/results', () => {
  const bench = benchMemory();
  const agentMaxVus = Number(/`(\d+)`/.exec(contract.settings.get('FPT_MAX_VUS')?.defaultValue ?? '')?.[1]);

  it.each(kustomizations)(
    '%s: every container requests and limits CPU and memory, limits at least the requests',
    (dir) => {
      expect(resourceProblems(render(dir))).toEqual([]);
    },
  );

  it('catches a limit below its request and a missing request', () => {
    const objects = mutated(bases.scaleOut, (o) => {
      (share(o).resources as { limits: Record<string, string> }).limits.memory = '512Mi';
      delete (merger(o).resources as { requests: Record<string, string> }).requests.cpu;
    });
    expect(resourceProblems(objects)).toEqual([
      'fpt-shares share memory: limit 512Mi < request',
      'fpt-merge merge cpu: no request',
    ]);
  });

  it.each(kustomizations)('%s: worker threads follow the CPU limit', (dir) => {
    expect(workerProblems(render(dir))).toEqual([]);
  });

  it('catches a fixed worker count', () => {
    const shares = mutated(bases.scaleOut, (o) => setArg(share(o).args, '--workers', '8'));
    expect(workerProblems(shares)).toEqual([
      "share --workers: the worker count (none) is not this container's limits.cpu",
    ]);
    const agentWorkers = mutated(bases.agent, (o) => {
      const env = agent(o).env as { name: string; value?: string; valueFrom?: unknown }[];
      const workers = env.find((v) => v.name === 'FPT_RUN_WORKERS')!;
      workers.valueFrom = { resourceFieldRef: { containerName: 'agent', resource: 'requests.memory' } };
    });
    expect(workerProblems(agentWorkers)).toEqual([
      "agent FPT_RUN_WORKERS: the worker count $(FPT_RUN_WORKERS) is not this container's limits.cpu",
    ]);
  });

  it.each(kustomizations)(`%s: memory for a share of 10,000 VUs and an agent run of FPT_MAX_VUS`, (dir) => {
    expect(agentMaxVus).toBe(1000);
    expect(bench.tenThousandPeakRssMb).toBeGreaterThan(100);
    expect(sizingProblems(render(dir), bench, agentMaxVus)).toEqual([]);
  });

  it('catches a share too small for 10,000 VUs', () => {
    const objects = mutated(bases.scaleOut, (o) => {
      (share(o).resources as { requests: Record<string, string> }).requests.memory = '256Mi';
    });
    expect(sizingProblems(objects, bench, agentMaxVus)).toEqual([
      expect.stringMatching(
        /^share: 256 MiB requested, 10,000 VUs peaked at \d+ MB \(bench\/results\/.+\.json\)$/,
      ),
    ]);
  });
});

describe('the example overlays', () => {
  it.each(Object.values(overlays))(
    '%s: one image, pinned; the bases use the name the overlays set',
    (dir) => {
      expect(imageProblems(render(dir), true)).toEqual([]);
      expect(imageProblems(render(bases.agent), false)).toEqual([]);
      for (const object of render(dir)) expect(object.metadata.namespace, object.metadata.name).toBe('fpt');
    },
  );

  it('catches an unpinned image', () => {
    const objects = mutated(overlays.agent, (o) => {
      agent(o).image = 'registry.example.com/fpt-agent:latest';
    });
    expect(imageProblems(objects, true)).toEqual([
      'registry.example.com/fpt-agent:latest: not pinned to a tag or digest',
    ]);
  });

  it("names a region of the fleet (a destination's FPT_REGION)", () => {
    const objects = render(overlays.agent);
    const region = (objectNamed(objects, 'ConfigMap', 'fpt-agent').data as Record<string, string>).FPT_REGION;
    expect([...destinationRegions(loadDestinations()).keys()]).toContain(region);
  });

  it('has a run.env of the keys the base documents, and a run id the volume takes as a folder', () => {
    const base = objectNamed(render(bases.scaleOut), 'ConfigMap', 'fpt-run').data as Record<string, string>;
    const overlay = objectNamed(render(overlays.scaleOut), 'ConfigMap', 'fpt-run').data as Record<
      string,
      string
    >;
    expect(Object.keys(overlay).sort()).toEqual(Object.keys(base).sort());
    for (const data of [base, overlay]) expect(data.RUN_ID).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('docs/kubernetes.md', () => {
  const doc = readRepoFile('docs/kubernetes.md');

  it('names only files of deploy/kubernetes that exist, and how to apply each kustomization', () => {
    const paths = [...doc.matchAll(/deploy\/kubernetes\/[\w./-]*[\w-]/g)].map((m) => m[0]);
    expect(paths.length).toBeGreaterThan(3);
    const files = new Set(listRepoTree('deploy/kubernetes'));
    for (const path of paths)
      expect(files.has(path) || [...files].some((file) => file.startsWith(`${path}/`)), path).toBe(true);
    for (const dir of Object.values(overlays)) expect(doc).toContain(`kubectl apply -k ${dir}`);
  });

  it('says how to create the Secret the agent reads', () => {
    expect(doc).toContain('kubectl -n fpt create secret generic fpt-agent-tokens');
  });
});

describe("the pods' commands, run on this machine as the pods would run them", () => {
  // Each share's args and environment as the kubelet gives them (values from the rendered ConfigMaps,
  // JOB_COMPLETION_INDEX per pod, $(VAR) expanded), from the repository root as the image's WORKDIR, with the
  // volume's run folder, the presets ConfigMap and the image's presets folder mapped to folders here. Then the
  // merge Job: its wait script, and its shell command. Against the demo target, with a small preset whose count
  // threshold holds only on the merged data, as a real split run's would.
  let target: DemoTarget;
  let dir: string;
  beforeAll(async () => {
    target = await startDemoTarget();
    dir = mkdtempSync(join(tmpdir(), 'fpt-k8s-run-'));
  });
  afterAll(async () => {
    await target?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a command to its end, as a container would (no TTY, stdout and stderr collected). */
  async function run(command: string, args: string[], env: Record<string, string>) {
    const child = spawn(command, args, {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const [code] = (await once(child, 'close')) as [number | null];
    return { code, output };
  }

  it('n shares write their files, the wait lets the merge go, and the merge makes one passing run', async () => {
    const volume = join(dir, 'volume');
    const presets = join(dir, 'presets');
    mkdirSync(presets);
    writeFileSync(
      join(presets, 'tiny.yaml'),
      [
        'name: tiny',
        'target: { baseUrl: "${TARGET_URL}" }',
        'scenarios:',
        '  api:',
        '    executor: shared-iterations',
        '    vus: 4',
        '    iterations: 200',
        '    requests:',
        '      - { name: fast, path: /fast, checks: [{ status: 200 }] }',
        'thresholds:',
        '  http_reqs: ["count>=200"]',
        '  checks: ["rate==1"]',
        '',
      ].join('\n'),
    );
    const objects = render(bases.scaleOut);
    const runData = objectNamed(objects, 'ConfigMap', 'fpt-run').data as Record<string, string>;
    Object.assign(runData, {
      PRESET: '/presets/tiny.yaml',
      RUN_ID: 'local-1',
      START_AT: new Date(Date.now() + 3000).toISOString(),
      TARGET_URL: target.url,
    });
    const { shares, merge, share, wait, merger } = scaleOutParts(objects);
    const n = shareCount(objects);
    const runFolder = join(volume, 'runs', runData.RUN_ID!);
    mkdirSync(runFolder, { recursive: true });
    const local = (text: string) =>
      text
        .replaceAll('/shares', runFolder)
        .replaceAll('/presets', presets)
        .replace(/^\/app\//, `${repoRoot}/`)
        .replace(/^\/app$/, repoRoot.replace(/\/$/, ''));
    /** The container's variables as the kubelet sets them (the pod's paths), and as the local process gets them. */
    const environment = (workload: KubernetesObject, container: typeof share, index?: number) => {
      const pod: Record<string, string> = {};
      for (const [name, variable] of containerEnvironment(objects, workload, container))
        if (variable.value !== undefined) pod[name] = variable.value;
      if (index !== undefined) pod.JOB_COMPLETION_INDEX = String(index);
      const here = Object.fromEntries(Object.entries(pod).map(([name, value]) => [name, local(value)]));
      return { pod, here };
    };
    const argsOf = (container: typeof share, pod: Record<string, string>) =>
      (container.args as string[]).map((arg) => local(expandVariables(arg, (name) => pod[name])));

    const results = await Promise.all(
      Array.from({ length: n }, (_, index) => {
        const { pod, here } = environment(shares, share, index);
        const [node, ...args] = argsOf(share, pod);
        expect(node).toBe('node');
        return run(process.execPath, args, here);
      }),
    );
    for (const result of results) {
      // A share alone crosses the count threshold (99): the Job's tini -e 99 turns that into a success.
      expect(result.code, result.output).toBe(99);
      expect(result.output).toMatch(/waiting until .* to start with the other shares/);
    }
    expect(
      readdirSync(runFolder)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(Array.from({ length: n }, (_, i) => waitedShareName(i)).sort());

    const waitEnv = environment(merge, wait);
    const [waitNode, waitScript] = argsOf(wait, waitEnv.pod);
    expect([waitNode, waitScript]).toEqual(['node', '/fpt-scripts/wait-for-shares.mjs']);
    const waited = await run(
      process.execPath,
      [join(repoRoot, 'deploy/kubernetes/base/scale-out/wait-for-shares.mjs')],
      waitEnv.here,
    );
    expect(waited.code, waited.output).toBe(0);

    const mergeEnv = environment(merge, merger);
    const [shell, flag, script] = argsOf(merger, mergeEnv.pod);
    const merged = await run(shell!, [flag!, script!], mergeEnv.here);
    expect(merged.code, merged.output).toBe(0);
    const summary = JSON.parse(readFileSync(join(runFolder, 'summary.json'), 'utf8')) as {
      metrics: Record<string, { values: Record<string, number> }>;
      fpt: { exitCode: number };
    };
    expect(summary.metrics.http_reqs?.values.count).toBe(200);
    expect(summary.fpt.exitCode).toBe(0);
    expect(readFileSync(join(runFolder, 'summary.json'), 'utf8')).toContain('local-1');
    expect(readdirSync(runFolder)).toEqual(expect.arrayContaining(['report.html', 'junit.xml']));
  }, 90_000);
});
