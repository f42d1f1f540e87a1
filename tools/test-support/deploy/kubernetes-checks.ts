import { isRecord } from './key-schema.js';
import { getPath, type KubernetesObject, podSpecOf, splitImage } from './kubernetes-kustomize.js';
import {
  type Container,
  containerEnvironment,
  containerNamed,
  everyContainer,
  expandVariables,
  globPattern,
  objectNamed,
  optionsIn,
  optionValue,
  quantity,
  stringList,
  variableReferences,
  workloads,
} from './kubernetes-pods.js';

/**
 * The checks of deploy/kubernetes/ on a rendering: each returns its problems as sentences, none when the
 * manifests are right, so that a test can show each of them failing on a mutated copy.
 */

/** What the image built from deploy/Dockerfile starts with: its ENTRYPOINT, CMD and WORKDIR. */
export interface ImageStart {
  entrypoint: string[];
  cmd: string[];
  workdir: string;
}

/** The file name the merge Job's wait script looks for, share by share (deploy/kubernetes/.../wait-for-shares.mjs). */
export const waitedShareName = (index: number) => `part-${index}.json`;

export interface ScaleOut {
  shares: KubernetesObject;
  merge: KubernetesObject;
  share: Container;
  wait: Container;
  merger: Container;
}

export function scaleOutParts(objects: readonly KubernetesObject[]): ScaleOut {
  const shares = objectNamed(objects, 'Job', 'fpt-shares');
  const merge = objectNamed(objects, 'Job', 'fpt-merge');
  return {
    shares,
    merge,
    share: containerNamed(shares, 'share'),
    wait: containerNamed(merge, 'wait-for-shares'),
    merger: containerNamed(merge, 'merge'),
  };
}

const variablesOf = (
  objects: readonly KubernetesObject[],
  workload: KubernetesObject,
  container: Container,
) => {
  const env = containerEnvironment(objects, workload, container);
  return (name: string) => env.get(name)?.value;
};

/** n as the shares Job's pods see it: the n of `--segment $(JOB_COMPLETION_INDEX)/n`, expanded. */
export function shareCount(objects: readonly KubernetesObject[]): number {
  const { shares, share } = scaleOutParts(objects);
  const segment = optionValue(stringList(share.args), '--segment') ?? '';
  return Number(expandVariables(segment.split('/')[1] ?? '', variablesOf(objects, shares, share)));
}

/** The merge command's words: the shell script of `sh -c` split on blanks. */
export function mergeWords(merger: Container): string[] {
  const args = stringList(merger.args);
  if (args[0] !== 'sh' || args[1] !== '-c' || args.length !== 3) return args;
  return args[2]!.trim().split(/\s+/);
}

export function indexedJobProblems(objects: readonly KubernetesObject[]): string[] {
  const { shares, share } = scaleOutParts(objects);
  const problems: string[] = [];
  const spec = isRecord(shares.spec) ? shares.spec : {};
  if (spec.completionMode !== 'Indexed')
    problems.push(
      `fpt-shares: completionMode is ${String(spec.completionMode)}: only an Indexed Job gives each pod its JOB_COMPLETION_INDEX`,
    );
  const segment = optionValue(stringList(share.args), '--segment');
  if (segment === undefined)
    return [...problems, 'fpt-shares: fpt run has no --segment: every pod would run the whole load'];
  const [index, count] = segment.split('/');
  if (index !== '$(JOB_COMPLETION_INDEX)')
    problems.push(
      `fpt-shares: --segment ${segment}: the share index must be $(JOB_COMPLETION_INDEX), the pod's index`,
    );
  if (
    containerEnvironment(objects, shares, share).get('JOB_COMPLETION_INDEX')?.source !==
    'the Job controller (Indexed)'
  )
    problems.push(
      'fpt-shares: JOB_COMPLETION_INDEX is set in the manifest: it must be the one the Job controller gives each pod',
    );
  const n = shareCount(objects);
  if (!Number.isInteger(n) || n < 1)
    problems.push(`fpt-shares: --segment ${segment}: ${String(count)} is not a share count`);
  for (const field of ['completions', 'parallelism'])
    if (spec[field] !== n)
      problems.push(
        `fpt-shares: ${field} is ${String(spec[field])} but --segment splits the load in ${n}: ` +
          (field === 'completions'
            ? 'shares would be missing or out of range'
            : 'shares would not all start together'),
      );
  if (spec.backoffLimit !== 0)
    problems.push(
      `fpt-shares: backoffLimit is ${String(spec.backoffLimit)}: a retried share starts late and overwrites its file`,
    );
  const restart = podSpecOf(shares)?.restartPolicy;
  if (restart !== 'Never')
    problems.push(`fpt-shares: restartPolicy ${String(restart)}: a restarted share starts late`);
  return problems;
}

