import { fileURLToPath } from 'node:url';
import { AgentConfigError, type AgentFlags, readAgentConfig, startAgent } from '@fpt/agent';
import { EngineError, ExitCode, findChromium } from '@fpt/engine';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { collectList, portNumber } from '../parse-options.js';
import { version } from '../version.js';

/** The presets shipped with FPT, beside the packages (also in the container image). */
const shippedPresets = fileURLToPath(new URL('../../../../presets', import.meta.url));
const binPath = fileURLToPath(new URL('../bin.js', import.meta.url));

export function registerAgentCommand(program: Command, io: CliIo): void {
  program
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
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('stopping: the running run (if any) stops and writes its summary');
  await agent.close();
  return ExitCode.ok;
}
