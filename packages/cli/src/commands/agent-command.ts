import { fileURLToPath } from 'node:url';
import {
  AgentBackupError,
  AgentConfigError,
  type AgentFlags,
  agentDataDir,
  backupAgentData,
  readAgentConfig,
  restoreAgentData,
  startAgent,
} from '@fpt/agent';
import { EngineError, ExitCode, findChromium } from '@fpt/engine';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { collectList, portNumber } from '../parse-options.js';
import { version } from '../version.js';

/** The presets shipped with FPT, beside the packages (also in the container image). */
const shippedPresets = fileURLToPath(new URL('../../../../presets', import.meta.url));
const binPath = fileURLToPath(new URL('../bin.js', import.meta.url));

export function registerAgentCommand(program: Command, io: CliIo): void {
  const agent = program
    .command('agent')
    .description(
      'Run a regional agent: HTTP API, web UI, live streams and run history on one port (see docs/agent.md).',
    )
    .option('--port <port>', 'port to listen on, 0 for any free one (default: $FPT_PORT or 8790)', portNumber)
    .option('--bind <address>', 'address to listen on (default: 0.0.0.0 with a token, else 127.0.0.1)')
    .option('--region <name>', 'region tag of every run (default: $FPT_REGION or "local")')
    .option('--agent-id <id>', 'agent tag of every run (default: $FPT_AGENT_ID or the host name)')
    .option('--data-dir <dir>', 'run folders and the history index (default: $FPT_DATA_DIR or .fpt/agent)')
    .option('--presets-dir <dir>', 'presets offered (default: $FPT_PRESETS_DIR or <data-dir>/presets)')
    .option(
      '--allow-target <rule...>',
      'hosts runs may aim at (default: $FPT_ALLOW_TARGETS)',
      collectList,
      [],
    )
    .addHelpText(
      'after',
      '\nExamples:\n  FPT_TOKENS=secret FPT_ALLOW_TARGETS=127.0.0.1 fpt agent --port 8790\n  fpt agent --allow-target 127.0.0.1   # no token: loopback only',
    )
    .action(async (flags: AgentFlags) => {
      io.setExitCode(await agentCommand(flags, io));
    });
  agent
    .command('backup')
    .description(
      "Write one .tar.gz of the agent's history: a consistent copy of the index (SQLite's online backup) and the run folders it names. Safe while the agent runs.",
    )
    .argument(
      '<file>',
      'the archive to write, e.g. /data/backups/fpt-2026-05-01.tar.gz (replaced if it exists)',
    )
    .addHelpText(
      'after',
      "\nThe data folder is `fpt agent`'s: --data-dir before the subcommand, else $FPT_DATA_DIR, else .fpt/agent.\nExamples:\n  fpt agent backup backups/fpt.tar.gz\n  docker exec <agent container> node packages/cli/dist/bin.js agent backup /data/backups/fpt.tar.gz",
    )
    .action(async (file: string, _options: unknown, command: Command) => {
      const dataDir = agentDataDir(io.env, (command.optsWithGlobals() as AgentFlags).dataDir);
      io.setExitCode(await backupCommand(dataDir, file, io));
    });
  agent
    .command('restore')
    .description(
      'Unpack a backup into a data folder that holds no history yet (the agent stopped, or not started there yet); the next agent there lists the same runs.',
    )
    .argument('<file>', 'an archive `fpt agent backup` wrote')
    .addHelpText(
      'after',
      "\nThe data folder is `fpt agent`'s: --data-dir before the subcommand, else $FPT_DATA_DIR, else .fpt/agent.\nExample:\n  fpt agent --data-dir /tmp/drill restore backups/fpt.tar.gz && fpt agent --data-dir /tmp/drill",
    )
    .action(async (file: string, _options: unknown, command: Command) => {
      const dataDir = agentDataDir(io.env, (command.optsWithGlobals() as AgentFlags).dataDir);
      io.setExitCode(await restoreCommand(dataDir, file, io));
    });
}