/** The shares run `fpt run` from the agent image, with options `fpt run --help` lists. */
export function shareCommandProblems(
  objects: readonly KubernetesObject[],
  image: ImageStart,
  runOptions: ReadonlySet<string>,
): string[] {
  const { share } = scaleOutParts(objects);
  const problems: string[] = [];
  const command = stringList(share.command);
  const args = stringList(share.args);
  if (command[0] !== image.entrypoint[0] || command.at(-1) !== '--')
    problems.push(
      `share: command ${JSON.stringify(command)} is not the image's entrypoint (${image.entrypoint.join(' ')}) with its options`,
    );
  if (!/(^|,)-e,99(,|$)/.test(command.join(',')))
    problems.push(
      'share: tini does not turn exit 99 into 0: a share that crosses a threshold alone would fail the Job',
    );
  if (args[0] !== image.cmd[0] || args[1] !== image.cmd[1] || args[2] !== 'run')
    problems.push(
      `share: args begin ${args.slice(0, 3).join(' ')}, not ${image.cmd.slice(0, 2).join(' ')} run (the image's CLI)`,
    );
  if (share.workingDir !== undefined && share.workingDir !== image.workdir)
    problems.push(
      `share: workingDir ${String(share.workingDir)}: the CLI's path is relative to ${image.workdir}`,
    );
  for (const option of optionsIn(args))
    if (!runOptions.has(option)) problems.push(`share: fpt run has no ${option} (fpt run --help)`);
  for (const option of ['--segment', '--start-at', '--metrics-export', '--quiet'])
    if (!args.includes(option)) problems.push(`share: fpt run is called without ${option}`);
  return problems;
}

/** The merge runs `fpt merge` from the agent image, with options `fpt merge --help` lists. */
export function mergeCommandProblems(
  objects: readonly KubernetesObject[],
  image: ImageStart,
  mergeOptions: ReadonlySet<string>,
): string[] {
  const { merger } = scaleOutParts(objects);
  const problems: string[] = [];
  const words = mergeWords(merger);
  if (merger.command !== undefined) problems.push("merge: a command replaces the image's tini");
  if (words[0] !== 'exec' || words[1] !== image.cmd[0] || words[2] !== image.cmd[1] || words[3] !== 'merge')
    problems.push(
      `merge: the script begins ${words.slice(0, 4).join(' ')}, not exec ${image.cmd.slice(0, 2).join(' ')} merge`,
    );
  for (const option of optionsIn(words))
    if (!mergeOptions.has(option)) problems.push(`merge: fpt merge has no ${option} (fpt merge --help)`);
  for (const option of ['--summary-export', '--report', '--junit'])
    if (!words.includes(option)) problems.push(`merge: fpt merge is called without ${option}`);
  return problems;
}

/** Every $(VAR) of a command, args or subPathExpr is a variable of its container (or Kubernetes leaves it as text). */
export function variableProblems(objects: readonly KubernetesObject[]): string[] {
  return everyContainer(objects).flatMap(({ workload, container }) => {
    const env = containerEnvironment(objects, workload, container);
    const texts = [
      ...stringList(container.command),
      ...stringList(container.args),
      ...(Array.isArray(container.volumeMounts) ? container.volumeMounts.filter(isRecord) : []).map((m) =>
        String(m.subPathExpr ?? ''),
      ),
    ];
    return texts
      .flatMap(variableReferences)
      .filter((name) => !env.has(name))
      .map(
        (name) =>
          `${workload.metadata.name} ${container.name}: $(${name}) is no variable of the container: it stays as text`,
      );
  });
}

interface Mount {
  claim: string | undefined;
  mountPath: string;
  subPath: string;
}

