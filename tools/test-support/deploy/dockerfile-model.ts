import {
  type Cmd,
  type Copy,
  DockerfileParser,
  type Entrypoint,
  type Env,
  type Healthcheck,
  type Instruction,
  type Label,
} from 'dockerfile-ast';

/** The instructions of a Dockerfile that the deployment checks reason about, in file order, by stage. */
export type Step =
  | { kind: 'workdir'; line: number; path: string }
  | { kind: 'copy'; line: number; from: string | undefined; sources: string[]; dest: string }
  | { kind: 'run'; line: number; command: string }
  | { kind: 'env'; line: number; values: Record<string, string> }
  | { kind: 'other'; line: number; keyword: string };

export interface Stage {
  name: string | undefined;
  baseImage: string;
  line: number;
  steps: Step[];
  env: Record<string, string>;
  /** The last WORKDIR of the stage (Docker's default is /). */
  workdir: string;
  entrypoint: string[] | undefined;
  cmd: string[] | undefined;
  /** The HEALTHCHECK's CMD in exec form, with its flags (interval, timeout...). */
  healthcheck: { command: string[]; flags: Record<string, string> } | undefined;
  exposedPorts: number[];
  labels: Record<string, string>;
  user: string | undefined;
}

export interface DockerfileModel {
  stages: Stage[];
  /** The stage the image is made of: the last one. */
  final: Stage;
}

export function parseDockerfile(text: string): DockerfileModel {
  const dockerfile = DockerfileParser.parse(text);
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const line = instruction.getRange().start.line + 1;
    if (keyword === 'FROM') {
      const from = dockerfile.getFROMs().find((f) => f.getRange().start.line + 1 === line)!;
      stages.push({
        name: from.getBuildStage() ?? undefined,
        baseImage: from.getImage() ?? '',
        line,
        steps: [],
        env: {},
        workdir: '/',
        entrypoint: undefined,
        cmd: undefined,
        healthcheck: undefined,
        exposedPorts: [],
        labels: {},
        user: undefined,
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue; // ARGs before the first FROM
    stage.steps.push(toStep(instruction, keyword, line, stage));
  }
  const final = stages.at(-1);
  if (!final) throw new Error('the Dockerfile has no FROM instruction');
  return { stages, final };
}

function toStep(instruction: Instruction, keyword: string, line: number, stage: Stage): Step {
  switch (keyword) {
    case 'WORKDIR': {
      const path = instruction.getArgumentsContent() ?? '/';
      stage.workdir = path.startsWith('/') ? path : joinPosix(stage.workdir, path);
      return { kind: 'workdir', line, path: stage.workdir };
    }
    case 'COPY': {
      const copy = instruction as Copy;
      const args = copy.getArguments().map((argument) => argument.getValue());
      const from = copy.getFlags().find((flag) => flag.getName() === 'from');
      return {
        kind: 'copy',
        line,
        from: from?.getValue() ?? undefined,
        sources: args.slice(0, -1),
        dest: args.at(-1) ?? '',
      };
    }
    case 'RUN':
      return { kind: 'run', line, command: instruction.getArgumentsContent() ?? '' };
    case 'ENV': {
      const values: Record<string, string> = {};
      for (const property of (instruction as Env).getProperties()) {
        values[property.getName()] = unquote(property.getValue() ?? '');
      }
      Object.assign(stage.env, values);
      return { kind: 'env', line, values };
    }
    case 'CMD':
      stage.cmd = execForm(instruction as Cmd, line);
      break;
    case 'ENTRYPOINT':
      stage.entrypoint = execForm(instruction as Entrypoint, line);
      break;
    case 'HEALTHCHECK':
      stage.healthcheck = healthcheckOf(instruction as Healthcheck, line);
      break;
    case 'EXPOSE':
      stage.exposedPorts.push(
        ...instruction.getArguments().map((argument) => Number.parseInt(argument.getValue(), 10)),
      );
      break;
    case 'LABEL':
      for (const property of (instruction as Label).getProperties()) {
        stage.labels[property.getName()] = unquote(property.getValue() ?? '');
      }
      break;
    case 'USER':
      stage.user = instruction.getArgumentsContent() ?? undefined;
      break;
  }
  return { kind: 'other', line, keyword };
}

/** CMD/ENTRYPOINT must be in exec form: a shell form would put sh, not tini or node, in charge of signals. */
function execForm(instruction: Cmd | Entrypoint, line: number): string[] {
  const strings = instruction.getJSONStrings();
  if (strings.length === 0) {
    throw new Error(
      `line ${line}: ${instruction.getKeyword()} must use the exec form ["program", "arg", ...]`,
    );
  }
  return strings.map((value) => value.getJSONValue());
}

function healthcheckOf(instruction: Healthcheck, line: number): Stage['healthcheck'] {
  const raw = instruction.getArgumentsContent() ?? '';
  const at = raw.indexOf('CMD');
  if (at < 0) return undefined; // HEALTHCHECK NONE
  let command: unknown;
  try {
    command = JSON.parse(raw.slice(at + 3).trim());
  } catch {
    throw new Error(`line ${line}: HEALTHCHECK CMD must use the exec form ["program", "arg", ...]`);
  }
  const flags: Record<string, string> = {};
  for (const flag of instruction.getFlags()) flags[flag.getName()] = flag.getValue() ?? '';
  return { command: command as string[], flags };
}

/** An ENV or LABEL value as Docker reads it: quotes removed, backslash escapes applied. */
function unquote(raw: string): string {
  let out = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else out += char;
    } else if (char === '\\' && i + 1 < raw.length) {
      out += raw[++i];
    } else if (char === '"' || (char === "'" && quote === undefined)) {
      quote = quote === char ? undefined : char;
    } else {
      out += char;
    }
  }
  return out;
}

export function joinPosix(base: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${base}/${path}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}