async function backupCommand(dataDir: string, file: string, io: CliIo): Promise<number> {
  try {
    const result = await backupAgentData({ dataDir, file, fptVersion: version });
    const { manifest } = result;
    io.stdout(
      `backup written to ${result.file}: ${manifest.runs} runs (${manifest.runningRuns} running), ${result.runFolders} run folders, ${manifest.fleetRuns} fleet runs, ${result.files} files, ${mebibytes(result.bytes)}; index schema version ${manifest.historySchemaVersion}, as of ${manifest.createdAt}\n`,
    );
    if (result.missingFolders.length > 0) {
      io.stderr(
        `WARN ${result.missingFolders.length} runs of the index have no folder (removed by retention meanwhile, or never written): ${result.missingFolders.slice(0, 5).join(', ')}${result.missingFolders.length > 5 ? ', ...' : ''}\n`,
      );
    }
    return ExitCode.ok;
  } catch (error) {
    return backupFailure('fpt agent backup', error, io);
  }
}

async function restoreCommand(dataDir: string, file: string, io: CliIo): Promise<number> {
  try {
    const result = await restoreAgentData({ file, dataDir });
    const { manifest } = result;
    io.stdout(
      `restored ${manifest.runs} runs (${result.files} files) from ${file} into ${result.dataDir}, the history as of ${manifest.createdAt}${manifest.runningRuns > 0 ? `; ${manifest.runningRuns} runs were running then, and the agent records them as aborted (or from their summary) when it starts` : ''}\n`,
    );
    return ExitCode.ok;
  } catch (error) {
    return backupFailure('fpt agent restore', error, io);
  }
}

function backupFailure(command: string, error: unknown, io: CliIo): number {
  if (error instanceof AgentBackupError) {
    io.stderr(`${command}: ${error.message}\n  hint: ${error.hint}\n`);
    return ExitCode.invalidConfig;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^(E[A-Z]+|SQLITE_)/.test(code)) {
    // The file system or SQLite said no (a full disk, no permission, a locked index): say what and where.
    io.stderr(
      `${command}: ${(error as Error).message}\n  hint: check the paths, the free space and the permissions\n`,
    );
    return ExitCode.internalError;
  }
  throw error;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function agentCommand(flags: AgentFlags, io: CliIo): Promise<number> {
  const log = (line: string) => io.stdout(`${new Date().toISOString()} ${line}\n`);
  let config: ReturnType<typeof readAgentConfig>;
  try {
    config = readAgentConfig(io.env, flags, { seedPresetsDir: shippedPresets });
  } catch (error) {
    if (!(error instanceof AgentConfigError)) throw error;
    io.stderr(`fpt agent: ${error.message}\n  hint: ${error.hint}\n`);
    return ExitCode.invalidConfig;
  }
  const agent = await startAgent({
    config,
    runCommand: { command: process.execPath, args: [binPath, 'run'] },
    version,
    env: io.env,
    browser: () => {
      try {
        return { ok: true, detail: findChromium(io.env) };
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        return { ok: false, detail: `${error.message}; browser presets cannot run here` };
      }
    },
    log,
  });
  if (config.tokens.length === 0) {
    log(`no FPT_TOKENS set: the API is open, so the agent listens on ${config.bind} only`);
  }
  if (config.allowTargets.length === 0) {
    log('FPT_ALLOW_TARGETS is empty: every run will be refused until it names the targets');
  }
  log(
    `region ${config.region}, agent ${config.agentId}, data ${config.dataDir}, presets ${config.presetsDir}`,
  );
  // Tests and scripts wait for this exact line to learn the port.
  io.stdout(`fpt agent listening on ${agent.url}\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  log(`${signal}: stopping; the running run (if any) stops, writes its evidence and is recorded as stopped`);
  // SIGTERM is what `docker stop` sends, so what a redeploy sends the container it replaces.
  await agent.close({
    reason: `the agent was stopped (${signal}${signal === 'SIGTERM' ? ', as a redeploy or docker stop sends it' : ''})`,
  });
  log('stopped');
  return ExitCode.ok;
}