function mountFor(
  workload: KubernetesObject,
  container: Container,
  path: string,
  value: (name: string) => string | undefined,
): Mount | undefined {
  const mounts = Array.isArray(container.volumeMounts) ? container.volumeMounts.filter(isRecord) : [];
  const mount = mounts
    .filter((m) => path === m.mountPath || path.startsWith(`${String(m.mountPath)}/`))
    .sort((a, b) => String(b.mountPath).length - String(a.mountPath).length)[0];
  if (!mount) return undefined;
  const volumes = (podSpecOf(workload)?.volumes as unknown[] | undefined)?.filter(isRecord) ?? [];
  const volume = volumes.find((v) => v.name === mount.name);
  const claim = getPath(volume, 'persistentVolumeClaim.claimName');
  return {
    claim: claim === undefined ? undefined : String(claim),
    mountPath: String(mount.mountPath),
    subPath: expandVariables(String(mount.subPathExpr ?? mount.subPath ?? ''), value),
  };
}

/** Where the shares write and where the merge reads: the same files, on the same volume, in the same run folder. */
export function sharePathProblems(objects: readonly KubernetesObject[]): string[] {
  const { shares, merge, share, wait, merger } = scaleOutParts(objects);
  const problems: string[] = [];
  const n = shareCount(objects);
  const shareValue = variablesOf(objects, shares, share);
  const exportPath = optionValue(stringList(share.args), '--metrics-export') ?? '';
  const files = Array.from({ length: n }, (_, index) =>
    expandVariables(exportPath, (name) =>
      name === 'JOB_COMPLETION_INDEX' ? String(index) : shareValue(name),
    ),
  );
  if (new Set(files).size !== n)
    problems.push(`share: --metrics-export ${exportPath} is not one file per index`);
  const shareMount = mountFor(shares, share, files[0] ?? '', shareValue);
  if (!shareMount?.claim)
    problems.push(`share: ${exportPath} is on no volume of a PersistentVolumeClaim: it dies with the pod`);

  const words = mergeWords(merger);
  // After `exec node <bin> merge`: the words that are neither an option nor an option's value are the shares.
  const flags = new Set(['--no-color']);
  const positional = words
    .slice(4)
    .filter(
      (word, i, all) => !word.startsWith('--') && !(all[i - 1]?.startsWith('--') && !flags.has(all[i - 1]!)),
    );
  const outputs = [
    '--summary-export',
    '--report',
    '--junit',
    '--gate-json',
    '--gate-markdown',
    '--gate-junit',
  ]
    .map((option) => optionValue(words, option))
    .filter((v): v is string => v !== undefined);
  const globs = positional.map(globPattern);
  for (const file of files)
    if (!globs.some((glob) => glob.test(file)))
      problems.push(`merge: ${positional.join(' ')} does not take in ${file}`);
  for (const output of outputs)
    if (globs.some((glob) => glob.test(output)))
      problems.push(
        `merge: its output ${output} matches ${positional.join(' ')}: a second merge would read it as a share`,
      );

  const mergeValue = variablesOf(objects, merge, merger);
  const mergeMount = mountFor(merge, merger, positional[0]?.replace(/\/[^/]*$/, '') ?? '', mergeValue);
  const waitValue = variablesOf(objects, merge, wait);
  const waitDir = waitValue('SHARES_DIR') ?? '';
  const waitMount = mountFor(merge, wait, waitDir, waitValue);
  for (const [who, mount] of [
    ['merge', mergeMount],
    ['wait-for-shares', waitMount],
  ] as const) {
    if (!mount || !shareMount) {
      problems.push(`${who}: the shares' folder is not mounted`);
      continue;
    }
    if (mount.claim !== shareMount.claim)
      problems.push(
        `${who}: reads claim ${String(mount.claim)}, the shares write to ${String(shareMount.claim)}`,
      );
    if (mount.mountPath !== shareMount.mountPath)
      problems.push(`${who}: mounts the shares at ${mount.mountPath}, the shares at ${shareMount.mountPath}`);
    if (mount.subPath !== shareMount.subPath)
      problems.push(
        `${who}: reads the volume's ${mount.subPath || '(root)'}, the shares write to ${shareMount.subPath || '(root)'}`,
      );
  }
  if (waitMount && shareMount && waitDir !== (files[0] ?? '').replace(/\/[^/]*$/, ''))
    problems.push(`wait-for-shares: SHARES_DIR ${waitDir} is not the folder of ${files[0]}`);
  files.forEach((file, index) => {
    if (file.split('/').at(-1) !== waitedShareName(index))
      problems.push(`share ${index}: writes ${file}, the merge's wait looks for ${waitedShareName(index)}`);
  });
  const claim = objects.find(
    (o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === shareMount?.claim,
  );
  if (claim && !stringList(getPath(claim, 'spec.accessModes')).includes('ReadWriteMany'))
    problems.push(
      `PersistentVolumeClaim ${claim.metadata.name}: not ReadWriteMany: n pods on n nodes cannot mount it at once`,
    );
  return problems;
}

/** The merge waits for the same run (RUN_ID, START_AT, SHARES) as long as the shares may run. */
export function waitProblems(objects: readonly KubernetesObject[]): string[] {
  const { shares, merge, share, wait } = scaleOutParts(objects);
  const problems: string[] = [];
  const shareValue = variablesOf(objects, shares, share);
  const waitValue = variablesOf(objects, merge, wait);
  for (const name of ['RUN_ID', 'START_AT', 'SHARES'])
    if (waitValue(name) === undefined || waitValue(name) !== shareValue(name))
      problems.push(
        `wait-for-shares: ${name} is ${String(waitValue(name))}, the shares' is ${String(shareValue(name))}`,
      );
  const waitSeconds = Number(waitValue('SHARES_WAIT_SECONDS'));
  const deadline = getPath(shares, 'spec.activeDeadlineSeconds');
  if (typeof deadline !== 'number' || !(waitSeconds >= deadline))
    problems.push(
      `wait-for-shares: gives up after ${waitSeconds} s, the shares may run ${String(deadline)} s (activeDeadlineSeconds): ` +
        'the merge would fail a run still going',
    );
  if (getPath(merge, 'spec.backoffLimit') !== 0)
    problems.push('fpt-merge: backoffLimit is not 0: a verdict of 99 would be merged again');
  return problems;
}

/** Every ConfigMap, key and claim a pod names is in the rendering (or marked optional). */
export function referenceProblems(objects: readonly KubernetesObject[]): string[] {
  const problems: string[] = [];
  const has = (kind: string, name: string) =>
    objects.some((o) => o.kind === kind && o.metadata.name === name);
  for (const workload of workloads(objects)) {
    const spec = podSpecOf(workload)!;
    const volumes = (Array.isArray(spec.volumes) ? spec.volumes : []).filter(isRecord);
    for (const volume of volumes) {
      const claim = getPath(volume, 'persistentVolumeClaim.claimName');
      if (claim !== undefined && !has('PersistentVolumeClaim', String(claim)))
        problems.push(`${workload.metadata.name}: claim ${String(claim)} is not in the rendering`);
      if (
        isRecord(volume.configMap) &&
        volume.configMap.optional !== true &&
        !has('ConfigMap', String(volume.configMap.name))
      )
        problems.push(
          `${workload.metadata.name}: ConfigMap ${String(volume.configMap.name)} is not in the rendering`,
        );
    }
    for (const { container } of everyContainer([workload])) {
      for (const mount of (Array.isArray(container.volumeMounts) ? container.volumeMounts : []).filter(
        isRecord,
      ))
        if (!volumes.some((v) => v.name === mount.name))
          problems.push(
            `${workload.metadata.name} ${container.name}: mounts ${String(mount.name)}, no volume of the pod`,
          );
      for (const [name, variable] of containerEnvironment(objects, workload, container))
        if (variable.source.startsWith('ConfigMap') && variable.value === undefined)
          problems.push(
            `${workload.metadata.name} ${container.name}: ${name} from ${variable.source}: not in the rendering`,
          );
    }
  }
  return problems;
}

export function agentParts(objects: readonly KubernetesObject[]): {
  deployment: KubernetesObject;
  agent: Container;
} {
  const deployment = objectNamed(objects, 'Deployment', 'fpt-agent');
  return { deployment, agent: containerNamed(deployment, 'agent') };
}

export function agentDeploymentProblems(objects: readonly KubernetesObject[]): string[] {
  const { deployment } = agentParts(objects);
  const problems: string[] = [];
  if (getPath(deployment, 'spec.replicas') !== 1)
    problems.push(
      `fpt-agent: ${String(getPath(deployment, 'spec.replicas'))} replicas: one agent holds one SQLite history`,
    );
  if (getPath(deployment, 'spec.strategy.type') !== 'Recreate')
    problems.push(
      'fpt-agent: not the Recreate strategy: a new pod would open the history while the old one holds it',
    );
  return problems;
}

/** A probe: its kind, path and the container port it resolves to. */
export interface Probe {
  kind: 'startupProbe' | 'livenessProbe' | 'readinessProbe';
  path: string | undefined;
  port: number | undefined;
}

export function agentProbes(objects: readonly KubernetesObject[]): Probe[] {
  const { agent } = agentParts(objects);
  const ports = (Array.isArray(agent.ports) ? agent.ports : []).filter(isRecord);
  return (['startupProbe', 'livenessProbe', 'readinessProbe'] as const)
    .filter((kind) => agent[kind] !== undefined)
    .map((kind) => {
      const port = getPath(agent, `${kind}.httpGet.port`);
      const resolved = typeof port === 'number' ? port : ports.find((p) => p.name === port)?.containerPort;
      const path = getPath(agent, `${kind}.httpGet.path`);
      return {
        kind,
        path: path === undefined ? undefined : String(path),
        port: typeof resolved === 'number' ? resolved : undefined,
      };
    });
}

/** Liveness and readiness on the documented routes, on the port the agent listens on (FPT_PORT). */
export function probeProblems(
  objects: readonly KubernetesObject[],
  routes: { liveness: string; readiness: string },
  imagePort: number,
): string[] {
  const { deployment, agent } = agentParts(objects);
  const problems: string[] = [];
  const probes = agentProbes(objects);
  const port = Number(containerEnvironment(objects, deployment, agent).get('FPT_PORT')?.value ?? imagePort);
  for (const [kind, path] of [
    ['livenessProbe', routes.liveness],
    ['readinessProbe', routes.readiness],
  ] as const) {
    const probe = probes.find((p) => p.kind === kind);
    if (!probe) problems.push(`agent: no ${kind}`);
    else if (probe.path !== path)
      problems.push(`agent: ${kind} asks ${String(probe.path)}, the agent's route is ${path}`);
  }
  for (const probe of probes)
    if (probe.port !== port)
      problems.push(`agent: ${probe.kind} asks port ${String(probe.port)}, the agent listens on ${port}`);
  return problems;
}

/** Between SIGTERM and SIGKILL: the agent's stop budget, a share's stop grace. */
export function gracePeriodProblems(
  objects: readonly KubernetesObject[],
  budgets: { agentStopBudgetMs: number; runStopGraceMs: number },
): string[] {
  return workloads(objects).flatMap((workload) => {
    const seconds = podSpecOf(workload)?.terminationGracePeriodSeconds;
    const agent = workload.kind === 'Deployment';
    const needMs = agent ? budgets.agentStopBudgetMs : budgets.runStopGraceMs;
    if (typeof seconds === 'number' && seconds * 1000 >= needMs) return [];
    return [
      `${workload.metadata.name}: terminationGracePeriodSeconds ${String(seconds ?? '30 (the default)')} < ${needMs / 1000} s ` +
        (agent
          ? "(agentStopBudgetMs): the agent is killed before its run's evidence is written"
          : '(runStopGraceMs)'),
    ];
  });
}

/** The agent's variables: documented ones only, tokens from a Secret, its data folder on its volume. */
export function agentEnvironmentProblems(
  objects: readonly KubernetesObject[],
  documented: ReadonlySet<string>,
): string[] {
  const { deployment, agent } = agentParts(objects);
  const env = containerEnvironment(objects, deployment, agent);
  const problems: string[] = [];
  for (const name of env.keys())
    if (name.startsWith('FPT_') && !documented.has(name))
      problems.push(`agent: ${name} is not in docs/agent.md's configuration table`);
  if (!env.get('FPT_TOKENS')?.source.startsWith('Secret'))
    problems.push(
      'agent: FPT_TOKENS does not come from a Secret (without tokens the agent refuses to listen beyond loopback)',
    );
  for (const [name, variable] of env)
    if (/TOKEN|PASSWORD/.test(name) && !variable.source.startsWith('Secret'))
      problems.push(`agent: ${name} is not from a Secret`);
  if (!env.get('FPT_ALLOW_TARGETS')?.value)
    problems.push('agent: FPT_ALLOW_TARGETS is empty: every run is refused');
  const dataDir = env.get('FPT_DATA_DIR')?.value;
  const mount = dataDir ? mountFor(deployment, agent, dataDir, () => undefined) : undefined;
  if (!mount?.claim)
    problems.push(
      `agent: FPT_DATA_DIR ${String(dataDir)} is on no PersistentVolumeClaim: the history dies with the pod`,
    );
  return problems;
}

export function serviceProblems(objects: readonly KubernetesObject[]): string[] {
  const { deployment, agent } = agentParts(objects);
  const service = objectNamed(objects, 'Service', 'fpt-agent');
  const problems: string[] = [];
  const labels = getPath(deployment, 'spec.template.metadata.labels') as Record<string, string> | undefined;
  const selector = getPath(service, 'spec.selector') as Record<string, string> | undefined;
  if (!selector || Object.entries(selector).some(([key, value]) => labels?.[key] !== value))
    problems.push(
      `Service fpt-agent: its selector ${JSON.stringify(selector)} does not select the agent's pods`,
    );
  const ports = (Array.isArray(agent.ports) ? agent.ports : []).filter(isRecord);
  for (const port of (getPath(service, 'spec.ports') as unknown[] | undefined)?.filter(isRecord) ?? [])
    if (!ports.some((p) => p.name === port.targetPort || p.containerPort === port.targetPort))
      problems.push(`Service fpt-agent: targetPort ${String(port.targetPort)} is no port of the agent`);
  return problems;
}

export function serviceLinkProblems(objects: readonly KubernetesObject[]): string[] {
  return workloads(objects)
    .filter((w) => podSpecOf(w)?.enableServiceLinks !== false)
    .map(
      (w) =>
        `${w.metadata.name}: service links on: a Service named like FPT_* (fpt: FPT_PORT=tcp://...) would set FPT_ variables`,
    );
}

/** Requests and limits of CPU and memory on every container, limits at least the requests. */
export function resourceProblems(objects: readonly KubernetesObject[]): string[] {
  return everyContainer(objects).flatMap(({ workload, container }) =>
    ['cpu', 'memory'].flatMap((resource) => {
      const where = `${workload.metadata.name} ${container.name} ${resource}`;
      const request = quantity(getPath(container, `resources.requests.${resource}`));
      const limit = quantity(getPath(container, `resources.limits.${resource}`));
      if (request === undefined) return [`${where}: no request`];
      if (limit === undefined) return [`${where}: no limit`];
      return limit >= request
        ? []
        : [`${where}: limit ${String(getPath(container, `resources.limits.${resource}`))} < request`];
    }),
  );
}

/** Worker threads follow the CPU limit: Node's count is the node's cores, not the pod's quota. */
export function workerProblems(objects: readonly KubernetesObject[]): string[] {
  const problems: string[] = [];
  const check = (
    workload: KubernetesObject,
    container: Container,
    variable: string | undefined,
    who: string,
  ) => {
    const field = getPath(
      (Array.isArray(container.env) ? container.env : []).find((v) => isRecord(v) && v.name === variable),
      'valueFrom.resourceFieldRef',
    );
    const limit = quantity(getPath(container, 'resources.limits.cpu'));
    const value = containerEnvironment(objects, workload, container).get(variable ?? '')?.value;
    if (
      !isRecord(field) ||
      field.resource !== 'limits.cpu' ||
      (field.containerName ?? container.name) !== container.name
    )
      problems.push(
        `${who}: the worker count ${variable ? `$(${variable})` : '(none)'} is not this container's limits.cpu`,
      );
    else if (limit === undefined || Number(value) !== Math.ceil(limit))
      problems.push(`${who}: ${String(value)} workers for ${String(limit)} CPUs`);
  };
  const { shares, share } = scaleOutPartsIfAny(objects) ?? {};
  if (shares && share) {
    const workers = optionValue(stringList(share.args), '--workers');
    check(shares, share, /^\$\(([A-Z_]+)\)$/.exec(workers ?? '')?.[1], 'share --workers');
  }
  const agent = agentPartsIfAny(objects);
  if (agent) check(agent.deployment, agent.agent, 'FPT_RUN_WORKERS', 'agent FPT_RUN_WORKERS');
  return problems;
}

/** The figures of the newest bench/results file with the memory-per-VU section. */
export interface BenchMemory {
  file: string;
  baselinePeakRssMb: number;
  peakPerVuKiB: number;
  tenThousandPeakRssMb: number;
}

/** A share holds 10,000 VUs (the bench's own run) and the agent a run of FPT_MAX_VUS, at peak memory. */
export function sizingProblems(
  objects: readonly KubernetesObject[],
  bench: BenchMemory,
  agentMaxVus: number,
): string[] {
  const problems: string[] = [];
  const mib = 1024 ** 2;
  const parts = scaleOutPartsIfAny(objects);
  if (parts) {
    const request = quantity(getPath(parts.share, 'resources.requests.memory')) ?? 0;
    if (request < bench.tenThousandPeakRssMb * mib)
      problems.push(
        `share: ${request / mib} MiB requested, 10,000 VUs peaked at ${bench.tenThousandPeakRssMb.toFixed(0)} MB (${bench.file})`,
      );
  }
  const agent = agentPartsIfAny(objects);
  if (agent) {
    const request = quantity(getPath(agent.agent, 'resources.requests.memory')) ?? 0;
    const needed = (bench.baselinePeakRssMb + (agentMaxVus * bench.peakPerVuKiB) / 1024) * mib;
    if (request < needed)
      problems.push(
        `agent: ${request / mib} MiB requested, a run of ${agentMaxVus} VUs peaks at ${(needed / mib).toFixed(0)} MB (${bench.file})`,
      );
  }
  return problems;
}

/** One image everywhere (the agent image); in an overlay, pinned to a tag or digest. */
export function imageProblems(objects: readonly KubernetesObject[], pinned: boolean): string[] {
  const images = new Set(everyContainer(objects).map(({ container }) => String(container.image)));
  const problems = images.size === 1 ? [] : [`more than one image: ${[...images].join(', ')}`];
  if (pinned)
    for (const image of images) {
      const { tag, digest } = splitImage(image);
      if (!digest && (!tag || tag === 'latest')) problems.push(`${image}: not pinned to a tag or digest`);
    }
  return problems;
}

function scaleOutPartsIfAny(objects: readonly KubernetesObject[]): ScaleOut | undefined {
  return objects.some((o) => o.kind === 'Job' && o.metadata.name === 'fpt-shares')
    ? scaleOutParts(objects)
    : undefined;
}

function agentPartsIfAny(objects: readonly KubernetesObject[]) {
  return objects.some((o) => o.kind === 'Deployment' && o.metadata.name === 'fpt-agent')
    ? agentParts(objects)
    : undefined;
}

/** The run's preset is where the share pods look: a seed preset of the image, or a file of the fpt-presets ConfigMap. */
export function presetProblems(
  objects: readonly KubernetesObject[],
  seedPresets: readonly string[],
  imageWorkdir: string,
): string[] {
  const { shares, share } = scaleOutParts(objects);
  const value = variablesOf(objects, shares, share);
  const preset = expandVariables(stringList(share.args)[3] ?? '', value);
  if (!preset.includes('/')) {
    const folder = value('FPT_PRESETS_DIR');
    if (folder !== `${imageWorkdir}/presets`)
      return [
        `share: preset ${preset} is looked up in ${String(folder)}, the image's presets are in ${imageWorkdir}/presets`,
      ];
    return seedPresets.includes(preset)
      ? []
      : [`share: ${preset} is not a seed preset (presets/${preset}.yaml)`];
  }
  const mounts = (Array.isArray(share.volumeMounts) ? share.volumeMounts : []).filter(isRecord);
  const mount = mounts.find((m) => preset.startsWith(`${String(m.mountPath)}/`));
  const volume = ((podSpecOf(shares)?.volumes as unknown[] | undefined) ?? [])
    .filter(isRecord)
    .find((v) => v.name === mount?.name);
  const configMap = getPath(volume, 'configMap.name');
  const data = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === configMap)?.data;
  const key = preset.slice(String(mount?.mountPath ?? '').length + 1);
  return isRecord(data) && key in data ? [] : [`share: ${preset} is in no ConfigMap of the rendering`];
}
